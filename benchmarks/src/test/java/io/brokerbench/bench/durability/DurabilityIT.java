package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash ledger against real brokers: what the literature says a durable tier keeps, it keeps
 * here too, and pays for in fsync calls; a transient RabbitMQ queue loses its backlog with the
 * node; ZeroMQ loses what a dead consumer held and PUB drops at a small high-water mark. If a real
 * run contradicts one of these, the measurement stands and this test says what it saw.
 */
@RequiresRabbitMq
class DurabilityIT {
  /** The IT's sizes: the smoke profile's, at tiers ack and durable, the fault at 1,500 acked. */
  private static final DurabilitySettings SETTINGS =
      new DurabilitySettings(
          Profile.SMOKE,
          1024,
          1_000,
          Duration.ofMillis(1_500),
          Duration.ofSeconds(4),
          Duration.ofMillis(500),
          true,
          List.of(GuaranteeTier.ACK, GuaranteeTier.DURABLE),
          false);

  /** The scenarios are called one by one: the plan's systems are those they run. */
  private static final RunPlan PLAN =
      RunPlan.of(Profile.SMOKE, java.util.EnumSet.allOf(BenchSystem.class));

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void durableTiersKeepWhatTheyAcknowledgedAndPayForItAndTransientOnesLoseIt() {
    DurabilitySuite suite = new DurabilitySuite(SETTINGS, PLAN, new Progress(System.out, 16));
    suite.kafkaSingle();
    suite.rabbitSingle();
    suite.zeroMq();
    List<DurabilityRow> rows = suite.rows();
    System.out.print(DurabilityTable.markdown(SETTINGS, rows, suite.syncRows()));

    for (DurabilityRow row : rows) {
      assertEquals(Status.OK, row.status(), row + " was not measured");
    }
    // Every broker crash row had a backlog at risk and was settled by a fresh read.
    for (String system : List.of("kafka-kraft", "rabbitmq")) {
      for (String tier : List.of("ack", "durable")) {
        DurabilityRow crash =
            row(rows, system, tier, "SIGKILL " + (system.equals("rabbitmq") ? "node" : "broker"));
        assertTrue(
            crash.atRisk() >= SETTINGS.backlogMessages() / 2,
            "about "
                + SETTINGS.backlogMessages()
                + " acknowledged and not consumed at the kill: "
                + crash);
        assertFalse(crash.readBack().isEmpty(), "settled by a fresh read: " + crash);
        assertEquals(0, crash.refused(), "the producer paused through the outage: " + crash);
      }
    }
    DurabilityRow kafkaDurable = row(rows, "kafka-kraft", "durable", "SIGKILL broker");
    assertTrue(kafkaDurable.acked() > 1_000, "Kafka acknowledged messages: " + kafkaDurable);
    assertEquals(
        0,
        kafkaDurable.ackedLost(),
        "Kafka flush.messages=1, acks=all, broker killed: " + kafkaDurable);

    DurabilityRow rabbitDurable = row(rows, "rabbitmq", "durable", "SIGKILL node");
    assertTrue(rabbitDurable.acked() > 1_000, "RabbitMQ confirmed messages: " + rabbitDurable);
    assertEquals(
        0,
        rabbitDurable.ackedLost(),
        "RabbitMQ confirms, persistent messages, durable queue, node killed: " + rabbitDurable);
    // A non-durable queue does not survive the restart, and what it held goes with it.
    DurabilityRow rabbitAck = row(rows, "rabbitmq", "ack", "SIGKILL node");
    assertTrue(
        rabbitAck.ackedLost() >= rabbitAck.atRisk() / 2 && rabbitAck.ackedLost() > 0,
        "RabbitMQ confirms, transient queue, node killed: the backlog is lost: " + rabbitAck);

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

    // The price of durability: a durable tier fsyncs more than the same system's ack tier, Kafka
    // (flush.messages=1) at least 3 times as often per message.
    double kafkaRatio = syncRatio(suite.syncRows(), "kafka-kraft");
    assertTrue(kafkaRatio >= 3, "Kafka durable/ack fsyncs per 1,000 messages: " + kafkaRatio);
    assertEquals(
        syncRow(suite.syncRows(), "kafka-kraft", "durable").perThousand(),
        kafkaDurable.syncPerThousand(),
        "each crash row shows the fsyncs its set-up and tier made: " + kafkaDurable);
    // RabbitMQ 3.10 group-commits: a few calls per second at either tier (durable 1.2 to 2.3 per
    // 1,000 messages here, ack 0.7 to 2.0), one or two calls apart in a 3 s count, so only "not
    // fewer" holds run after run.
    double rabbitRatio = syncRatio(suite.syncRows(), "rabbitmq");
    assertTrue(rabbitRatio >= 1, "RabbitMQ durable/ack fsyncs per 1,000 messages: " + rabbitRatio);

    // ZeroMQ: what it accepted and the dead consumer held is lost; what the harness gave up on
    // is refused, never lost.
    DurabilityRow zmqCrash = row(rows, "zeromq", "none", "SIGKILL consumer");
    assertTrue(zmqCrash.atRisk() > 0, "accepted and not delivered at the kill: " + zmqCrash);
    assertEquals(0, zmqCrash.failed(), "a refused send is not a failed one: " + zmqCrash);
    assertEquals(
        zmqCrash.sent() - zmqCrash.refused(),
        zmqCrash.received() + zmqCrash.unackedLost(),
        "every accepted send was received or lost: " + zmqCrash);

    DurabilityRow slow = row(rows, "zeromq", "none", "slow subscriber");
    assertTrue(slow.unackedLost() > 0, "PUB drops for a slow subscriber at HWM 100: " + slow);
    assertEquals(slow.sent(), slow.received() + slow.unackedLost(), slow.toString());

    DurabilityRow late = row(rows, "zeromq", "none", "late joiner");
    assertTrue(late.unackedLost() > 0, "a late subscriber misses the first messages: " + late);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aStreamKeepsWhatItConfirmedThroughAKillOfItsNodeAndOffersNoDurableTier() {
    DurabilitySuite suite = new DurabilitySuite(SETTINGS, PLAN, new Progress(System.out, 2));
    suite.rabbitStreams();
    List<DurabilityRow> rows = suite.rows();
    System.out.print(DurabilityTable.markdown(SETTINGS, rows, suite.syncRows()));

    DurabilityRow ack = row(rows, "rabbitmq-stream", "ack", "SIGKILL node");
    assertEquals(Status.OK, ack.status(), ack.toString());
    assertTrue(
        ack.atRisk() >= SETTINGS.backlogMessages() / 2,
        "confirmed and not consumed at the kill: " + ack);
    assertFalse(ack.readBack().isEmpty(), "settled by reading the stream again: " + ack);
    // A killed process leaves the page cache: what the node appended survives its restart.
    assertEquals(0, ack.ackedLost(), "stream confirms, node killed: " + ack);
    assertTrue(ack.recoveryMs() != null, "new clients sent and received after it: " + ack);
    assertEquals(
        Status.NOT_OFFERED, row(rows, "rabbitmq-stream", "durable", "SIGKILL node").status());
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void replicatedTiersKeepWhatTheyAcknowledgedThroughTheLossOfTheirLeader() {
    DurabilitySuite suite = new DurabilitySuite(SETTINGS, PLAN, new Progress(System.out, 3));
    suite.kafkaCluster(false);
    suite.rabbitQuorum();
    List<DurabilityRow> rows = suite.rows();
    System.out.print(DurabilityTable.markdown(SETTINGS, rows, suite.syncRows()));

    DurabilityRow ack = row(rows, "kafka-kraft", "ack", "SIGKILL partition leader");
    DurabilityRow replicated = row(rows, "kafka-kraft", "replicated", "SIGKILL partition leader");
    assertEquals(Status.OK, ack.status(), ack.toString());
    assertEquals(Status.OK, replicated.status(), replicated.toString());
    assertTrue(
        replicated.note().contains("deleted") && replicated.fault().contains("delete"),
        "the leader lost its copy of the partition before its restart: " + replicated);
    // The followers were frozen for a second before the kill: what the leader acknowledged
    // meanwhile existed on it alone, and the in-sync follower that took over never had it.
    assertTrue(ack.ackedLost() > 0, "acks=1 loses what only its dead leader had: " + ack);
    assertTrue(replicated.acked() > 1_000, "Kafka acknowledged messages: " + replicated);
    assertEquals(
        0,
        replicated.ackedLost(),
        "acks=all with min.insync.replicas=2 acknowledges nothing a single broker holds: "
            + replicated);

    DurabilityRow quorum = row(rows, "rabbitmq", "replicated", "SIGKILL queue leader, delete");
    assertEquals(Status.OK, quorum.status(), quorum.toString());
    assertEquals(3, quorum.nodes(), quorum.toString());
    assertTrue(quorum.acked() > 1_000, "RabbitMQ confirmed messages: " + quorum);
    assertTrue(quorum.atRisk() > 0, "confirmed and not consumed at the kill: " + quorum);
    assertEquals(0, quorum.ackedLost(), "a quorum queue confirms what a majority holds: " + quorum);
  }

  /** The durable row's fsyncs per 1,000 messages over the ack row's, of {@code system}. */
  private static double syncRatio(List<SyncRow> syncRows, String system) {
    SyncRow ack = syncRow(syncRows, system, "ack");
    SyncRow durable = syncRow(syncRows, system, "durable");
    System.out.printf(
        "%s fsyncs per 1,000 messages: ack %.1f, durable %.1f%n",
        system, ack.perThousand(), durable.perThousand());
    return durable.perThousand() / Math.max(ack.perThousand(), 0.001);
  }

  private static SyncRow syncRow(List<SyncRow> syncRows, String system, String tier) {
    SyncRow row =
        syncRows.stream()
            .filter(r -> r.system().equals(system) && r.tier().equals(tier))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no fsync count of " + system + " " + tier));
    assertEquals(Status.OK, row.status(), row.toString());
    assertTrue(row.messages() > 1_000, row.toString());
    return row;
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
