package io.brokerbench.bench.durability;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.durability.DurabilityRow.Scenario;
import io.brokerbench.bench.durability.ScenarioRunner.Planned;
import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.brokers.rabbitmq.RabbitConsumerPeer;
import io.brokerbench.brokers.rabbitmq.RabbitNode;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver;
import io.brokerbench.harness.driver.rabbitstream.RabbitStreamConfig;
import io.brokerbench.harness.driver.rabbitstream.RabbitStreamDriver;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The durability suite's RabbitMQ scenarios: one node killed (and, in the full profile, frozen) at
 * every tier of the profile with its fsync count, a consumer crashed under each way of
 * acknowledging, and a 3-node quorum queue that loses its leader with its disk. Each starts its
 * nodes and runs its {@link CrashTrial}s through the suite's {@link ScenarioRunner}.
 *
 * @param settings the profile's sizes, tiers and scenarios
 * @param runner makes each trial a row, shared with the suite's other systems
 */
record RabbitScenarios(DurabilitySettings settings, ScenarioRunner runner) {

  private static final String RABBIT_SINGLE = "1 node, classic queues";

  /** How the consumer acknowledges in the consumer-crash scenarios, one scenario each. */
  static final List<RabbitConsumerPeer.Acks> CONSUMER_ACKS =
      List.of(RabbitConsumerPeer.Acks.AUTO, RabbitConsumerPeer.Acks.MANUAL);

  void single() {
    List<Planned> scenarios =
        runner.singleNodeScenarios(BenchSystem.RABBITMQ, RABBIT_SINGLE, new Fault.Kill("node"));
    if (settings.singleNodeExtras() && settings.runs(GuaranteeTier.DURABLE)) {
      for (RabbitConsumerPeer.Acks acks : CONSUMER_ACKS) {
        scenarios.add(
            ScenarioRunner.planned(
                BenchSystem.RABBITMQ,
                RABBIT_SINGLE,
                GuaranteeTier.DURABLE,
                new Fault.ConsumerCrash(acks)));
      }
    }
    if (scenarios.isEmpty()) {
      return;
    }
    try (RabbitCluster rabbit = new RabbitCluster(RabbitClusterSpec.single())) {
      rabbit.start();
      runner.described(rabbit.describe());
      RabbitNode node = rabbit.node(1);
      RabbitMqConfig config = RabbitMqConfig.of(node.uri());
      runner.countSyncCalls(
          BenchSystem.RABBITMQ,
          RABBIT_SINGLE,
          node,
          tier ->
              new CrashTrial(
                  runner.trialId("rabbit-sync", tier),
                  tier,
                  () -> new RabbitMqDriver(config),
                  false,
                  settings.syncRun()));
      for (Planned planned : scenarios) {
        GuaranteeTier tier = GuaranteeTier.fromKey(planned.scenario().tier());
        boolean consumerCrash = planned.fault() instanceof Fault.ConsumerCrash;
        runner.measure(
            planned.scenario(),
            () -> {
              CrashTrial trial =
                  new CrashTrial(
                      runner.trialId("rabbit", tier),
                      tier,
                      () -> new RabbitMqDriver(config),
                      false,
                      settings.trial(!consumerCrash));
              return planned.fault() instanceof Fault.ConsumerCrash crash
                  ? consumerCrash(trial, config, crash.acks())
                  : trial.run(Faults.onNode(planned.fault(), node, settings.outage()), null);
            });
      }
    } catch (RuntimeException e) {
      runner.notRun(Planned.scenarios(scenarios), e);
    } finally {
      Work.deleteCreated();
    }
  }

  private static final String STREAM_SINGLE = "1 node, streams";

