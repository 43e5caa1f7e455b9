package org.hopfield4j.experiment;

import java.util.List;

/**
 * What a sweep of {@link ProtocolSweep} found: per model and value of the swept axis, the mean and
 * sample standard deviation over the seeds of the retrieval error (and, for the epochs sweep, of
 * U-Hop's separation loss), model by model as the {@code experiment} commands write them.
 *
 * @param axis the swept axis as a CSV column: {@code M}, {@code sigma} or {@code epochs}
 * @param points one point per model and axis value
 */
public record SweepSummary(String axis, List<Point> points) {
    /**
     * @param model the model
     * @param at the axis value (an Integer M or N, a Double σ)
     * @param mean mean error over the seeds
     * @param std its sample standard deviation (n − 1; 0 for one seed)
     * @param lossMean mean separation loss (epochs sweep only, else NaN)
     * @param lossStd its sample standard deviation (epochs sweep only, else NaN)
     * @param seeds the number of seeds
     */
    public record Point(Model model, Number at, double mean, double std, double lossMean, double lossStd, int seeds) {}

    public SweepSummary {
        points = List.copyOf(points);
    }

    /** Whether the points carry U-Hop's separation loss (the epochs sweep). */
    public boolean hasLoss() {
        return axis.equals(ProtocolSweep.EPOCHS);
    }

    /** The commands' CSV layout: {@code model,<axis>,mean,std,seeds}, or with {@code loss_mean,loss_std} before seeds. */
    public ResultTable table() {
        ResultTable t = hasLoss()
                ? new ResultTable("model", axis, "mean", "std", "loss_mean", "loss_std", "seeds")
                : new ResultTable("model", axis, "mean", "std", "seeds");
        for (Point p : points) {
            if (hasLoss()) {
                t.add(p.model().label(), p.at(), p.mean(), p.std(), p.lossMean(), p.lossStd(), p.seeds());
            } else {
                t.add(p.model().label(), p.at(), p.mean(), p.std(), p.seeds());
            }
        }
        return t;
    }
}
