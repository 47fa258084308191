package io.brokerbench.harness.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  private static Workload baseline() {
    return new Workload("w", 1, 1, 1024, 1, 1, 1, 0, 20, 5, GuaranteeTier.ACK);
  }

  @Test
  void aBadValueNamesTheFieldAndTheValue() {
    InvalidFieldException e =
        assertThrows(
            InvalidFieldException.class,
            () -> new Workload("w", 1, -2, 1024, 1, 1, 1, 0, 20, 5, GuaranteeTier.ACK));
    assertEquals("partitionsPerTopic", e.field());
    assertEquals(
        "partitionsPerTopic: -2 is out of range; give 1 to 100000 partitions", e.getMessage());
  }

  @Test
  void aMissingTierIsRefused() {
    InvalidFieldException e =
        assertThrows(
            InvalidFieldException.class,
            () -> new Workload("w", 1, 1, 1024, 1, 1, 1, 0, 20, 5, null));
    assertEquals("tier: is missing; give one of none, ack, durable, replicated", e.getMessage());
  }

  @Test
  void producersAloneNeedNoConsumers() {
    Workload alone = new Workload("w", 1, 1, 1024, 0, 1, 0, 0, 20, 5, GuaranteeTier.ACK);
    assertEquals(0, alone.subscriptionsPerTopic());
  }

  @Test
  void derivedValues() {
    Workload w = baseline();
    assertEquals(Duration.ofSeconds(20), w.testDuration());
    assertEquals(Duration.ofSeconds(5), w.warmupDuration());
    assertEquals(GuaranteeTier.DURABLE, w.withTier(GuaranteeTier.DURABLE).tier());
    assertEquals(
        3, new Workload("w", 3, 1, 100, 1, 1, 1, 0, 1, 0, GuaranteeTier.NONE).totalProducers());
  }

  @Test
  void tiersReadTheirKeys() {
    assertEquals(GuaranteeTier.DURABLE, GuaranteeTier.fromKey("Durable"));
    assertEquals("none", GuaranteeTier.NONE.key());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GuaranteeTier.fromKey("exactly-once"));
    assertEquals(
        "'exactly-once' is not a guarantee tier; use one of none, ack, durable, replicated",
        e.getMessage());
  }
}
