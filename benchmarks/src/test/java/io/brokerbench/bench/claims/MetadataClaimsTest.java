package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K5 against synthetic metadata-sweep rows: every verdict. */
class MetadataClaimsTest {
  @TempDir Path dir;

  private static Map<String, Object> point(String mode, int partitions, long createOnlineMs) {
    return row(
        "mode",
        mode,
        "shape",
        "1 topic",
        "partitions",
        partitions,
        "createAckMs",
        100,
        "createOnlineMs",
        createOnlineMs,
        "status",
        null);
  }

  @SafeVarargs
  private RunRows sweep(Map<String, Object>... rows) {
    return new RunFolder(dir).write("metadata-scaling.json", rows).rows();
  }

  @Test
  void supportedWhenZooKeeperModeIsTwiceAsSlowPastTenThousand() {
    ClaimResult result =
        MetadataClaims.k5(
            sweep(
                point("kraft", 1000, 500),
                point("zookeeper", 1000, 4000),
                point("kraft", 10_000, 3000),
                point("zookeeper", 10_000, 60_000)));
    assertEquals(Verdict.SUPPORTED, result.verdict());
    assertEquals(20.0, result.comparisons().get(0).value());
    // 10x the partitions: kraft 6x the time (0.6 per partition), zookeeper 15x (1.5).
    assertEquals(
        0.6, result.figures().get("kraft createOnlineMs growth 1000->10000 per partition"));
    assertEquals(
        1.5, result.figures().get("zookeeper createOnlineMs growth 1000->10000 per partition"));
  }

  @Test
  void refutedWhenZooKeeperModeKeepsUp() {
    assertEquals(
        Verdict.REFUTED,
        MetadataClaims.k5(sweep(point("kraft", 20_000, 3000), point("zookeeper", 20_000, 3300)))
            .verdict());
  }

  @Test
  void nuancedBelowTenThousandOrBetweenTheThresholds() {
    assertEquals(
        Verdict.NUANCED,
        MetadataClaims.k5(sweep(point("kraft", 5000, 1000), point("zookeeper", 5000, 9000)))
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        MetadataClaims.k5(sweep(point("kraft", 10_000, 1000), point("zookeeper", 10_000, 1500)))
            .verdict());
  }

  @Test
  void zooKeeperModeNotFinishingWhereKraftDidSupportsTheClaim() {
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
  }

  @Test
  void notMeasuredWithoutTheFileOrACommonPoint() {
    ClaimResult missing = MetadataClaims.k5(RunRows.of(dir));
    assertEquals(Verdict.NOT_MEASURED, missing.verdict());
    assertTrue(Messages.english().get(missing.reason()).contains("metadata-scaling.json"));
    assertEquals(
        Verdict.NOT_MEASURED,
        MetadataClaims.k5(sweep(point("kraft", 10_000, 3000), point("zookeeper", 5000, 9000)))
            .verdict());
  }
}
