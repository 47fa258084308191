package io.brokerbench.harness.workload;

import io.brokerbench.harness.measure.PayloadHeader;
import java.time.Duration;

/**
 * One matched workload: the same topology, message size, rate and guarantee for every system.
 *
 * <p>The field names are the OpenMessaging Benchmark's where it has one (so its workload files read
 * here; see {@link WorkloadLoader}), which is why two of them carry no unit in their name: {@code
 * messageSize} is in bytes and {@code producerRate} in messages per second. The durations are held
 * in seconds because short runs need them; files may give either {@code testDurationMinutes} (the
 * OpenMessaging name) or {@code testDurationSeconds}.
 *
 * <p>Every value is checked here, so a workload that exists is one the harness can run; a bad value
 * fails with an {@link InvalidFieldException} that names the field and the value.
 *
 * @param name what the workload is called in results, e.g. {@code 1-topic-1-partition-1kb}
 * @param topics the number of topics (RabbitMQ: exchanges), 1 or more
 * @param partitionsPerTopic partitions per topic (RabbitMQ: queues per subscription; ZeroMQ: one
 *     socket each), 1 or more; each producer spreads its messages over them round robin
 * @param messageSize bytes per message including the {@value PayloadHeader#BYTES}-byte header
 * @param subscriptionsPerTopic independent subscriptions of a topic, each of which gets every
 *     message (fan-out when more than one); 0 measures producers alone
 * @param producersPerTopic producers per topic (fan-in when more than one), 1 or more
 * @param consumerPerSubscription consumers sharing one subscription's messages (the OpenMessaging
 *     name, singular); 1 or more when there are subscriptions
 * @param producerRate the target rate of all producers together, messages per second; 0 sends as
 *     fast as the in-flight window allows (the OpenMessaging Benchmark instead searches for the
 *     highest sustainable rate)
 * @param testDurationSeconds how long the measured part of a run lasts, 1 s or more
 * @param warmupDurationSeconds how long the discarded warm-up before it lasts, 0 or more
 * @param tier the delivery guarantee to measure at
 */
public record Workload(
    String name,
    int topics,
    int partitionsPerTopic,
    int messageSize,
    int subscriptionsPerTopic,
    int producersPerTopic,
    int consumerPerSubscription,
    int producerRate,
    long testDurationSeconds,
    long warmupDurationSeconds,
    GuaranteeTier tier) {

  /** Past this a message is a mistake (a size in bits, or in KiB given as bytes), not a test. */
  public static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

  /**
   * The OpenMessaging Benchmark's own workload files go up to a million topics (of one partition
   * each); whether a machine holds them is the machine limits' question when a suite runs them, not
   * the file's. Ten times that is a typo.
   */
  public static final int MAX_TOPICS = 1_000_000;

  public static final int MAX_PARTITIONS_PER_TOPIC = 100_000;

  /**
   * One broker holds fewer than ~19,000 partitions here (README, "ZooKeeper vs KRaft"), but the
   * OpenMessaging Benchmark's files go to a million (of one topic each, for bigger clusters); more
   * than that is a typo.
   */
  public static final long MAX_TOTAL_PARTITIONS = 1_000_000;

  /** Per topic or per subscription; every client is a thread and a connection on two cores. */
  public static final int MAX_CLIENTS = 1_000;

  /** Far above any system on one host (a raw jeromq loop does ~0.6 million msg/s). */
  public static final int MAX_PRODUCER_RATE = 100_000_000;

  /** A day; the suites run for minutes. */
  public static final long MAX_DURATION_SECONDS = 24 * 60 * 60;

  public Workload {
    if (name == null || name.isBlank()) {
      throw new InvalidFieldException("name", "is empty; give the workload a name");
    }
    name = name.strip();
    range("topics", topics, 1, MAX_TOPICS, "topics");
    range("partitionsPerTopic", partitionsPerTopic, 1, MAX_PARTITIONS_PER_TOPIC, "partitions");
    if ((long) topics * partitionsPerTopic > MAX_TOTAL_PARTITIONS) {
      throw new InvalidFieldException(
          "partitionsPerTopic",
          partitionsPerTopic
              + " partitions in each of "
              + topics
              + " topics make "
              + (long) topics * partitionsPerTopic
              + " partitions; at most "
              + MAX_TOTAL_PARTITIONS
              + " in all");
    }
    range("messageSize", messageSize, PayloadHeader.BYTES, MAX_MESSAGE_BYTES, "bytes");
    range("subscriptionsPerTopic", subscriptionsPerTopic, 0, MAX_CLIENTS, "subscriptions");
    range("producersPerTopic", producersPerTopic, 1, MAX_CLIENTS, "producers");
    range(
        "consumerPerSubscription",
        consumerPerSubscription,
        subscriptionsPerTopic > 0 ? 1 : 0,
        MAX_CLIENTS,
        "consumers");
    range("producerRate", producerRate, 0, MAX_PRODUCER_RATE, "messages per second (0: unpaced)");
    range("testDurationSeconds", testDurationSeconds, 1, MAX_DURATION_SECONDS, "seconds");
    range("warmupDurationSeconds", warmupDurationSeconds, 0, MAX_DURATION_SECONDS, "seconds");
    if (tier == null) {
      throw new InvalidFieldException(
          "tier", "is missing; give one of " + GuaranteeTier.validKeys());
    }
  }

  private static void range(String field, long value, long min, long max, String unit) {
    if (value < min || value > max) {
      throw new InvalidFieldException(
          field, value + " is out of range; give " + min + " to " + max + " " + unit);
    }
  }

  /** The measured part of a run. */
  public Duration testDuration() {
    return Duration.ofSeconds(testDurationSeconds);
  }

  /** The discarded part before it. */
  public Duration warmupDuration() {
    return Duration.ofSeconds(warmupDurationSeconds);
  }

  public int totalProducers() {
    return topics * producersPerTopic;
  }

  /** The same workload at another tier: the suites run one workload at every tier. */
  public Workload withTier(GuaranteeTier newTier) {
    return new Workload(
        name,
        topics,
        partitionsPerTopic,
        messageSize,
        subscriptionsPerTopic,
        producersPerTopic,
        consumerPerSubscription,
        producerRate,
        testDurationSeconds,
        warmupDurationSeconds,
        newTier);
  }
}
