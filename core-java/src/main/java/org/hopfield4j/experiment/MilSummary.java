package org.hopfield4j.experiment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link MilSweep} found: per model, number of training bags and mean bag size, the test AUC and
 * accuracy as mean and sample standard deviation over the seeds; and the attention maps of a few test bags.
 *
 * @param points one point per model, count and mean size
 * @param attention the attention maps kept by the sweep (every model's, same bags)
 */
public record MilSummary(List<Point> points, List<MilExperiment.AttentionMap> attention) {
    /** The CSV columns, exactly. */
    public static final String[] COLUMNS = {"model", "bags", "mean_bag", "auc_mean", "auc_std", "acc_mean", "acc_std", "seeds"};

    /** One grid point: mean and sample std (n − 1; 0 for one seed) over the seeds. */
    public record Point(MilModel model, int bags, double meanBag, double aucMean, double aucStd, double accMean,
                        double accStd, int seeds) {}

    public MilSummary {
        points = List.copyOf(points);
        attention = List.copyOf(attention);
    }

    /** The table: {@code model,bags,mean_bag,auc_mean,auc_std,acc_mean,acc_std,seeds}, model by model. */
    public ResultTable table() {
        ResultTable t = new ResultTable(COLUMNS);
        points.stream().sorted(Comparator.comparing(Point::model)).forEach(p -> t.add(p.model().label(), p.bags(),
                meanBag(p.meanBag()), p.aucMean(), p.aucStd(), p.accMean(), p.accStd(), p.seeds()));
        return t;
    }

    /** A mean size as written: an integer when it is one (10, not 10.000000). */
    public static Object meanBag(double m) {
        return m == Math.rint(m) ? (Object) (long) m : (Object) m;
    }

    /** "bags 500 mean 10", for progress lines. */
    static String pointName(int bags, double meanBag) {
        return String.format(Locale.ROOT, "bags %d mean %s", bags, meanBag(meanBag));
    }
}
