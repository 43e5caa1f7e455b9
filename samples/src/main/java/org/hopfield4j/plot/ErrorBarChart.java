package org.hopfield4j.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * A line chart with error bars, drawn with XChart: one line per series (e.g. per model), each point a
 * mean with ± std bars. Points are added one by one, series in the order their names first occur:
 * <pre>{@code
 * ErrorBarChart chart = new ErrorBarChart("Memory capacity", "M (stored patterns)", "error").logX();
 * chart.add("dense", 10, 1.9, 2.7).add("dense", 50, 2.3, 1.6);
 * chart.save(Path.of("capacity.png"));
 * ErrorBarChart.save(Path.of("both.png"), chart, other);   // side by side
 * }</pre>
 */
public final class ErrorBarChart {
    /** Well-separated colours (matplotlib's tab10), one per series in their order. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f),
        new Color(0xd62728), new Color(0x17becf), new Color(0xbcbd22),
        new Color(0xe377c2)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private final Map<String, List<double[]>> points = new LinkedHashMap<>();

    /** An empty chart with a title and axis labels, linear axes. */
    public ErrorBarChart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    /**
     * A logarithmic x axis, if the points allow one: all x &gt; 0 and at least two distinct x (else the
     * axis stays linear).
     */
    public ErrorBarChart logX() {
        logX = true;
        return this;
    }

    /** Adds the point ({@code x}, {@code mean} ± {@code std}) to the line {@code series}; a NaN std draws no bar. */
    public ErrorBarChart add(String series, double x, double mean, double std) {
        Objects.requireNonNull(series, "series");
        points.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {x, mean, Double.isNaN(std) ? 0 : std});
        return this;
    }

    /** Writes the chart as a PNG of 1000 × 650 pixels. */
    public void save(Path png) throws IOException {
        BitmapEncoder.saveBitmap(toXChart(), png.toString(), BitmapFormat.PNG);
    }

    /** Writes the charts side by side, left to right, as one PNG (1000 × 650 pixels each). */
    public static void save(Path png, ErrorBarChart... charts) throws IOException {
        if (charts.length == 0) {
            throw new IllegalArgumentException("no chart to save to " + png);
        }
        if (charts.length == 1) {
            charts[0].save(png);
            return;
        }
        List<XYChart> drawn = new ArrayList<>();
        for (ErrorBarChart c : charts) {
            drawn.add(c.toXChart());
        }
        BitmapEncoder.saveBitmap(drawn, 1, drawn.size(), png.toString(), BitmapFormat.PNG);
    }

    /** The chart as an XChart chart, for further styling or other formats. */
    public XYChart toXChart() {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(650).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(15f));
        boolean log = logX;
        Set<Double> distinct = new HashSet<>();
        for (List<double[]> pts : points.values()) {
            for (double[] p : pts) {
                distinct.add(p[0]);
                if (!(p[0] > 0)) {
                    log = false;
                }
            }
        }
        chart.getStyler().setXAxisLogarithmic(log && distinct.size() >= 2);
        points.forEach((name, pts) -> {
            double[] x = new double[pts.size()], y = new double[pts.size()], e = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
                e[i] = pts.get(i)[2];
            }
            chart.addSeries(name, x, y, e);
        });
        return chart;
    }
}
