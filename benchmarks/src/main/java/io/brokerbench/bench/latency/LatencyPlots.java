package io.brokerbench.bench.latency;

import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The latency suite's two plots, each as PNG (for the report) and SVG (for slides and print), drawn
 * with XChart, headless:
 *
 * <ul>
 *   <li>{@value #SPECTRUM}: end-to-end latency against percentile, every system and tier at one
 *       common rate, on HdrHistogram's axis: 1/(1-p) on a log scale, so 90%, 99%, 99.9% are evenly
 *       spaced and the tail, where the systems differ, gets the room;
 *   <li>{@value #VS_THROUGHPUT}: end-to-end p99 against the achieved rate, one line per system and
 *       tier through its sustained points (saturated points have no latency to plot).
 * </ul>
 *
 * In both, the in-memory driver's line is the harness floor (grey, named so in the legend): a
 * system's line on or near it shows the harness as much as the system.
 *
 * <p>Colour tells the system, line style and marker the tier; both axes of the second plot and the
 * latency axis of the first are logarithmic, because the systems span microseconds to hundreds of
 * milliseconds and a thousand to a million messages per second.
 *
 * <p>The logarithms are taken here and drawn on linear axes whose tick labels undo them: XChart's
 * own logarithmic axes cannot have labels of our own (its tick calculator for custom labels on a
 * logarithmic axis does not finish), and "99.9%" or "10 ms" read better than 1000 or 10000.
 */
public final class LatencyPlots {
  static final String SPECTRUM = "latency-spectrum";
  static final String VS_THROUGHPUT = "latency-vs-throughput";

  private static final int WIDTH = 960;
  private static final int HEIGHT = 600;

  /** About the plot area within the chart, without title, axes and legend; see wholeDecades. */
  private static final int PLOT_WIDTH = 650;

  private static final int PLOT_HEIGHT = 480;

  private LatencyPlots() {}

  /**
   * Writes both plots into {@code dir} as PNG and SVG.
   *
   * @param spectra end-to-end histograms at {@code spectrumRatePerSec}, by series name ({@code
   *     kafka-kraft ack}), in legend order
   * @return the files written, by name
   */
  public static List<String> write(
      Path dir, List<LatencyRow> rows, Map<String, Histogram> spectra, int spectrumRatePerSec)
      throws IOException {
    // No display here (a server, CI): AWT must not look for one. Set before AWT first loads.
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    List<String> written = new ArrayList<>();
    written.addAll(save(spectrum(spectra, spectrumRatePerSec), dir, SPECTRUM));
    written.addAll(save(throughput(rows), dir, VS_THROUGHPUT));
    return written;
  }

  private static List<String> save(XYChart chart, Path dir, String name) throws IOException {
    String base = dir.resolve(name).toString();
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(
        chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return List.of(name + ".png", name + ".svg");
  }

  static XYChart spectrum(Map<String, Histogram> spectra, int ratePerSec) {
    XYChart chart =
        chart(
            String.format("End-to-end latency by percentile at %,d msg/s", ratePerSec),
            "percentile (at 1/(1-p), log scale)",
            "latency (log scale)");
    chart
        .getStyler()
        .setxAxisTickLabelsFormattingFunction(
            x -> decade(x, LatencyPlots::percentileLabel, LatencyPlots::percentileLabel));
    for (Map.Entry<String, Histogram> entry : spectra.entrySet()) {
      Histogram histogram = entry.getValue();
      if (histogram.getTotalCount() == 0) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      // The last sample sits at 1/(1-p) = count; everything below it on HdrHistogram's own steps.
      double lastX = histogram.getTotalCount();
      for (HistogramIterationValue value : histogram.percentiles(5)) {
        double p = value.getPercentileLevelIteratedTo() / 100;
        double at = 1 / (1 - p);
        if (p >= 1 || at >= lastX) {
          break;
        }
        x.add(Math.log10(at));
        y.add(Math.log10(microseconds(value.getValueIteratedTo())));
      }
      x.add(Math.log10(lastX));
      y.add(Math.log10(microseconds(histogram.getMaxValue())));
      XYSeries series = chart.addSeries(legend(entry.getKey()), x, y);
      style(series, entry.getKey(), false);
    }
    if (chart.getSeriesMap().isEmpty()) {
      placeholder(chart, "no system sustained this rate");
    }
    wholeDecades(chart);
    return chart;
  }

  static XYChart throughput(List<LatencyRow> rows) {
    XYChart chart =
        chart(
            "End-to-end p99 against achieved throughput",
            "achieved msg/s (log scale)",
            "p99 latency (log scale)");
    chart
        .getStyler()
        .setxAxisTickLabelsFormattingFunction(
            x -> decade(x, LatencyPlots::rateLabel, LatencyPlots::rateLabel));
    Map<String, List<LatencyRow>> bySeries = new LinkedHashMap<>();
    for (LatencyRow row : rows) {
      if (row.ok() && row.p99Us() != null && row.achievedPerSec() > 0) {
        bySeries.computeIfAbsent(row.series(), k -> new ArrayList<>()).add(row);
      }
    }
    for (Map.Entry<String, List<LatencyRow>> entry : bySeries.entrySet()) {
      List<LatencyRow> points = new ArrayList<>(entry.getValue());
      points.sort(Comparator.comparingDouble(LatencyRow::achievedPerSec));
      List<Double> x = points.stream().map(row -> Math.log10(row.achievedPerSec())).toList();
      List<Double> y = points.stream().map(row -> Math.log10(Math.max(0.1, row.p99Us()))).toList();
      style(chart.addSeries(legend(entry.getKey()), x, y), entry.getKey(), true);
    }
    if (chart.getSeriesMap().isEmpty()) {
      placeholder(chart, "no sustained rate to plot");
    }
    wholeDecades(chart);
    return chart;
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setMarkerSize(7);
    chart
        .getStyler()
        .setyAxisTickLabelsFormattingFunction(
            y -> decade(y, LatencyPlots::timeLabel, us -> LatencyTable.time(us)));
    return chart;
  }

  /**
   * Both axes from a whole decade to a whole decade, and, where they span two decades or more, a
   * tick at every decade and nowhere else: XChart picks its tick step from a spacing hint in
   * pixels, so the hint is set to the plot's size over the decades (a step of 1 comes out for
   * anything between 0.75 and 1.5 times that).
   */
  private static void wholeDecades(XYChart chart) {
    double xMin = Double.MAX_VALUE;
    double xMax = -Double.MAX_VALUE;
    double yMin = Double.MAX_VALUE;
    double yMax = -Double.MAX_VALUE;
    for (XYSeries series : chart.getSeriesMap().values()) {
      for (double x : series.getXData()) {
        xMin = Math.min(xMin, x);
        xMax = Math.max(xMax, x);
      }
      for (double y : series.getYData()) {
        yMin = Math.min(yMin, y);
        yMax = Math.max(yMax, y);
      }
    }
    AxesChartStyler styler = chart.getStyler();
    double xFrom = Math.floor(xMin);
    double xTo = Math.max(xFrom + 1, Math.ceil(xMax));
    double yFrom = Math.floor(yMin);
    double yTo = Math.max(yFrom + 1, Math.ceil(yMax));
    styler.setXAxisMin(xFrom).setXAxisMax(xTo).setYAxisMin(yFrom).setYAxisMax(yTo);
    if (xTo - xFrom >= 2) {
      styler.setXAxisTickMarkSpacingHint((int) (PLOT_WIDTH / (xTo - xFrom)));
    }
    if (yTo - yFrom >= 2) {
      styler.setYAxisTickMarkSpacingHint((int) (PLOT_HEIGHT / (yTo - yFrom)));
    }
  }

  /** An empty chart says why, instead of failing: XChart needs at least one series. */
  private static void placeholder(XYChart chart, String why) {
    XYSeries series = chart.addSeries(why, new double[] {0, 1}, new double[] {0, 1});
    series.setLineColor(new Color(0, 0, 0, 0));
    series.setMarker(SeriesMarkers.NONE);
  }

  /**
   * The legend of a series: the in-memory driver's is named for what it is, the harness's own
   * floor, below which no system's latency can be read.
   */
  static String legend(String series) {
    return series.startsWith(InMemoryDriver.SYSTEM + " ") ? "harness floor (in-memory)" : series;
  }

  /** The colour of a series whose system has none of its own. */
  private static final Color OTHER = new Color(0x8c, 0x56, 0x4b);

  private static Color color(SystemUnderTest system) {
    return switch (system) {
      case IN_MEMORY -> new Color(0x80, 0x80, 0x80);
      case KAFKA_KRAFT -> new Color(0x1f, 0x77, 0xb4);
      case KAFKA_ZOOKEEPER -> new Color(0x94, 0x67, 0xbd);
      case KAFKA_4 -> new Color(0x17, 0xbe, 0xcf);
      case RABBITMQ -> new Color(0xff, 0x7f, 0x0e);
      case RABBITMQ_STREAM -> new Color(0xd6, 0x27, 0x28);
      case ZEROMQ -> new Color(0x2c, 0xa0, 0x2c);
      case ZEROMQ_PROXY -> OTHER;
    };
  }

  /** Colour by system, line and marker by tier. */
  private static void style(XYSeries series, String name, boolean markers) {
    String system = name.substring(0, name.lastIndexOf(' '));
    String tier = name.substring(name.lastIndexOf(' ') + 1);
    Color color = SystemUnderTest.of(system).map(LatencyPlots::color).orElse(OTHER);
    float[] dash =
        switch (tier) {
          case "ack" -> new float[] {8f, 5f};
          case "durable" -> new float[] {2f, 4f};
          case "replicated" -> new float[] {8f, 3f, 2f, 3f};
          default -> null;
        };
    Marker marker =
        switch (tier) {
          case "ack" -> SeriesMarkers.SQUARE;
          case "durable" -> SeriesMarkers.DIAMOND;
          case "replicated" -> SeriesMarkers.TRIANGLE_UP;
          default -> SeriesMarkers.CIRCLE;
        };
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(
        dash == null
            ? new BasicStroke(2f)
            : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
    series.setMarker(markers ? marker : SeriesMarkers.NONE);
  }

  private static double microseconds(long nanoseconds) {
    // A log axis has no zero; nothing on a real host is faster than 0.1 µs anyway.
    return Math.max(0.1, nanoseconds / 1_000.0);
  }

  /**
   * The label of a tick on a log10 axis: {@code decade} of 10^tick at whole decades, {@code
   * between} of it elsewhere. Every label must differ from its neighbours: XChart's tick calculator
   * retries until they do, so a blank label between decades would never let it finish.
   */
  private static String decade(
      double tick, DoubleFunction<String> decade, DoubleFunction<String> between) {
    double rounded = Math.rint(tick);
    return Math.abs(tick - rounded) < 1e-9
        ? decade.apply(Math.pow(10, rounded))
        : between.apply(Math.pow(10, tick));
  }

  /** The percentile at 1/(1-p): 1 is 0%, 10 is 90%, 100 is 99%, 1000 is 99.9%. */
  static String percentileLabel(double atX) {
    double decades = Math.log10(atX);
    double percent = 100 - 100 / atX;
    // Whole decades read 90%, 99%, 99.9%; between them one more digit keeps neighbours apart.
    // (Ticks below 1, off the plot, come out negative: still distinct, which is all they need.)
    boolean whole = Math.abs(decades - Math.rint(decades)) < 1e-9;
    int decimals = (int) Math.min(9, Math.max(0, Math.ceil(decades - (whole ? 2 : 1))));
    return String.format("%." + decimals + "f%%", percent);
  }

  /** A whole decade of microseconds: 1 µs, 100 µs, 1 ms, 10 ms, 1 s. */
  static String timeLabel(double us) {
    if (us < 1_000) {
      return trim(us) + " µs";
    }
    if (us < 1_000_000) {
      return trim(us / 1_000) + " ms";
    }
    return trim(us / 1_000_000) + " s";
  }

  /** 1,000 as 1k, 1,000,000 as 1M. */
  static String rateLabel(double perSec) {
    if (perSec >= 1_000_000) {
      return trim(perSec / 1_000_000) + "M";
    }
    if (perSec >= 1_000) {
      return trim(perSec / 1_000) + "k";
    }
    return trim(perSec);
  }

  private static String trim(double value) {
    double rounded = Math.rint(value * 10) / 10;
    return rounded == Math.rint(rounded)
        ? String.valueOf((long) rounded)
        : String.format("%.1f", rounded);
  }
}
