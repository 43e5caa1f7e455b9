package org.hopfield4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HelpTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of(), List.of("separate", "retrieve", "learn-kernel", "bench", "--version", "--debug", "Exit codes")),
                Arguments.of(List.of("separate"),
                        List.of("--map", "--alpha", "--beta", "--in", "--out", "softmax, sparsemax, entmax15, entmax, normmax")),
                Arguments.of(List.of("retrieve"), List.of("--memories", "--queries", "--map", "--alpha", "--degree",
                        "--beta", "--steps", "--eps", "--similarity", "--kernel", "--out", "--weights", "--energy",
                        "normmax, poly", "offsets.npy")),
                Arguments.of(List.of("learn-kernel"), List.of("--memories", "--epochs", "--lr", "--t", "--loss",
                        "--schedule", "--optimizer", "--no-normalize-features", "--no-row-normalize", "--seed",
                        "--first-half", "--out", "avg, max, dl", "constant, sqrt, cumulative")),
                Arguments.of(List.of("bench"), List.of("separation", "retrieval", "uhop")),
                Arguments.of(List.of("bench", "retrieval"), List.of("--sizes", "--batch", "--repeats", "--csv",
                        "--maps", "--java-queries")),
                Arguments.of(List.of("bench", "uhop"), List.of("--sizes", "--dim", "--repeats", "--csv")),
                Arguments.of(List.of("bench", "separation"), List.of("--sizes", "--rows", "--repeats", "--threads",
                        "--dtype", "--csv", "--maps", "--alpha", "--seed", "--warmup")));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpExitsZeroAndListsTheFlags(List<String> command, List<String> mentions) {
        for (String flag : List.of("--help", "-h")) {
            String[] args = Stream.concat(command.stream(), Stream.of(flag)).toArray(String[]::new);
            CliRun run = CliRun.run(args);
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("", run.err(), run::toString);
            assertTrue(run.out().startsWith("Usage: hopfield4j") || run.out().contains("\nUsage: hopfield4j"),
                    run::toString);
            for (String m : mentions) {
                assertTrue(run.out().contains(m), () -> "help mentions " + m + "\n" + run);
            }
        }
    }

    @Test
    void helpSubcommandShowsTheCommandsHelp() {
        CliRun run = CliRun.run("help", "separate");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--map"), run::toString);
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("hopfield4j "), run::toString);
        assertTrue(!run.out().contains("null") && !run.out().contains("${"), run::toString);
    }
}
