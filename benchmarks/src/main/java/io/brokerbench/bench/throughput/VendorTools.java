package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.Errors.innermostFirstLine;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.RunDirectory;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.bench.vendor.JeromqLoop;
import io.brokerbench.bench.vendor.KafkaProducerPerformance;
import io.brokerbench.bench.vendor.RabbitPerfTest;
import io.brokerbench.bench.vendor.VendorResult;
import io.brokerbench.brokers.kafka.KafkaRoundTrip;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The vendors' own tools, each run right after the fork that holds the trial it is compared with,
 * once per round: RabbitMQ PerfTest, Kafka's ProducerPerformance and a plain jeromq loop. Apart
 * from the run loop because each tool has a set-up of its own; one that is not run or fails says so
 * in its progress line and gives no figure.
 */
final class VendorTools {
  /** A vendor's tool run beside one of brokerbench's trials, once per round. */
  enum Tool {
    PERF_TEST,
    PRODUCER_PERFORMANCE,
    JEROMQ_LOOP
  }

  private final ThroughputSettings settings;
  private final Progress progress;

  VendorTools(ThroughputSettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** The vendor's tool of {@code cell}, right after brokerbench's trial in the same round. */
  VendorResult vendor(Cell cell, Measured ours, int round) {
    Target target = cell.target();
    String name =
        switch (cell.vendor()) {
          case PERF_TEST -> "RabbitMQ PerfTest, " + cell.tier();
          case PRODUCER_PERFORMANCE ->
              "Kafka's ProducerPerformance, acks=" + (cell.tier().equals("ack") ? "1" : "all");
          case JEROMQ_LOOP -> "plain jeromq PUSH/PULL loop";
        };
    progress.step(
        String.format("round %d/%d: %s: %s", round, settings.rounds(), target.system, name));
    if (RunDirectory.interrupted()) {
      progress.done(name + " not run: the run was interrupted");
      return null;
    }
    if (target.down()) {
      progress.done(name + " not run: " + target.death);
      return null;
    }
    try {
      VendorResult result =
          switch (cell.vendor()) {
            case PERF_TEST ->
                RabbitPerfTest.run(
                    target.target.get(Targets.RABBITMQ_URI),
                    cell.tier(),
                    1024,
                    settings.warmup(),
                    settings.measurement(),
                    // PerfTest's outstanding-confirm window, the same as our driver's.
                    RabbitMqConfig.DEFAULT_MAX_UNCONFIRMED);
            case PRODUCER_PERFORMANCE ->
                producerPerformance(
                    target.target.get(Targets.KAFKA_BOOTSTRAP),
                    cell.tier().equals("ack") ? "1" : "all",
                    round,
                    ours.perSec());
            case JEROMQ_LOOP -> JeromqLoop.run(settings.vendorRecords(), 1024);
          };
      progress.done(
          String.format("%s: %,.0f msg/s", result.tool(), result.msgPerSec())
              + (ours.failure() == null && result.msgPerSec() > 0
                  ? String.format(
                      " · brokerbench/vendor = %.2f", ours.perSec() / result.msgPerSec())
                  : ""));
      return result;
    } catch (Exception e) {
      progress.done(name + " FAILED: " + innermostFirstLine(e));
      return null;
    }
  }

  /**
   * One run of ProducerPerformance on a topic of its own, after a warm-up run in the same JVM as
   * long as a trial's warm-up; the measured run is sized to last about as long as the trial's
   * measurement and a discarded first window at {@code expectedPerSec}.
   */
  private VendorResult producerPerformance(
      String bootstrap, String acks, int round, double expectedPerSec) throws Exception {
    String topic = "brokerbench-vendor-acks-" + acks + "-round-" + round;
    KafkaRoundTrip.createTopic(bootstrap, topic, 1, (short) 1);
    // Its first 5-second window is discarded; at our rate two more follow, one if it is faster.
    long seconds = settings.measurement().toSeconds() + 11;
    int warmUp = records(expectedPerSec, settings.warmup().toSeconds());
    VendorResult vendor =
        KafkaProducerPerformance.run(
            bootstrap, topic, warmUp, records(expectedPerSec, seconds), 1024, acks);
    try (var admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }
    return vendor;
  }

  /** Records that last about {@code seconds} at {@code perSec}, at least the profile's minimum. */
  private int records(double perSec, long seconds) {
    return (int) Math.min(10_000_000, Math.max(settings.vendorRecords(), perSec * seconds));
  }
}
