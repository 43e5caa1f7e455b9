package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The experiments' PNG plots, drawn with XChart: one line per model with error bars (± std over seeds). */
final class ExperimentPlot {
    private ExperimentPlot() {}

    /** Well-separated colours (matplotlib's tab10), one per model in the models' order. */
    private static final java.awt.Color[] PALETTE = {
        new java.awt.Color(0x1f77b4), new java.awt.Color(0xff7f0e), new java.awt.Color(0x2ca02c),
        new java.awt.Color(0x9467bd), new java.awt.Color(0x8c564b), new java.awt.Color(0x7f7f7f),
        new java.awt.Color(0xd62728), new java.awt.Color(0x17becf), new java.awt.Color(0xbcbd22),
        new java.awt.Color(0xe377c2)};

    /** One series: x values, means and error bars. */
    record Series(double[] x, double[] y, double[] err) {}

    /** Collects series point by point, in insertion order of the names. */
    static final class Builder {
        private final Map<String, List<double[]>> points = new LinkedHashMap<>();

        void add(String series, double x, double y, double err) {
            points.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {x, y, err});
        }

        Map<String, Series> build() {
            Map<String, Series> out = new LinkedHashMap<>();
            points.forEach((name, pts) -> {
                double[] x = new double[pts.size()], y = new double[pts.size()], e = new double[pts.size()];
                for (int i = 0; i < pts.size(); i++) {
                    x[i] = pts.get(i)[0];
                    y[i] = pts.get(i)[1];
                    e[i] = Double.isNaN(pts.get(i)[2]) ? 0 : pts.get(i)[2];
                }
                out.put(name, new Series(x, y, e));
            });
            return out;
        }
    }

    static XYChart chart(String title, String xLabel, String yLabel, Map<String, Series> series, boolean logXWanted) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(650).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(15f));
        boolean logX = logXWanted;
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (Series s : series.values()) {
            for (double x : s.x()) {
                distinct.add(x);
                if (!(x > 0)) {
                    logX = false;
                }
            }
        }
        if (distinct.size() < 2) {
            logX = false;
        }
        chart.getStyler().setXAxisLogarithmic(logX);
        for (Map.Entry<String, Series> e : series.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue().x(), e.getValue().y(), e.getValue().err());
        }
        return chart;
    }

    static void save(XYChart chart, Path png) {
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UserError("--out " + png + ": cannot write the plot: " + e.getMessage(), e);
        }
    }

    static void save(List<XYChart> charts, Path png) {
        try {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UserError("--out " + png + ": cannot write the plot: " + e.getMessage(), e);
        }
    }
}
