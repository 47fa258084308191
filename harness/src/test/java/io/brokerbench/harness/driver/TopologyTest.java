package io.brokerbench.harness.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import org.junit.jupiter.api.Test;

class TopologyTest {
  private final Topology topology = new Topology("trial-1", 3, 5, 2, 2, 4);

  @Test
  void namesAreDerivedFromTheTrial() {
    assertEquals("trial-1-t2", topology.topicName(2));
    assertEquals("trial-1-t2-s1", topology.subscriptionName(2, 1));
  }

  @Test
  void producerIdsAreDenseAndUnique() {
    assertEquals(0, topology.producerId(0, 0));
    assertEquals(9, topology.producerId(2, 1));
    assertEquals(2, topology.topicOf(9));
    assertEquals(12, topology.totalProducers());
    assertEquals(12, topology.totalConsumers());
  }

  @Test
  void partitionsAreSpreadOverConsumers() {
    assertArrayEquals(new int[] {0, 2, 4}, topology.partitionsOf(0));
    assertArrayEquals(new int[] {1, 3}, topology.partitionsOf(1));
    Topology many = new Topology("t", 1, 2, 1, 3, 1);
    assertArrayEquals(new int[] {}, many.partitionsOf(2), "more consumers than partitions");
  }

  @Test
  void aWorkloadGivesItsShape() {
    Workload w = new Workload("w", 1, 16, 1024, 1, 1, 16, 0, 20, 5, GuaranteeTier.ACK);
    assertEquals(new Topology("x", 1, 16, 1, 16, 1), Topology.of("x", w));
  }

  @Test
  void aTrialIdMustBeUsableAsABrokerName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Topology("a b", 1, 1, 1, 1, 1));
    assertEquals(
        "trialId: 'a b' is not a usable name; use 1 to 100 letters, digits, '.', '_' or '-'",
        e.getMessage());
  }
}
