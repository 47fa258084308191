package io.brokerbench.bench.metadata;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One plot per time of the sweep against the partition count (logarithmic), each as PNG and SVG: a
 * line per mode and shape through the points that measured it, at the median of a point's samples
 * with an error bar over their range where it has several. Colour is the mode (ZooKeeper red, KRaft
 * blue; ZooKeeper mode's failover at KRaft's timeout orange), a solid line many topics of one
 * partition, a dashed line few topics of many.
 */
public final class MetadataPlots {
  /**
   * File name (without extension), title, the figure plotted, and ZooKeeper mode's figure at
   * KRaft's timeout where the plot has one (else null).
   */
  record Plot(
      String name,
      String title,
      Function<MetadataRow, Long> value,
      Function<MetadataRow, Long> atEqualTimeout) {
    Plot(String name, String title, Function<MetadataRow, Long> value) {
      this(name, title, value, null);
    }
  }

  static final List<Plot> PLOTS =
      List.of(
          new Plot("metadata-create-ack", "CreateTopics acknowledged", MetadataRow::createAckMs),
          new Plot(
              "metadata-create-online",
              "Created partitions online (leader and log)",
              MetadataRow::createOnlineMs),
          new Plot(
              "metadata-describe-all", "List and describe every topic", MetadataRow::describeAllMs),
          new Plot(
              "metadata-controlled-shutdown",
              "Controlled shutdown of one broker",
              MetadataRow::controlledShutdownMs),
          new Plot(
              "metadata-restart", "Restart of one broker until online", MetadataRow::restartMs),
          new Plot(
              "metadata-controller-failover",
              "Controller failover (kill until a metadata change is served)",
              MetadataRow::controllerFailoverMs,
              MetadataRow::failoverAtEqualTimeoutMs));

  private MetadataPlots() {}

  /** Writes every plot that has a point into {@code dir}; returns the files written. */
  public static List<String> write(Path dir, List<MetadataRow> rows) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    List<String> written = new ArrayList<>();
    for (Plot plot : PLOTS) {
      XYChart chart = chart(plot, rows);
      if (chart.getSeriesMap().isEmpty()) {
        continue;
      }
      String base = dir.resolve(plot.name()).toString();
      BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      written.add(plot.name() + ".png");
      written.add(plot.name() + ".svg");
    }
    return written;
  }

  static XYChart chart(Plot plot, List<MetadataRow> rows) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(plot.title())
            .xAxisTitle("partitions (log scale)")
            // A create time is the cost of the point's own new partitions, not of all of them.
            .yAxisTitle(
                plot.name().startsWith("metadata-create")
                    ? "seconds to add the point's new partitions"
                    : "seconds")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0);
    for (String mode : List.of("zookeeper", "kraft", "zookeeper at KRaft's timeout")) {
      boolean equal = mode.startsWith("zookeeper at");
      Function<MetadataRow, Long> value = equal ? plot.atEqualTimeout() : plot.value();
      if (value == null) {
        continue;
      }
      String rowMode = equal ? "zookeeper" : mode;
      for (String shape : List.of("many-topics", "few-topics")) {
        TreeMap<Integer, List<Long>> samples = new TreeMap<>();
        rows.stream()
            .filter(r -> r.mode().equals(rowMode) && r.shape().equals(shape))
            .filter(r -> value.apply(r) != null)
            .forEach(
                r ->
                    samples
                        .computeIfAbsent(r.partitions(), k -> new ArrayList<>())
                        .add(value.apply(r)));
        if (samples.isEmpty()) {
          continue;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> bars = new ArrayList<>();
        samples.forEach(
            (partitions, values) -> {
              List<Long> sorted = values.stream().sorted().toList();
              double median = MetadataTable.median(sorted);
              x.add((double) partitions);
              y.add(median / 1000.0);
              // Symmetric bars in XChart: wide enough for the lowest and the highest sample.
              bars.add(
                  Math.max(median - sorted.get(0), sorted.get(sorted.size() - 1) - median)
                      / 1000.0);
            });
        boolean spread = bars.stream().anyMatch(bar -> bar > 0);
        XYSeries series =
            spread
                ? chart.addSeries(mode + ", " + shape, x, y, bars)
                : chart.addSeries(mode + ", " + shape, x, y);
        Color colour =
            equal
                ? new Color(0xE67E22)
                : mode.equals("zookeeper") ? new Color(0xC0392B) : new Color(0x2E86C1);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(
            shape.equals("many-topics") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        series.setLineStyle(
            shape.equals("many-topics")
                ? new BasicStroke(2f)
                : new BasicStroke(
                    2f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f));
      }
    }
    return chart;
  }
}
