package io.brokerbench.bench.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.brokers.MachineLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metadata-scaling.json's rows, the report's table and ratios, and its plots. */
class MetadataReportTest {
  /** Fields every row of metadata-scaling.json carries; the README lists them all. */
  private static final List<String> REQUIRED =
      List.of(
          "mode",
          "shape",
          "partitions",
          "createAckMs",
          "createOnlineMs",
          "znodes",
          "zkAvgLatencyMs",
          "zkMaxLatencyMs",
          "metadataLogBytes",
          "controlledShutdownMs",
          "restartMs",
          "controllerFailoverMs",
          "describeAllMs",
          "brokerRssBytes",
          "zkRssBytes",
          "status");

  static MetadataRow row(
      String mode, String shape, int partitions, int created, long onlineMs, Long failoverMs) {
    boolean zk = mode.equals("zookeeper");
    return new MetadataRow(
        mode,
        shape,
        partitions,
        partitions,
        1,
        created,
        zk ? onlineMs : onlineMs / 10,
        onlineMs,
        onlineMs,
        zk ? 5L * partitions : null,
        zk ? 200L : null,
        zk ? 78_000L : null,
        zk ? 0.7 : null,
        zk ? 54.0 : null,
        zk ? 0L : null,
        zk ? null : 1_048_576L,
        failoverMs == null ? null : 900L,
        failoverMs == null ? null : 4_000L,
        failoverMs,
        failoverMs == null ? null : zk ? 18_000L : 2_000L,
        failoverMs == null || !zk ? null : 3_000L,
        failoverMs == null || !zk ? null : 2_000L,
        150L,
        500L << 20,
        List.of(400L << 20, 500L << 20, 450L << 20),
        zk ? 250L << 20 : null,
        3_500L,
        9_000L,
        240_000,
        Status.OK,
        "");
  }

  private static List<MetadataRow> sweep() {
    List<MetadataRow> rows = new ArrayList<>();
    rows.add(row("zookeeper", "many-topics", 1_000, 1_000, 20_000, null));
    rows.add(row("zookeeper", "many-topics", 10_000, 9_000, 180_000, 20_000L));
    rows.add(row("kraft", "many-topics", 1_000, 1_000, 7_000, null));
    rows.add(row("kraft", "many-topics", 10_000, 9_000, 30_000, 3_000L));
    rows.add(row("zookeeper", "few-topics", 1_000, 1_000, 6_000, null));
    rows.add(
        MetadataRow.unmeasured(
            "zookeeper",
            "few-topics",
            10_000,
            1,
            240_000,
            Status.DID_NOT_FINISH,
            "4 min: waiting for logs (12 of 9,000 exist)"));
    rows.add(row("kraft", "few-topics", 1_000, 1_000, 7_000, null));
    rows.add(row("kraft", "few-topics", 10_000, 9_000, 30_000, null));
    return rows;
  }

