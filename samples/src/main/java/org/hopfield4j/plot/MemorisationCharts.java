package org.hopfield4j.plot;

import org.hopfield4j.experiment.MemorisationSweep;

/**
 * The plot of the memorisation sweep (U-Hop's Figure 6): training accuracy (memorisation) and test accuracy
 * (generalisation) against N, log-x, one line per data set and model.
 */
public final class MemorisationCharts {
    private MemorisationCharts() {}

    /** @param what the seeds for the titles */
    public static ErrorBarChart[] of(java.util.List<MemorisationSweep.Point> points, String what) {
        ErrorBarChart train = new ErrorBarChart("Training accuracy (memorisation), " + what, "N (training samples)",
                "training accuracy").logX();
        ErrorBarChart test = new ErrorBarChart("Test accuracy (generalisation), " + what, "N (training samples)",
                "test accuracy").logX();
        for (MemorisationSweep.Point p : points) {
            String series = p.dataset() + " " + p.model().label();
            train.add(series, p.n(), p.trainMean(), p.trainStd());
            test.add(series, p.n(), p.testMean(), p.testStd());
        }
        return new ErrorBarChart[] {train, test};
    }
}
