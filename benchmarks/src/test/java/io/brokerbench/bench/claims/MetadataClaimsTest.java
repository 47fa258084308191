package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K5 against synthetic metadata-sweep rows: every verdict, judged on growth, per shape. */
class MetadataClaimsTest {
  @TempDir Path dir;

  private static Map<String, Object> point(
      String mode, String shape, int partitions, long createOnlineMs) {
    return row(
        "mode",
        mode,
        "shape",
        shape,
        "partitions",
        partitions,
        "createAckMs",
        100,
        "createOnlineMs",
        createOnlineMs,
        "status",
        "ok");
  }

  private static Map<String, Object> point(String mode, int partitions, long createOnlineMs) {
    return point(mode, "many-topics", partitions, createOnlineMs);
  }

  @SafeVarargs
  private RunRows sweep(Map<String, Object>... rows) {
    return new RunFolder(dir).write("metadata-scaling.json", rows).rows();
  }

  @Test
  void supportedWhenTheRatioGrowsPastTenThousand() {
    // 2.0x at 1,000, 20x at 10,000: the ratio grew 10x.
    ClaimResult result =
        MetadataClaims.k5(
            sweep(
                point("kraft", 1000, 500),
                point("zookeeper", 1000, 1000),
                point("kraft", 10_000, 3000),
                point("zookeeper", 10_000, 60_000)));
    assertEquals(Verdict.SUPPORTED, result.verdict());
    assertEquals(10.0, result.comparisons().get(0).value());
    assertEquals(2.0, result.figures().get("many-topics: createOnlineMs at 1000: zookeeper/kraft"));
    assertEquals(
        20.0, result.figures().get("many-topics: createOnlineMs at 10000: zookeeper/kraft"));
  }

  @Test
  void refutedWhenZooKeeperModeIsSlowerByTheSameFactorAtEverySize() {
    // 2.5x at 1,000 and 2.5x at 20,000: slower, but no bottleneck that appears with scale.
    assertEquals(
        Verdict.REFUTED,
        MetadataClaims.k5(
                sweep(
                    point("kraft", 1000, 2000),
                    point("zookeeper", 1000, 5000),
                    point("kraft", 20_000, 20_000),
                    point("zookeeper", 20_000, 50_000)))
            .verdict());
    // ZooKeeper mode not slower at the largest point, whatever it was before.
    assertEquals(
        Verdict.REFUTED,
        MetadataClaims.k5(
                sweep(
                    point("kraft", 1000, 2000),
                    point("zookeeper", 1000, 1000),
                    point("kraft", 10_000, 20_000),
                    point("zookeeper", 10_000, 19_000)))
            .verdict());
  }

  @Test
  void nuancedWhenTheRatioGrowsALittleOrTheShapesDisagree() {
    // 2.0x to 2.6x: grew 1.3x, between 1.1x and 1.5x.
    assertEquals(
        Verdict.NUANCED,
        MetadataClaims.k5(
                sweep(
                    point("kraft", 1000, 1000),
                    point("zookeeper", 1000, 2000),
                    point("kraft", 10_000, 10_000),
                    point("zookeeper", 10_000, 26_000)))
            .verdict());
    // Many topics grows, few topics does not: both shapes are kept, so the verdict is mixed.
    ClaimResult shapes =
        MetadataClaims.k5(
            sweep(
                point("kraft", "many-topics", 1000, 500),
                point("zookeeper", "many-topics", 1000, 1000),
                point("kraft", "many-topics", 10_000, 3000),
                point("zookeeper", "many-topics", 10_000, 60_000),
                point("kraft", "few-topics", 1000, 5000),
                point("zookeeper", "few-topics", 1000, 6000),
                point("kraft", "few-topics", 10_000, 20_000),
                point("zookeeper", "few-topics", 10_000, 13_000)));
    assertEquals(Verdict.NUANCED, shapes.verdict());
    assertEquals(Comparison.Side.FOR, shapes.comparisons().get(0).side());
    assertEquals(Comparison.Side.AGAINST, shapes.comparisons().get(1).side());
    assertTrue(shapes.comparisons().get(1).name().startsWith("few-topics: "));
    assertEquals(
        0.65, shapes.figures().get("few-topics: createOnlineMs at 10000: zookeeper/kraft"));
  }

  @Test
  void everySampleOfAPointCountsThroughItsMedian() {
    ClaimResult result =
        MetadataClaims.k5(
            sweep(
                point("kraft", 1000, 500),
                point("zookeeper", 1000, 1000),
                point("kraft", 10_000, 3000),
                point("zookeeper", 10_000, 90_000),
                point("zookeeper", 10_000, 6000),
                point("zookeeper", 10_000, 60_000)));
    assertEquals(
        60_000L, result.figures().get("many-topics: createOnlineMs at 10000: zookeeper ms"));
    assertEquals(Verdict.SUPPORTED, result.verdict());
  }

