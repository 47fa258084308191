package io.brokerbench.bench.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.suite.Profile;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataPlanTest {
  @Test
  void smokeIsOneTinyPointPerModeWithoutTheSlowOperations() {
    List<MetadataPlan.Point> points = MetadataPlan.forProfile(Profile.SMOKE, 1).points();
    assertEquals(2, points.size());
    assertEquals(
        List.of(KafkaMode.ZOOKEEPER, KafkaMode.KRAFT),
        points.stream().map(MetadataPlan.Point::mode).toList());
    for (MetadataPlan.Point point : points) {
      assertEquals(200, point.partitions());
      assertEquals(0, point.previousPartitions());
      assertEquals(Shape.MANY_TOPICS, point.shape());
      assertFalse(point.operations(), "smoke leaves shutdown, restart and failover out");
    }
  }

  @Test
  void quickSweepsBothShapesInBothModesWithoutTheSlowOperations() {
    MetadataPlan plan = MetadataPlan.forProfile(Profile.QUICK, 1);
    List<MetadataPlan.Point> points = plan.points();
    assertEquals(12, points.size(), "3 counts x 2 shapes x 2 modes");
    assertEquals(List.of(1_000, 5_000, 10_000), plan.partitions());
    // Series by series, each growing from the previous count.
    MetadataPlan.Point first = points.get(0);
    assertEquals(Shape.MANY_TOPICS, first.shape());
    assertEquals(KafkaMode.ZOOKEEPER, first.mode());
    assertEquals(
        List.of(0, 1_000, 5_000),
        points.subList(0, 3).stream().map(MetadataPlan.Point::previousPartitions).toList());
    assertTrue(
        points.stream().noneMatch(MetadataPlan.Point::operations),
        "one point of shutdown, restart or failover shows no growth; full runs them");
    assertTrue(plan.measures().endsWith("; no operations"), plan.measures());
  }

  @Test
  void fullReachesFiftyThousandAndBeyondWithEveryMeasurementEverywhere() {
    MetadataPlan plan = MetadataPlan.forProfile(Profile.FULL, 1);
    assertTrue(plan.partitions().contains(50_000));
    assertTrue(plan.partitions().get(plan.partitions().size() - 1) > 50_000);
    assertTrue(plan.points().stream().allMatch(MetadataPlan.Point::operations));
  }

  @Test
  void replicasAreSpreadOverTheBrokersRoundedUp() {
    assertEquals(3_334, MetadataPlan.forProfile(Profile.QUICK, 1).replicasPerBroker(10_000));
    assertEquals(10_000, MetadataPlan.forProfile(Profile.QUICK, 3).replicasPerBroker(10_000));
  }

  @Test
  void withModesKeepsTheRestOfThePlan() {
    MetadataPlan plan =
        MetadataPlan.forProfile(Profile.QUICK, 1).withModes(List.of(KafkaMode.KRAFT));
    assertEquals(6, plan.points().size());
    assertTrue(plan.points().stream().allMatch(point -> point.mode() == KafkaMode.KRAFT));
    assertEquals(0, MetadataPlan.forProfile(Profile.QUICK, 1).withModes(List.of()).points().size());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4})
  void aReplicationFactorTheClusterCannotHoldIsRefused(int replicationFactor) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetadataPlan.forProfile(Profile.QUICK, replicationFactor));
    assertTrue(e.getMessage().startsWith("replicationFactor"), e.getMessage());
  }

  @Test
  void partitionCountsMustIncreaseAndTheProfileMustExist() {
    MetadataPlan quick = MetadataPlan.forProfile(Profile.QUICK, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MetadataPlan(
                    List.of(5_000, 1_000),
                    quick.shapes(),
                    quick.modes(),
                    1,
                    3,
                    quick.pointBudget(),
                    quick.operationShapes(),
                    quick.operationPoints(),
                    "1g"));
    assertTrue(e.getMessage().contains("[5000, 1000]"), e.getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast"))
            .getMessage()
            .contains("smoke, quick or full"));
  }

  @Test
  void shapesLayPartitionsOutInWholeTopics() {
    assertEquals(List.of(1, 1, 1), Shape.MANY_TOPICS.topicsBetween(2, 5));
    assertEquals(List.of(1_000, 1_000, 1_000, 1_000), Shape.FEW_TOPICS.topicsBetween(1_000, 5_000));
    assertEquals(List.of(200), Shape.FEW_TOPICS.topicsBetween(0, 200));
    assertEquals(List.of(1_000, 500), Shape.FEW_TOPICS.topicsBetween(0, 1_500));
    assertThrows(IllegalArgumentException.class, () -> Shape.MANY_TOPICS.topicsBetween(5, 5));
    assertEquals(Shape.FEW_TOPICS, Shape.parse(" Few-Topics "));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Shape.parse("some"))
            .getMessage()
            .contains("many-topics or few-topics"));
  }

  @Test
  void everyProfileRunsAThreeServerEnsembleAndStatesEachModesHeaps() {
    for (Profile profile : Profile.values()) {
      MetadataPlan plan = MetadataPlan.forProfile(profile, 1);
      assertEquals(3, plan.zookeeperNodes(), profile.key());
      assertEquals("512m", plan.zookeeperHeap(), profile.key());
      var json = plan.describe();
      assertEquals(3, json.get("zookeeperNodes"));
      assertEquals(true, json.get("modesInterleaved"));
      assertEquals(
          java.util.Map.of(
              "kraft",
              "3 x 1g (each broker also a controller)",
              "zookeeper",
              "3 x 1g brokers + 3 x 512m ZooKeeper"),
          json.get("heaps"));
    }
    MetadataPlan full = MetadataPlan.forProfile(Profile.FULL, 1);
    assertTrue(full.restarts() && full.equalTimeoutFailover());
    assertTrue(full.measures().contains("equal to KRaft's"), full.measures());
    assertTrue(full.measures().contains("restart"), full.measures());
  }

  @Test
  void anEvenEnsembleOrABadHeapIsRefusedWithTheFieldNamed() {
    MetadataPlan quick = MetadataPlan.forProfile(Profile.QUICK, 1);
    IllegalArgumentException even =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MetadataPlan(
                    quick.partitions(),
                    quick.shapes(),
                    quick.modes(),
                    1,
                    3,
                    quick.pointBudget(),
                    quick.operationShapes(),
                    quick.operationPoints(),
                    "1g",
                    2,
                    "512m",
                    false,
                    true));
    assertTrue(even.getMessage().startsWith("zookeeperNodes"), even.getMessage());
    IllegalArgumentException heap =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MetadataPlan(
                    quick.partitions(),
                    quick.shapes(),
                    quick.modes(),
                    1,
                    3,
                    quick.pointBudget(),
                    quick.operationShapes(),
                    quick.operationPoints(),
                    "1g",
                    3,
                    "half a gig",
                    false,
                    true));
    assertTrue(heap.getMessage().startsWith("zookeeperHeap"), heap.getMessage());
  }

  @Test
  void bothModesSideBySideMustFitInTheAvailableMemory() {
    MetadataPlan quick = MetadataPlan.forProfile(Profile.QUICK, 1);
    // 6 x 1 GiB brokers + 3 x 512 MiB ZooKeeper = 7.5 GiB of heap, 9.4 GiB with the margin.
    assertEquals(null, MemoryFit.refusal(quick, 16L << 30));
    String refused = MemoryFit.refusal(quick, 4L << 30);
    assertTrue(refused.startsWith("memory: "), refused);
    assertTrue(refused.contains("9,600 MiB"), refused);
    assertTrue(refused.contains("4,096 MiB available"), refused);
    // KRaft alone needs 3 GiB of heap.
    assertEquals(null, MemoryFit.refusal(quick.withModes(List.of(KafkaMode.KRAFT)), 4L << 30));
  }
}
