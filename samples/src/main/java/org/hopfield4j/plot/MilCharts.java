package org.hopfield4j.plot;

import java.util.ArrayList;
import java.util.List;
import org.hopfield4j.experiment.MilSummary;

/**
 * The plots of the multiple-instance sweep, drawn the same way by {@code experiment mil} and the
 * {@code mil-bags.hop.kts} script: test AUC of every model against the training bags (log-x), one line per
 * model and mean bag size; with several mean sizes, beside it the AUC against the mean bag size at the
 * largest number of training bags.
 */
public final class MilCharts {
    private static final String AUC = "test AUC";

    private MilCharts() {}

    /** @param what the data and seeds for the titles */
    public static ErrorBarChart[] of(MilSummary summary, String what) {
        List<MilSummary.Point> points = summary.points();
        long means = points.stream().mapToDouble(MilSummary.Point::meanBag).distinct().count();
        int largest = points.stream().mapToInt(MilSummary.Point::bags).max().orElse(0);
        List<ErrorBarChart> charts = new ArrayList<>();
        if (points.stream().mapToInt(MilSummary.Point::bags).distinct().count() > 1 || means == 1) {
            ErrorBarChart byBags = new ErrorBarChart("MNIST-bags: " + what, "training bags", AUC).logX();
            for (MilSummary.Point p : points) {
                String series = means == 1 ? p.model().label() : p.model().label() + ", mean bag " + MilSummary.meanBag(p.meanBag());
                byBags.add(series, p.bags(), p.aucMean(), p.aucStd());
            }
            charts.add(byBags);
        }
        if (means > 1) {
            ErrorBarChart bySize = new ErrorBarChart("Bag size, " + largest + " training bags: " + what, "mean bag size", AUC).logX();
            points.stream().filter(p -> p.bags() == largest)
                    .forEach(p -> bySize.add(p.model().label(), p.meanBag(), p.aucMean(), p.aucStd()));
            charts.add(bySize);
        }
        return charts.toArray(ErrorBarChart[]::new);
    }
}
