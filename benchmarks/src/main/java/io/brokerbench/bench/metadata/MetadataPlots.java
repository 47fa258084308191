package io.brokerbench.bench.metadata;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * line per mode and shape through the points that measured it. Colour is the mode (ZooKeeper red,
 * KRaft blue), a solid line many topics of one partition, a dashed line few topics of many.
 */
public final class MetadataPlots {
  /** File name (without extension), title, and the figure plotted. */
  record Plot(String name, String title, Function<MetadataRow, Long> value) {}

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
              MetadataRow::controllerFailoverMs));

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
    for (String mode : List.of("zookeeper", "kraft")) {
      for (String shape : List.of("many-topics", "few-topics")) {
        List<MetadataRow> points =
            rows.stream()
                .filter(r -> r.mode().equals(mode) && r.shape().equals(shape))
                .filter(r -> plot.value().apply(r) != null)
                .sorted(Comparator.comparingInt(MetadataRow::partitions))
                .toList();
        if (points.isEmpty()) {
          continue;
        }
        List<Double> x = points.stream().map(r -> (double) r.partitions()).toList();
        List<Double> y = points.stream().map(r -> plot.value().apply(r) / 1000.0).toList();
        XYSeries series = chart.addSeries(mode + ", " + shape, x, y);
        series.setLineColor(mode.equals("zookeeper") ? new Color(0xC0392B) : new Color(0x2E86C1));
        series.setMarkerColor(series.getLineColor());
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