  /**
   * RabbitMQ Streams on one node with the stream plugin: the node killed at each tier a stream
   * offers, the ledger settled by reading the stream again from its first offset ({@link
   * StreamLogRead}); tier durable is a row that says why a stream does not offer it.
   */
  void streams() {
    List<Planned> scenarios = new ArrayList<>();
    for (GuaranteeTier tier : settings.tiers()) {
      Planned planned =
          ScenarioRunner.planned(
              BenchSystem.RABBITMQ_STREAM, STREAM_SINGLE, tier, new Fault.Kill("node"));
      if (SystemUnderTest.RABBITMQ_STREAM.tiers().contains(tier)) {
        scenarios.add(planned);
      } else {
        runner.skipped(
            planned.scenario(),
            Status.NOT_OFFERED,
            "a stream confirms before it fsyncs (it leaves flushing to the operating system and"
                + " relies on replicas): no tier "
                + tier.key()
                + " on one node");
      }
    }
    if (scenarios.isEmpty()) {
      return;
    }
    try (RabbitCluster rabbit = new RabbitCluster(RabbitClusterSpec.single().withStreams())) {
      rabbit.start();
      runner.described(rabbit.describe());
      RabbitNode node = rabbit.node(1);
      RabbitStreamConfig config = RabbitStreamConfig.of(Ports.LOOPBACK, node.streamPort());
      for (Planned planned : scenarios) {
        GuaranteeTier tier = GuaranteeTier.fromKey(planned.scenario().tier());
        runner.measure(
            planned.scenario(),
            () ->
                new CrashTrial(
                        runner.trialId("rabbit-stream", tier),
                        tier,
                        () -> new RabbitStreamDriver(config),
                        // New clients after the restart: a stream producer's sends fail while its
                        // client reconnects, as a RabbitMQ channel's do.
                        false,
                        settings.trial(true))
                    .run(
                        Faults.onNode(planned.fault(), node, settings.outage()),
                        new StreamLogRead(
                            Ports.LOOPBACK, node.streamPort(), Duration.ofSeconds(60))));
      }
    } catch (RuntimeException e) {
      runner.notRun(Planned.scenarios(scenarios), e);
    } finally {
      Work.deleteCreated();
    }
  }

  /**
   * The broker stays up; the consumer, a child JVM, is SIGKILLed and a new one consumes the same
   * queue after the outage. The producer publishes persistent messages with confirms to a durable
   * queue (tier durable), so whatever is lost is lost by the consumer's acknowledgements: with
   * auto-ack the broker forgets a message once sent, and what the dead consumer held is gone; with
   * manual acks (the harness's prefetch and ack batch) the broker delivers again what was not
   * acknowledged, and what the dead consumer had handled arrives twice.
   */
  private CrashTrial.Outcome consumerCrash(
      CrashTrial trial, RabbitMqConfig config, RabbitConsumerPeer.Acks acks) throws Exception {
    String queue = RabbitMqDriver.queueName(trial.topology(), 0, 0, 0);
    String uri = config.uris().get(0);
    CrashTrial.Settings sizes = settings.trial(false);
    try (ConsumerProcesses consumers =
        new ConsumerProcesses(
            Work.newDirectory("rabbitmq-consumer-ledger"),
            (index, file) ->
                RabbitConsumerPeer.process(
                    "rabbitmq-consumer-" + acks.key() + "-" + index,
                    uri,
                    queue,
                    file,
                    PayloadHeader.BYTES,
                    acks,
                    config.prefetch(),
                    config.ackEvery()),
            sizes.drainIdle(),
            sizes.drainMax())) {
      // The producer sends a multiple of the ack batch by the fault time in every profile (2,000
      // msg/s for 3 s, say), so a kill right then would always find a batch just acknowledged:
      // nothing handled and unacknowledged, however the consumer acknowledges. A crash at a random
      // moment finds half a batch on average; the kill comes half a batch later, for both modes.
      Duration halfBatch =
          Duration.ofNanos(
              config.ackEvery() / 2 * TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond());
      return trial.runWithOutsideConsumers(
          down -> consumers.crashAndRestart(down, halfBatch, settings.outage()), consumers);
    }
  }

  /**
   * Tier replicated on RabbitMQ: a quorum queue on 3 nodes whose leader is lost with its disk
   * ({@link Fault.QueueLeaderLoss}): the followers elect a new leader and the clients reconnect to
   * a surviving node.
   */
  void quorum() {
    if (!settings.runs(GuaranteeTier.REPLICATED)) {
      return;
    }
    String system = BenchSystem.RABBITMQ.label();
    Scenario scenario =
        new Scenario(
            system, "3 nodes, quorum queue", "replicated", new Fault.QueueLeaderLoss().label(), 3);
    try (RabbitCluster rabbit = new RabbitCluster(RabbitClusterSpec.of(3))) {
      rabbit.start();
      runner.described(rabbit.describe());
      RabbitMqConfig config = RabbitMqConfig.of(rabbit.uris());
      String trialId = runner.trialId("rabbit3", GuaranteeTier.REPLICATED);
      runner.measure(
          scenario,
          () -> {
            CrashTrial trial =
                new CrashTrial(
                    trialId,
                    GuaranteeTier.REPLICATED,
                    () -> new RabbitMqDriver(config),
                    false,
                    settings.trial(false));
            return trial.run(Faults.queueLeaderLoss(rabbit, trialId), null);
          });
    } catch (RuntimeException e) {
      runner.notRun(List.of(scenario), e);
    } finally {
      Work.deleteCreated();
    }
  }
}
