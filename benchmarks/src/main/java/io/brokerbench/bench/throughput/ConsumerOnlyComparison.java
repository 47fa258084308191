package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.Errors.innermostFirstLine;
import static io.brokerbench.bench.throughput.ThroughputPlan.CONSUMER_ONLY;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.bench.vendor.KafkaConsumerPerformance;
import io.brokerbench.bench.vendor.VendorResult;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The consumer-only comparison, after the rounds: for each Kafka system, brokerbench's consumer
 * alone against Kafka's ConsumerPerformance, one row each with the tool's figure. Apart from the
 * run loop because it is no round's trial: it fills backlogs of its own, and runs its JMH trial
 * through the same {@link ForkRunner} and folds it with the same {@link RowFolder} as the rounds.
 */
final class ConsumerOnlyComparison {
  private final ThroughputSettings settings;
  private final Progress progress;
  private final ForkRunner forks;
  private final RowFolder folder;
  private final List<ThroughputRow> rows;

  ConsumerOnlyComparison(
      ThroughputSettings settings,
      Progress progress,
      ForkRunner forks,
      RowFolder folder,
      List<ThroughputRow> rows) {
    this.settings = settings;
    this.progress = progress;
    this.forks = forks;
    this.folder = folder;
    this.rows = rows;
  }

  /**
   * brokerbench's Kafka consumer alone against Kafka's ConsumerPerformance, each reading a topic of
   * its own filled beforehand the same way, at tier {@code ack} only: a consumer reads the same log
   * whatever {@code acks} its producer used, so the other tiers would repeat the figure.
   * ConsumerPerformance runs once, after brokerbench's trial, on a broker that trial warmed up.
   */
  void consumerOnly(Target target) {
    ConsumerOnly sizes = settings.consumerOnly();
    progress.step(
        String.format(
            "%s ack, %s (%,d messages, %d passes)",
            target.system, CONSUMER_ONLY, sizes.messages(), sizes.passes()));
    ThroughputRow ours = consumerTrial(target);
    progress.done(ours.ok() ? String.format("%,.0f msg/s read", ours.msgPerSec()) : ours.reason());
    long vendorMessages = sizes.vendorMessages();
    progress.step(
        String.format(
            "%s: Kafka's ConsumerPerformance, %,d messages", target.system, vendorMessages));
    if (target.down()) {
      progress.done("ConsumerPerformance not run: " + target.death);
      rows.add(ours);
      return;
    }
    try {
      VendorResult vendor =
          consumerPerformance(
              target.system,
              target.target,
              target.target.get(Targets.KAFKA_BOOTSTRAP),
              vendorMessages);
      if (ours.ok()) {
        ours = ours.withVendor(vendor.tool(), List.of(vendor.msgPerSec()));
      }
      progress.done(String.format("%s: %,.0f msg/s", vendor.tool(), vendor.msgPerSec()));
    } catch (Exception e) {
      progress.done("ConsumerPerformance FAILED: " + innermostFirstLine(e));
    }
    rows.add(ours);
  }

  /**
   * One JMH trial of {@link ConsumerOnlyBenchmark}: an iteration is one pass over the backlog, so
   * its time is set far below a pass and JMH ends each iteration when its one pass is done.
   */
  private ThroughputRow consumerTrial(Target target) {
    ConsumerOnly sizes = settings.consumerOnly();
    Cell cell =
        new Cell(target, "ack", CONSUMER_ONLY, ThroughputBenchmark.window(1024), false, null);
    Measured result =
        forks
            .watched(
                target,
                cell.name(),
                cell.tier(),
                cell.workload(),
                List.of(cell.name()),
                new OptionsBuilder()
                    .include(ConsumerOnlyBenchmark.class.getName() + ".read")
                    .param("backlog", Long.toString(sizes.messages()))
                    .warmupIterations(sizes.warmupPasses())
                    .warmupTime(TimeValue.milliseconds(1))
                    .measurementIterations(sizes.passes())
                    .measurementTime(TimeValue.milliseconds(1)))
            .get(0);
    if (result.failure() == null) {
      // Nothing is sent while the consumer reads: JMH's primary score counts passes.
      result =
          new Measured(
              result.perSec(),
              0,
              result.iterations(),
              0,
              0,
              0,
              result.warmupSettled(),
              null,
              Status.OK);
    }
    return folder.fold(cell, List.of(result));
  }

  /** Fills a topic of its own through brokerbench's producer, then lets the tool read it. */
  private static VendorResult consumerPerformance(
      String system, Map<String, String> target, String bootstrap, long messages) throws Exception {
    Workload workload = WorkloadLoader.loadReference(CONSUMER_ONLY).workload();
    Topology topology = Topology.of("brokerbench-vendor-consumer-" + System.nanoTime(), workload);
    // Closing the driver deletes the topic.
    try (BrokerDriver driver = SystemUnderTest.parse(system).driver(target)) {
      Backlog.fill(driver, topology, GuaranteeTier.ACK, messages, workload.messageSize());
      return KafkaConsumerPerformance.run(bootstrap, topology.topicName(0), messages);
    }
  }
}