  @Test
  void rowsCarryTheIssuesFieldNamesWithNullsWhereAFigureDoesNotApply() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode kraft = json.readTree(json.writeValueAsString(sweep().get(3)));
    for (String field : REQUIRED) {
      assertTrue(kraft.has(field), "missing " + field);
    }
    assertTrue(kraft.get("znodes").isNull(), "no znodes in KRaft mode");
    assertTrue(kraft.get("zkRssBytes").isNull());
    assertEquals(1_048_576, kraft.get("metadataLogBytes").asLong());
    assertEquals("kraft", kraft.get("mode").asText());
    assertEquals(3_000, kraft.get("controllerFailoverMs").asLong());
    assertFalse(kraft.has("ok"), "helpers are not fields");
    JsonNode zk = json.readTree(json.writeValueAsString(sweep().get(1)));
    assertEquals(50_000, zk.get("znodes").asLong());
    assertEquals(3_500, zk.get("brokerOpenFiles").asLong());
    assertTrue(zk.get("metadataLogBytes").isNull(), "no metadata log in ZooKeeper mode");
  }

  @Test
  void aRowWithoutModeOrStatusIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MetadataRow.unmeasured("", "many-topics", 10, 1, 1, Status.OK, ""));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetadataRow.unmeasured("kraft", "many-topics", 10, 1, 1, null, ""));
    assertTrue(e.getMessage().startsWith("status"), e.getMessage());
  }

  @Test
  void theTableHasARowPerPointAndSaysWhyAPointDidNotFinish() {
    String md =
        MetadataTable.markdown(
            MetadataPlan.forProfile(Profile.QUICK, 1),
            new MachineLimits(20_000, 65_530),
            sweep(),
            Duration.ofSeconds(421),
            List.of("metadata-create-online.png", "metadata-create-online.svg"),
            "");
    assertTrue(md.startsWith("## ZooKeeper vs KRaft"), md);
    String table = md.substring(0, md.indexOf("ZooKeeper mode's time over KRaft's"));
    assertEquals(8 + 1, table.lines().filter(line -> line.startsWith("| ")).count(), md);
    assertTrue(md.contains("| zookeeper | many-topics | 10,000 | 10,000 |"), md);
    assertTrue(md.contains("| did not finish in 4 min |"), md);
    assertTrue(
        md.contains("- zookeeper, few-topics, 10,000 partitions: did not finish in 4 min: waiting"),
        md);
    assertTrue(md.contains("the sweep took 7:01 min"), md);
    assertTrue(md.contains("at most 57,000 in the cluster"), md);
    assertTrue(md.contains("![metadata-create-online](metadata-create-online.png)"), md);
    assertFalse(md.contains(".svg)"), "SVGs are for print, not the report");
  }

  @Test
  void theClosingNoteQuotesTenThousandAndTheLargestPointReached() {
    String note = MetadataTable.closingNote(sweep());
    assertTrue(
        note.contains(
            "- zookeeper, many-topics: at 10,000: 9,000 created in 180.0 s (ack) / 180.0 s"
                + " (online), failover 20.0 s, failover 3.00 s at a 2.00 s session,"
                + " 50,000 znodes."),
        note);
    assertTrue(
        note.contains(
            "- kraft, many-topics: at 10,000: 9,000 created in 3.00 s (ack) / 30.0 s (online)"),
        note);
    // ZooKeeper mode's few-topics series stopped at 1,000: that is the largest point it reached.
    assertTrue(
        note.contains(
            "- zookeeper, few-topics: at 1,000: 1,000 created in 6.00 s (ack) / 6.00 s"
                + " (online), 5,000 znodes (largest reached)."),
        note);
  }

  @Test
  void timesAndSizesReadForPeople() {
    assertEquals("", MetadataTable.seconds(null));
    assertEquals("850 ms", MetadataTable.seconds(850L));
    assertEquals("1.25 s", MetadataTable.seconds(1_250L));
    assertEquals("43.2 s", MetadataTable.seconds(43_210L));
    assertEquals("128 KiB", MetadataTable.mib(131_072L));
    assertEquals("1,035 MiB", MetadataTable.mib(1_035L << 20));
  }

  @Test
  void theRatiosAreShownPerShapeTimeAndPointWithoutAVerdict() {
    String ratios = MetadataTable.ratios(sweep());
    // many topics: create online 20 s / 7 s at 1,000, 180 s / 30 s at 10,000
    assertTrue(ratios.contains("| many-topics | create online | 2.86 | 6.00 |"), ratios);
    assertTrue(
        ratios.contains("| many-topics | controller failover as shipped | | 6.67 |"), ratios);
    // ZooKeeper mode's failover with KRaft's 2 s as its session timeout: 3 s against 3 s
    assertTrue(
        ratios.contains("| many-topics | controller failover, equal timeouts | | 1.00 |"), ratios);
    // few topics: ZooKeeper mode did not finish 10,000, so that cell is empty
    assertTrue(ratios.contains("| few-topics | create online | 0.86 | |"), ratios);
    assertFalse(ratios.contains("few-topics | controller failover"), ratios);
    String md =
        MetadataTable.markdown(
            MetadataPlan.forProfile(Profile.QUICK, 1),
            new MachineLimits(20_000, 65_530),
            sweep(),
            Duration.ofMinutes(5),
            List.of(),
            "");
    assertFalse(md.contains("supported"), "the claims report alone gives verdicts: " + md);
    assertTrue(
        md.contains(
            "waits out a timeout before any work: ZooKeeper mode 18.0 s"
                + " (`zookeeper.session.timeout.ms`), KRaft mode 2.00 s"
                + " (`controller.quorum.fetch.timeout.ms`) as shipped."),
        md);
    assertTrue(md.contains("`zookeeper.session.timeout.ms` = 2.00 s, KRaft's fetch timeout"), md);
    assertTrue(
        md.contains(
            "Heaps: KRaft 3 x 1g (each broker also a controller); ZooKeeper mode 3 x 1g brokers"
                + " + 3 x 512m ZooKeeper."),
        md);
    assertTrue(md.contains("an ensemble of 3 ZooKeeper 3.8.4 servers"), md);
    assertTrue(md.contains("one sample per point, the modes interleaved point by point"), md);
  }

  @Test
  void aPointWithSeveralSamplesShowsTheRatioOfMediansAndItsExtremes() {
    assertEquals("2.00", MetadataTable.ratio(List.of(4_000L), List.of(2_000L)));
    // ZooKeeper 3, 4, 8 s (median 4), KRaft 1.6, 2.4 s (median 2): 2.00, from 3/2.4 to 8/1.6
    assertEquals(
        "2.00 (1.25-5.00)",
        MetadataTable.ratio(List.of(3_000L, 4_000L, 8_000L), List.of(1_600L, 2_400L)));
  }

  @Test
  void plotsAreWrittenForTheTimesThatWereMeasured(@TempDir Path dir) throws Exception {
    List<String> written = MetadataPlots.write(dir, sweep());
    for (String name : written) {
      assertTrue(Files.size(dir.resolve(name)) > 0, name);
    }
    assertTrue(written.contains("metadata-create-online.png"));
    assertTrue(written.contains("metadata-controller-failover.png"));
    assertEquals(
        Set.of(4L),
        Set.of(MetadataPlots.chart(MetadataPlots.PLOTS.get(1), sweep()).getSeriesMap().size() + 0L),
        "a line per mode and shape");
    assertNull(MetadataPlots.chart(MetadataPlots.PLOTS.get(5), List.of()).getSeriesMap().get("x"));
    var failover = MetadataPlots.chart(MetadataPlots.PLOTS.get(5), sweep()).getSeriesMap();
    assertTrue(
        failover.containsKey("zookeeper at KRaft's timeout, many-topics"),
        failover.keySet().toString());
    // Two samples at a point: one marker at their median, a bar over their range.
    List<MetadataRow> twice = new ArrayList<>(sweep());
    twice.add(row("kraft", "many-topics", 10_000, 9_000, 50_000, 5_000L));
    var online = MetadataPlots.chart(MetadataPlots.PLOTS.get(1), twice).getSeriesMap();
    var kraft = online.get("kraft, many-topics");
    assertEquals(40.0, kraft.getYData()[1], 1e-9);
    assertEquals(10.0, kraft.getExtraValues()[1], 1e-9);
  }
}
