package io.brokerbench.brokers.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KafkaClusterSpecTest {

  @Test
  void aClusterRunsKafka3UnlessAskedForAnotherRelease() {
    assertEquals(KafkaRelease.V3_9, KafkaClusterSpec.single(KafkaMode.ZOOKEEPER).release());
    assertEquals(KafkaNode.VERSION, KafkaRelease.V3_9.version());
    KafkaClusterSpec four = KafkaClusterSpec.of(KafkaMode.KRAFT, 3).withRelease(KafkaRelease.V4_2);
    assertEquals(KafkaRelease.V4_2, four.release());
    assertEquals(KafkaRelease.V4_2, four.withHeap("512m").withControllers(1).release());
  }

  @Test
  void kafka4IsRefusedZooKeeperModeWithTheReasonAndWhatRunsIt() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClusterSpec.single(KafkaMode.ZOOKEEPER).withRelease(KafkaRelease.V4_2));
    assertTrue(
        refused.getMessage().contains("4.2.2 cannot run in ZooKeeper mode"), refused.getMessage());
    assertTrue(refused.getMessage().contains("3.9.1 for ZooKeeper mode"), refused.getMessage());
  }

  @Test
  void onlyKafka4HasShareGroupsAndLog4j2() {
    assertTrue(KafkaRelease.V4_2.hasShareGroups());
    assertTrue(KafkaRelease.V4_2.logsWithLog4j2());
    assertTrue(KafkaRelease.V3_9.runsWithZooKeeper());
    assertEquals(false, KafkaRelease.V3_9.hasShareGroups());
    assertEquals(false, KafkaRelease.V4_2.runsWithZooKeeper());
  }
}