  @Test
  void aFailoverAtItsSessionTimeoutIsNotGrowth() {
    // ZooKeeper mode's failover waits for the dead controller's session: 20 s at every size,
    // while KRaft's falls from 4 s to 2 s. The ratio doubles, ZooKeeper mode's time does not.
    Map<String, Object> z1 = point("zookeeper", 1000, 1000);
    Map<String, Object> k1 = point("kraft", 1000, 1000);
    Map<String, Object> z2 = point("zookeeper", 10_000, 10_000);
    Map<String, Object> k2 = point("kraft", 10_000, 10_000);
    z1.put("controllerFailoverMs", 20_300);
    k1.put("controllerFailoverMs", 4_000);
    z2.put("controllerFailoverMs", 20_900);
    k2.put("controllerFailoverMs", 2_000);
    z2.put("failoverTimeoutMs", 18_000);
    k2.put("failoverTimeoutMs", 2_000);
    ClaimResult result = MetadataClaims.k5(sweep(z1, k1, z2, k2));
    Comparison failover =
        result.comparisons().stream()
            .filter(c -> c.name().contains("controllerFailoverMs"))
            .findFirst()
            .orElseThrow();
    assertEquals(Comparison.Side.BETWEEN, failover.side());
    assertEquals(18_000L, result.figures().get("many-topics: zookeeper failover timeout ms"));
    assertEquals(2_000L, result.figures().get("many-topics: kraft failover timeout ms"));
    // The same failover growing with the partitions is growth.
    z2.put("controllerFailoverMs", 41_000);
    Comparison grown =
        MetadataClaims.k5(sweep(z1, k1, z2, k2)).comparisons().stream()
            .filter(c -> c.name().contains("controllerFailoverMs"))
            .findFirst()
            .orElseThrow();
    assertEquals(Comparison.Side.FOR, grown.side());
  }

