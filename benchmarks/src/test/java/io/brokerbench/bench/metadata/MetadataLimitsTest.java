package io.brokerbench.bench.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.brokers.MachineLimits;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** What the machine's limits let the sweep hold, on this project's development machines. */
class MetadataLimitsTest {
  /** 20,000 open files per process and vm.max_map_count 65,530, as on the development machines. */
  private static final MachineLimits HERE = new MachineLimits(20_000, 65_530);

  private static MetadataSuite suite(int replicationFactor) {
    return new MetadataSuite(
        MetadataPlan.forProfile(Profile.FULL, replicationFactor),
        new Progress(new PrintStream(new ByteArrayOutputStream()), 1),
        HERE);
  }

  private static MetadataPlan.Point point(int partitions) {
    return new MetadataPlan.Point(KafkaMode.KRAFT, Shape.MANY_TOPICS, partitions, 0, true);
  }

  @Test
  void threeBrokersHoldFiftyThousandPartitionsOfOneReplicaButNotAHundredThousand() {
    assertEquals(19_000, HERE.maxPartitionsPerBroker(), "open files bind before memory maps");
    assertEquals(
        57_000, MetadataSuite.maxPartitions(HERE, MetadataPlan.forProfile(Profile.FULL, 1)));
    assertNull(suite(1).refusal(point(50_000)));
    String refusal = suite(1).refusal(point(100_000));
    assertTrue(refusal.contains("33,334 partitions"), refusal);
    assertTrue(refusal.contains("ulimit -n"), refusal);
  }

  @Test
  void threeReplicasTripleWhatEachBrokerHolds() {
    assertEquals(
        19_000, MetadataSuite.maxPartitions(HERE, MetadataPlan.forProfile(Profile.FULL, 3)));
    assertNull(suite(3).refusal(point(10_000)));
    assertTrue(suite(3).refusal(point(20_000)).contains("20,000 partitions"));
  }

  @Test
  void memoryMapsBindWhenOpenFilesAreUnlimited() {
    MachineLimits maps = new MachineLimits(Long.MAX_VALUE, 65_530);
    assertEquals((65_530 - 2_000) / 2, maps.maxPartitionsPerBroker());
    MetadataSuite suite =
        new MetadataSuite(
            MetadataPlan.forProfile(Profile.FULL, 1),
            new Progress(new PrintStream(new ByteArrayOutputStream()), 1),
            maps);
    String refusal = suite.refusal(point(100_000));
    assertTrue(refusal.contains("vm.max_map_count"), refusal);
  }
}
