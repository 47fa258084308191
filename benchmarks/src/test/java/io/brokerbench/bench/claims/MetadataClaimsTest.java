package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