  /**
   * Rows with both failovers: ZooKeeper mode's as shipped (18 s session) and at KRaft's 2 s,
   * KRaft's at its 2 s fetch timeout, at 1,000 and 10,000 partitions; creation grows alike in both
   * modes.
   */
  private static Map<String, Object>[] failovers(long zEqualSmall, long zEqualLarge) {
    Map<String, Object> z1 = point("zookeeper", 1000, 1000);
    Map<String, Object> k1 = point("kraft", 1000, 1000);
    Map<String, Object> z2 = point("zookeeper", 10_000, 10_000);
    Map<String, Object> k2 = point("kraft", 10_000, 10_000);
    for (Map<String, Object> z : List.of(z1, z2)) {
      z.put("controllerFailoverMs", 20_000);
      z.put("failoverTimeoutMs", 18_000);
      z.put("equalFailoverTimeoutMs", 2_000);
    }
    for (Map<String, Object> k : List.of(k1, k2)) {
      k.put("controllerFailoverMs", 3_000);
      k.put("failoverTimeoutMs", 2_000);
    }
    z1.put("failoverAtEqualTimeoutMs", zEqualSmall);
    z2.put("failoverAtEqualTimeoutMs", zEqualLarge);
    // Java has no generic array creation: the raw array holds only these four maps.
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] rows = new Map[] {z1, k1, z2, k2};
    return rows;
  }

  private static Comparison failover(ClaimResult result) {
    return result.comparisons().stream()
        .filter(c -> c.name().contains("controllerFailoverMs"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theEqualTimeoutFailoverJudgesFailoverWhenTheRowsHaveIt() {
    // At equal 2 s timeouts ZooKeeper mode takes 3 s at 1,000 and 9 s at 10,000: the ratio grew
    // from 1.0 to 3.0 (for the claim), while the shipped failover, 20 s against 3 s at both, is
    // only quoted.
    ClaimResult grows = MetadataClaims.k5(sweep(failovers(3_000, 9_000)));
    Comparison judged = failover(grows);
    assertTrue(judged.name().contains("at equal timeouts"), judged.name());
    assertEquals(Comparison.Side.FOR, judged.side());
    assertEquals(Verdict.NUANCED, grows.verdict(), "creation grew alike: against");
    assertEquals(
        6.67,
        grows
            .figures()
            .get("many-topics: controllerFailoverMs as shipped at 10000: zookeeper/kraft"));
    assertEquals(
        2_000L,
        grows.figures().get("many-topics: zookeeper equal-timeout failover session timeout ms"));
    assertEquals(
        1,
        grows.comparisons().stream().filter(c -> c.name().contains("controllerFailover")).count(),
        "one failover comparison, not two");

    // Flat at equal timeouts: against, where the shipped failover alone would be between.
    assertEquals(
        Comparison.Side.AGAINST,
        failover(MetadataClaims.k5(sweep(failovers(3_000, 3_100)))).side());
    // Grew 1.3x: between.
    assertEquals(
        Comparison.Side.BETWEEN,
        failover(MetadataClaims.k5(sweep(failovers(3_000, 3_900)))).side());
  }

  @Test
  void everyVerdictFromTheEqualTimeoutFailoverAlone() {
    // Creation left out: the failover at equal timeouts decides alone.
    Map<String, Object>[] grows = failovers(3_000, 9_000);
    Map<String, Object>[] flat = failovers(3_000, 3_100);
    Map<String, Object>[] between = failovers(3_000, 3_900);
    for (Map<String, Object>[] rows : List.of(grows, flat, between)) {
      for (Map<String, Object> row : rows) {
        row.remove("createOnlineMs");
      }
    }
    assertEquals(Verdict.SUPPORTED, MetadataClaims.k5(sweep(grows)).verdict());
    assertEquals(Verdict.REFUTED, MetadataClaims.k5(sweep(flat)).verdict());
    assertEquals(Verdict.NUANCED, MetadataClaims.k5(sweep(between)).verdict());
    // At 10,000 only: one ratio is not growth.
    Map<String, Object>[] one = failovers(3_000, 9_000);
    for (Map<String, Object> row : one) {
      row.remove("createOnlineMs");
    }
    assertEquals(Verdict.NOT_MEASURED, MetadataClaims.k5(sweep(one[2], one[3])).verdict());
  }

  @Test
  void anEqualTimeoutThatIsNotKraftsFallsBackToTheShippedFailover() {
    // The second failover ran with a 6 s session, not KRaft's 2 s: not an equal comparison.
    Map<String, Object>[] rows = failovers(3_000, 9_000);
    rows[0].put("equalFailoverTimeoutMs", 6_000);
    rows[2].put("equalFailoverTimeoutMs", 6_000);
    Comparison judged = failover(MetadataClaims.k5(sweep(rows)));
    assertTrue(!judged.name().contains("equal"), judged.name());
    // 20 s against 3 s at both points: the same ratio, against.
    assertEquals(Comparison.Side.AGAINST, judged.side());
  }

  @Test
  void aModeThatStoppedPastTenThousandWhereTheOtherWentOnDecides() {
    Map<String, Object> stuck = point("zookeeper", 20_000, 0);
    stuck.put("status", "did not finish in 300 s");
    stuck.remove("createOnlineMs");
    ClaimResult result =
        MetadataClaims.k5(
            sweep(
                point("kraft", 10_000, 3000),
                point("zookeeper", 10_000, 9000),
                point("kraft", 20_000, 6000),
                stuck));
    assertEquals(Verdict.SUPPORTED, result.verdict());
    assertEquals("did not finish in 300 s", result.comparisons().get(0).value());

    Map<String, Object> kraftStuck = point("kraft", 20_000, 0);
    kraftStuck.put("status", "did not finish in 300 s");
    assertEquals(
        Verdict.REFUTED,
        MetadataClaims.k5(
                sweep(
                    point("kraft", 10_000, 3000),
                    point("zookeeper", 10_000, 9000),
                    kraftStuck,
                    point("zookeeper", 20_000, 20_000)))
            .verdict());

    // Both refused by the machine's limits: says nothing of either mode.
    Map<String, Object> refusedK = point("kraft", 20_000, 0);
    refusedK.put("status", "refused: open files");
    Map<String, Object> refusedZ = point("zookeeper", 20_000, 0);
    refusedZ.put("status", "refused: open files");
    assertEquals(
        Verdict.NOT_MEASURED,
        MetadataClaims.k5(sweep(point("kraft", 10_000, 3000), refusedK, refusedZ)).verdict());
  }

  @Test
  void notMeasuredWithoutTheFileAPointPastTenThousandOrASmallerOne() {
    ClaimResult missing = MetadataClaims.k5(RunRows.of(dir));
    assertEquals(Verdict.NOT_MEASURED, missing.verdict());
    assertTrue(Messages.english().get(missing.reason()).contains("metadata-scaling.json"));
    // Only below 10,000: the claim's scale is not reached.
    ClaimResult small =
        MetadataClaims.k5(
            sweep(
                point("kraft", 1000, 500),
                point("zookeeper", 1000, 1000),
                point("kraft", 5000, 1000),
                point("zookeeper", 5000, 9000)));
    assertEquals(Verdict.NOT_MEASURED, small.verdict());
    assertTrue(
        Messages.english().get(small.reason()).contains("10,000"), small.reason().toString());
    // One point only: a ratio, however high, is not growth.
    assertEquals(
        Verdict.NOT_MEASURED,
        MetadataClaims.k5(sweep(point("kraft", 10_000, 1000), point("zookeeper", 10_000, 9000)))
            .verdict());
  }
}
