package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.Progress;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash ledger against real brokers: what the literature says a durable tier keeps, it keeps
 * here too, and ZeroMQ's PUB drops at a small high-water mark. If a real run contradicts one of
 * these, the measurement stands and this test says what it saw.
 */
class DurabilityIT {
  private static final DurabilitySuite.Settings SETTINGS =
      new DurabilitySuite.Settings(
          "it",
          1024,
          1_000,
          Duration.ofMillis(1_500),
          Duration.ofSeconds(4),
          Duration.ofMillis(500),
          true,
          List.of(GuaranteeTier.DURABLE),
          false);

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void durableTiersKeepWhatTheyAcknowledgedAndZeroMqDropsAtTheHighWaterMark() {
    DurabilitySuite suite = new DurabilitySuite(SETTINGS, new Progress(System.out, 8));
    suite.kafkaCluster(false);
    suite.rabbitSingle();
    suite.zeroMq();
    List<DurabilityRow> rows = suite.rows();
    System.out.print(DurabilityTable.markdown(SETTINGS, rows, suite.syncRows()));

    for (DurabilityRow row : rows) {
      assertEquals(DurabilityRow.OK, row.status(), row + " was not measured");
    }
    DurabilityRow kafkaDurable = row(rows, "kafka-kraft", "durable", "leader");
    assertTrue(kafkaDurable.acked() > 1_000, "Kafka acknowledged messages: " + kafkaDurable);
    assertEquals(
        0,
        kafkaDurable.ackedLost(),
        "Kafka acks=all, RF 3, min ISR 2, leader killed: " + kafkaDurable);
    assertTrue(kafkaDurable.recoveryMs() != null, "Kafka delivered after the leader's death");

    DurabilityRow rabbitDurable = row(rows, "rabbitmq", "durable", "SIGKILL node");
    assertTrue(rabbitDurable.acked() > 500, "RabbitMQ confirmed messages: " + rabbitDurable);
    assertEquals(
        0,
        rabbitDurable.ackedLost(),
        "RabbitMQ confirms, persistent messages, durable queue, node killed: " + rabbitDurable);

    // The consumer crashes: the broker keeps every confirmed message; what the consumer's death
    // costs depends on its acknowledgements.
    DurabilityRow manual = row(rows, "rabbitmq", "durable", "consumer (manual acks");
    assertTrue(manual.acked() > 500, "RabbitMQ confirmed messages: " + manual);
    assertEquals(
        0,
        manual.ackedLost(),
        "manual acks: the broker delivers again what the dead consumer had not acknowledged: "
            + manual);
    assertTrue(manual.recoveryMs() != null, "the new consumer received: " + manual);
    DurabilityRow auto = row(rows, "rabbitmq", "durable", "consumer (auto-ack");
    assertTrue(auto.acked() > 500, "RabbitMQ confirmed messages: " + auto);
    assertEquals(0, auto.duplicates(), "auto-ack: the broker never delivers twice: " + auto);
    assertTrue(auto.recoveryMs() != null, "the new consumer received: " + auto);

    // Persistent messages with confirms: RabbitMQ writes them to disk before it confirms.
    SyncRow sync = suite.syncRows().get(0);
    assertEquals(DurabilityRow.OK, sync.status(), sync.toString());
    assertTrue(sync.messages() > 1_000, sync.toString());
    assertTrue(sync.perThousand() > 0, "RabbitMQ durable made fsync-family calls: " + sync);

    DurabilityRow slow = row(rows, "zeromq", "none", "slow subscriber");
    assertTrue(slow.unackedLost() > 0, "PUB drops for a slow subscriber at HWM 100: " + slow);
    assertEquals(slow.sent(), slow.received() + slow.unackedLost(), slow.toString());

    DurabilityRow late = row(rows, "zeromq", "none", "late joiner");
    assertTrue(late.unackedLost() > 0, "a late subscriber misses the first messages: " + late);
  }

  private static DurabilityRow row(
      List<DurabilityRow> rows, String system, String tier, String fault) {
    return rows.stream()
        .filter(
            r -> r.system().equals(system) && r.tier().equals(tier) && r.fault().contains(fault))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + system + " " + tier + " " + fault));
  }
}
