package org.hopfield4j.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * The points of a {@code mil.csv} as {@link #table()} writes it (exactly {@link #COLUMNS}), without attention
     * maps: to merge runs of the same protocol ({@link #merge}) and draw them again.
     *
     * @param lines the file's lines, the header first
     */
    public static MilSummary readCsv(List<String> lines) {
        String header = String.join(",", COLUMNS);
        if (lines.isEmpty() || !lines.get(0).strip().equals(header)) {
            throw new IllegalArgumentException("a mil.csv starts with the header " + header + ", got "
                    + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).strip().split(",", -1);
            if (f.length != COLUMNS.length) {
                throw new IllegalArgumentException("mil.csv line " + (i + 1) + ": expected " + COLUMNS.length + " fields, got "
                        + f.length + " in '" + lines.get(i) + "'");
            }
            try {
                points.add(new Point(MilModel.named(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Integer.parseInt(f[7])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mil.csv line " + (i + 1) + ": " + e.getMessage() + " in '" + lines.get(i) + "'");
            }
        }
        return new MilSummary(points, List.of());
    }

    /**
     * The points of {@code parts} as one summary, in the order {@link MilSweep#grid} makes them (mean bag size,
     * then training bags, then model); the attention maps of the first part that has some.
     *
     * @throws IllegalArgumentException if two parts hold the same (model, bags, mean bag size)
     */
    public static MilSummary merge(List<MilSummary> parts) {
        Map<List<Object>, Point> byKey = new HashMap<>();
        for (MilSummary part : parts) {
            for (Point p : part.points()) {
                Point before = byKey.put(List.of(p.model(), p.bags(), p.meanBag()), p);
                if (before != null) {
                    throw new IllegalArgumentException("two runs hold " + p.model().label() + " at "
                            + pointName(p.bags(), p.meanBag()));
                }
            }
        }
        List<Point> points = byKey.values().stream()
                .sorted(Comparator.comparingDouble(Point::meanBag).thenComparingInt(Point::bags).thenComparing(Point::model)).toList();
        List<MilExperiment.AttentionMap> attention = parts.stream().map(MilSummary::attention).filter(a -> !a.isEmpty())
                .findFirst().orElse(List.of());
        return new MilSummary(points, attention);
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
