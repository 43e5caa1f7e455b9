package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.experiment.MemorisationExperiment;
import org.hopfield4j.experiment.MemorisationSweep;
import org.hopfield4j.experiment.MilModel;
import org.hopfield4j.experiment.MilSweep;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The grids {@code experiment mil} and {@code experiment memorise} run: with no option the quick default, with
 * {@code --paper} the issue's paper-sized grid, each option given replacing only its own value; and the help
 * text states the values the code uses.
 */
class LearningExperimentGridTest {
    private static final List<String> ALL_MIL_MODELS =
            List.of("dense", "sparse", "entmax15", "entmax-learned", "uhop-dense", "uhop-sparse");

    private static MilSweep.Grid milGrid(String... args) {
        ExperimentMilCommand cmd = new ExperimentMilCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.grid();
    }

    private static MemorisationSweep.Grid memoriseGrid(String... args) {
        ExperimentMemoriseCommand cmd = new ExperimentMemoriseCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.grid();
    }

    private static List<String> labels(List<MilModel> models) {
        return models.stream().map(MilModel::label).toList();
    }

    private static String joined(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String help(Object command) {
        return new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    }

    /** Mean bag size 10, std 2 and all six models, as the issue asks for both grids. */
    private static void assertMilGrid(MilSweep.Grid g, List<Integer> bagCounts, int seeds) {
        assertEquals(bagCounts, g.bagCounts());
        assertEquals(List.of(10.0), g.meanSizes());
        assertEquals(2.0, g.bagStd());
        assertEquals(ALL_MIL_MODELS, labels(g.models()));
        assertEquals(seeds, g.seeds());
    }

    @Test
    void milWithoutOptionsRunsTheQuickGridAndPaperIsTheIssuesGrid() {
        assertMilGrid(milGrid(), List.of(100, 500), 2);
        assertEquals(MilSweep.Grid.QUICK, milGrid());
        assertMilGrid(milGrid("--paper"), List.of(50, 100, 150, 200, 300, 400, 500), 5);
        assertEquals(MilSweep.Grid.PAPER, milGrid("--paper"));
    }

    @Test
    void milOptionsReplaceOnlyTheirOwnValueOfEitherGrid() {
        MilSweep.Grid g = milGrid("--paper", "--bags", "300", "--mean-bag", "100,10,50,20", "--models", "sparse,dense");
        assertEquals(List.of(300), g.bagCounts());
        assertEquals(List.of(10.0, 20.0, 50.0, 100.0), g.meanSizes());
        assertEquals(List.of("sparse", "dense"), labels(g.models()));
        assertEquals(5, g.seeds(), "--paper's seeds");
        assertEquals(2.0, g.bagStd());
        MilSweep.Grid q = milGrid("--seeds", "3", "--bag-std", "0");
        assertEquals(List.of(3, 0.0), List.of(q.seeds(), q.bagStd()));
        assertEquals(MilSweep.Grid.QUICK.bagCounts(), q.bagCounts());
    }

    @Test
    void milHelpStatesBothGridsValues() {
        String help = help(new ExperimentMilCommand());
        assertTrue(help.contains("(default: " + joined(MilSweep.Grid.QUICK.bagCounts()) + "; --paper: "
                + joined(MilSweep.Grid.PAPER.bagCounts()) + ")"), help);
        assertTrue(help.contains("(default: " + MilSweep.Grid.QUICK.seeds() + "; --paper: " + MilSweep.Grid.PAPER.seeds() + ")"),
                help);
        assertTrue(help.contains("default and --paper: 10;") && help.contains("(default and --paper: 2)"), help);
        assertTrue(help.contains("100 and 500 training bags, mean bag size 10, std 2, all six models, 2 seeds")
                && help.contains("50, 100, 150, 200, 300, 400, 500 training bags, mean bag size 10, std 2, all six models, 5 seeds"),
                help);
    }

    @Test
    void memoriseWithoutOptionsRunsTheQuickGridAndPaperIsFigure6sGrid() {
        MemorisationSweep.Grid q = memoriseGrid();
        assertEquals(List.of(StandardDataset.MNIST_FULL), q.datasets());
        assertEquals(List.of(100, 1000, 10000), q.sizes());
        assertEquals(List.of(MemorisationExperiment.Variant.values()), q.models());
        assertEquals(2, q.seeds());
        MemorisationSweep.Grid p = memoriseGrid("--paper");
        assertEquals(List.of(StandardDataset.MNIST_FULL, StandardDataset.FASHION_MNIST), p.datasets());
        assertEquals(List.of(100, 300, 1000, 3000, 10000), p.sizes());
        assertEquals(List.of("hopfield", "uhop"), p.models().stream().map(MemorisationExperiment.Variant::label).toList());
        assertEquals(5, p.seeds());
        MemorisationSweep.Grid o = memoriseGrid("--paper", "--datasets", "fashion-mnist", "--sizes", "300,100", "--models", "uhop");
        assertEquals(List.of(StandardDataset.FASHION_MNIST), o.datasets());
        assertEquals(List.of(100, 300), o.sizes());
        assertEquals(List.of(MemorisationExperiment.Variant.UHOP), o.models());
        assertEquals(5, o.seeds());
    }

    @Test
    void memoriseHelpStatesBothGridsValues() {
        String help = help(new ExperimentMemoriseCommand());
        assertTrue(help.contains("(default: " + joined(MemorisationSweep.Grid.QUICK.sizes()) + "; --paper: "
                + joined(MemorisationSweep.Grid.PAPER.sizes()) + ")"), help);
        String quickSets = MemorisationSweep.Grid.QUICK.datasets().stream().map(StandardDataset::cliName).collect(Collectors.joining(","));
        String paperSets = MemorisationSweep.Grid.PAPER.datasets().stream().map(StandardDataset::cliName).collect(Collectors.joining(","));
        assertTrue(help.contains("(default: " + quickSets + "; --paper: " + paperSets + ")"), help);
        assertTrue(help.contains("(default: " + MemorisationSweep.Grid.QUICK.seeds() + "; --paper: "
                + MemorisationSweep.Grid.PAPER.seeds() + ")"), help);
    }
}
