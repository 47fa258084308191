package io.brokerbench.bench.throughput;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.vendor.JeromqLoop;
import io.brokerbench.bench.vendor.KafkaConsumerPerformance;
import io.brokerbench.bench.vendor.KafkaProducerPerformance;
import io.brokerbench.bench.vendor.RabbitPerfTest;
import io.brokerbench.bench.vendor.VendorResult;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaRoundTrip;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The matched-workload throughput suite: for each system, the broker starts once (outside JMH's
 * forks), every offered tier runs every workload of the profile as one JMH trial in a fork of its
 * own, then the vendor's tool runs on the same broker, and the broker stops. A tier the system does
 * not offer is a row that says so; a trial that fails is a failed row and the suite goes on.
 */
public final class ThroughputSuite {
  /** The producer-alone workload, compared with Kafka's ProducerPerformance. */
  static final String PRODUCER_ONLY = "1-topic-1-partition-1kb-producer-only";

  /** The consumer-alone workload, compared with Kafka's ConsumerPerformance. */
  static final String CONSUMER_ONLY = "1-topic-1-partition-1kb-consumer-only";

  /** The baseline workload, compared with PerfTest and the jeromq loop. */
  static final String BASELINE = "1-topic-1-partition-1kb";

  /**
   * The M x N workload of claim Z4: 4 producers, each message to 4 subscriptions, so ZeroMQ's mesh
   * needs 16 connections where its proxy needs 8 (measured: RabbitMQ 9, Kafka 18, whose clients
   * each keep two). Its fan-in and fan-out twins are the 4-producer and 4-subscription workloads.
   */
  static final String MESH = "1-topic-1-partition-4-producers-4-subscriptions-1kb";

  /** The system label of ZeroMQ through an XSUB/XPUB proxy per topic. */
  static final String ZEROMQ_PROXY = "zeromq-proxy";

  /**
   * How much a profile measures.
   *
   * @param workloads the workload files (under {@code workloads/}) each tier runs
   * @param kafkaModes the Kafka metadata modes measured (ZooKeeper mode only in the full profile)
   * @param vendorRecords messages per run of the jeromq loop, and the least per run of
   *     ProducerPerformance (which runs as long as a trial's warm-up and measurement)
   * @param consumerOnly the backlog that brokerbench's Kafka consumer and ConsumerPerformance each
   *     read alone, and how often brokerbench's reads it; null: the consumer-only comparison is not
   *     run (smoke)
   * @param zeromqProxy whether ZeroMQ also runs every workload through an XSUB/XPUB proxy ({@code
   *     zeromq-proxy} rows), the other side of claim Z4 (full profile)
   * @param parityTiers the tiers at which the vendors' tools run beside brokerbench: Kafka's
   *     ProducerPerformance (with brokerbench's producer alone) at {@code ack} and {@code durable},
   *     RabbitMQ PerfTest at each; the jeromq loop runs whenever ZeroMQ does
   */
  public record Settings(
      int warmupIterations,
      Duration warmupTime,
      int iterations,
      Duration iterationTime,
      List<String> workloads,
      Set<BenchSystem> kafkaModes,
      int vendorRecords,
      ConsumerOnly consumerOnly,
      boolean zeromqProxy,
      Set<GuaranteeTier> parityTiers) {

    /** A trial's warm-up, also discarded from the vendors' tools. */
    public Duration warmup() {
      return warmupTime.multipliedBy(warmupIterations);
    }

    /** A trial's measured time, also the vendors' tools' measured time. */
    public Duration measurement() {
      return iterationTime.multipliedBy(iterations);
    }

    public static Settings forProfile(String profile) {
      return switch (profile) {
        case "smoke" ->
            new Settings(
                // One measured iteration: a coarse figure (no spread) within smoke's 5 minutes.
                1,
                Duration.ofSeconds(2),
                1,
                Duration.ofSeconds(2),
                List.of(BASELINE),
                Set.of(BenchSystem.KAFKA_KRAFT),
                100_000,
                // No consumer-only comparison: its fills, its fork and the tool's cold JVM and
                // group join cost smoke some 10 s of its 5 minutes (CI's smoke took 5:06 with it).
                null,
                false,
                // The vendors' tools at tier ack only: ProducerPerformance twice and PerfTest
                // once less at each of the other tiers save some 35 s (CI's smoke took 5:01
                // with them).
                EnumSet.of(GuaranteeTier.ACK));
        case "quick" ->
            new Settings(
                // Two warm-up iterations: a fresh Kafka topic is still speeding up after one.
                // 2 s and 3 s iterations keep the suite, the vendors' tools and the consumer-only
                // parity included, under the quick profile's 6 minutes (3 s and 4 s took 6:44).
                2,
                Duration.ofSeconds(2),
                3,
                Duration.ofSeconds(3),
                List.of(BASELINE),
                Set.of(BenchSystem.KAFKA_KRAFT),
                300_000,
                new ConsumerOnly(QUICK_BACKLOG, 2, 3),
                false,
                EnumSet.allOf(GuaranteeTier.class));
        default ->
            new Settings(
                2,
                Duration.ofSeconds(5),
                5,
                Duration.ofSeconds(5),
                List.of(
                    "1-topic-1-partition-100b",
                    BASELINE,
                    "1-topic-1-partition-16kb",
                    "1-topic-16-partitions-1kb",
                    "1-topic-1-partition-4-producers-1kb",
                    "1-topic-1-partition-4-subscriptions-1kb",
                    MESH),
                Set.of(BenchSystem.KAFKA_KRAFT, BenchSystem.KAFKA_ZOOKEEPER),
                1_000_000,
                new ConsumerOnly(3 * QUICK_BACKLOG, 2, 5),
                true,
                EnumSet.allOf(GuaranteeTier.class));
      };
    }
  }

  /**
   * The quick profile's backlog for brokerbench's consumer: 200 MiB of 1 KiB messages, which the
   * page cache holds, read in about a quarter of a second a pass on the development machine (five
   * passes in all), and filled in about a second outside the measured time.
   */
  static final long QUICK_BACKLOG = 200_000;

  /**
   * The consumer-only comparison: a topic filled with {@code messages} 1 KiB messages, read from
   * the beginning by a consumer alone; brokerbench's reads it {@code warmupPasses} times to warm up
   * (discarded), then {@code passes} times measured, each pass an iteration.
   */
  public record ConsumerOnly(long messages, int warmupPasses, int passes) {
    /** The most ConsumerPerformance reads: 2 GiB of 1 KiB messages, whatever the profile. */
    static final long VENDOR_MAX = 2_000_000;

    /**
     * The backlog ConsumerPerformance reads, in one cold JVM: as many messages as brokerbench's
     * consumer reads in all its passes, warm-up included (at most {@link #VENDOR_MAX}), so that the
     * tool's JIT warm-up weighs on its figure about as little as brokerbench's discarded passes
     * weigh on nothing. A backlog of one pass alone is read in well under a second.
     */
    long vendorMessages() {
      return Math.min(VENDOR_MAX, messages * (warmupPasses + passes));
    }

    public ConsumerOnly {
      if (messages < 1 || warmupPasses < 0 || passes < 1) {
        throw new IllegalArgumentException(
            "consumerOnly: messages and passes must be 1 or more, warmupPasses 0 or more; was "
                + messages
                + ", "
                + warmupPasses
                + ", "
                + passes);
      }
    }
  }

  private final Settings settings;
  private final Path staging;
  private final Progress progress;
  private final List<ThroughputRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();

  /** The broker of the system being measured, watched during its trials; null: none of ours. */
  private Broker watched;

  /** Why the watched broker can serve no more trials (it died), or null while it runs. */
  private String death;

  public ThroughputSuite(Settings settings, Path staging, Progress progress) {
    this.settings = settings;
    this.staging = staging;
    this.progress = progress;
  }

  /** How many progress steps {@link #run} takes for {@code systems}. */
  public static int steps(Settings settings, Set<BenchSystem> systems) {
    return steps(settings, systems, EnumSet.allOf(GuaranteeTier.class));
  }

  /** Progress steps for {@code systems} at {@code tiers}. */
  public static int steps(Settings settings, Set<BenchSystem> systems, Set<GuaranteeTier> tiers) {
    int steps = 1; // the in-memory ceiling
    int workloads = settings.workloads().size();
    int acknowledged =
        (parity(settings, tiers, GuaranteeTier.ACK) ? 1 : 0)
            + (parity(settings, tiers, GuaranteeTier.DURABLE) ? 1 : 0);
    int perfTests = 0;
    for (GuaranteeTier tier : GuaranteeTier.values()) {
      perfTests += parity(settings, tiers, tier) ? 1 : 0;
    }
    for (BenchSystem system : systems) {
      steps +=
          switch (system) {
              // Each acknowledged tier: ProducerPerformance before, the producer alone, after;
              // at tier ack also the consumer alone and ConsumerPerformance.
            case KAFKA_KRAFT, KAFKA_ZOOKEEPER ->
                settings.kafkaModes().contains(system)
                    ? tiers.size() * workloads
                        + 3 * acknowledged
                        + (runsConsumerOnly(settings, tiers) ? 2 : 0)
                    : 0;
            case RABBITMQ -> tiers.size() * workloads + perfTests;
            case ZEROMQ ->
                tiers.contains(GuaranteeTier.NONE)
                    ? workloads + 1 + (settings.zeromqProxy() ? workloads : 0)
                    : 0;
          };
    }
    return steps;
  }

  private Set<GuaranteeTier> tiers = EnumSet.allOf(GuaranteeTier.class);

  /** Runs only {@code chosen} tiers (the in-memory ceiling runs anyway); all by default. */
  public ThroughputSuite onlyTiers(Set<GuaranteeTier> chosen) {
    this.tiers = EnumSet.copyOf(chosen);
    return this;
  }

  public List<ThroughputRow> rows() {
    return List.copyOf(rows);
  }

  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  public void run(Set<BenchSystem> systems, String rabbitmqUri) {
    run(systems, new External("", "", "", rabbitmqUri));
  }

  /** Runs every system; an external one is measured where it is, not started. */
  public void run(Set<BenchSystem> systems, External external) {
    String rabbitmqUri = external.rabbitmq();
    progress.step("in-memory driver (the harness's own ceiling), ack, " + BASELINE);
    rows.add(trial("in-memory", "in process", "ack", BASELINE, Map.of()));
    progress.done(describe(rows.get(rows.size() - 1)));
    for (BenchSystem system : systems) {
      switch (system) {
        case KAFKA_KRAFT, KAFKA_ZOOKEEPER ->
            kafka(
                system,
                system == BenchSystem.KAFKA_KRAFT ? KafkaMode.KRAFT : KafkaMode.ZOOKEEPER,
                external.of(system));
        case RABBITMQ -> rabbit(rabbitmqUri);
        case ZEROMQ -> zeromq();
      }
    }
  }

  private void kafka(BenchSystem system, KafkaMode mode, String externalBootstrap) {
    if (!settings.kafkaModes().contains(system) && externalBootstrap.isEmpty()) {
      return;
    }
    if (!externalBootstrap.isEmpty()) {
      String external = "external, " + externalBootstrap;
      try {
        kafkaTrials(system, external, externalBootstrap);
      } catch (RuntimeException e) {
        rows.add(
            ThroughputRow.notOk(system.label(), external, "all", "all", 0, "failed", firstLine(e)));
      }
      return;
    }
    String mode1 = mode.label() + ", 1 broker";
    // Deleted topics go at once rather than after Kafka's default minute: every trial writes
    // gigabytes, and the disk must hold only the trial that runs.
    KafkaClusterSpec spec =
        KafkaClusterSpec.single(mode).withOverrides(Map.of("file.delete.delay.ms", "1000"));
    try (KafkaCluster kafka = new KafkaCluster(spec)) {
      kafka.start();
      described.add(kafka.describe());
      watched = kafka;
      kafkaTrials(system, mode1, kafka.bootstrapServers());
    } catch (BrokerUnavailableException e) {
      rows.add(
          ThroughputRow.notOk(system.label(), mode1, "all", "all", 0, "skipped", e.getMessage()));
    } catch (RuntimeException e) {
      rows.add(ThroughputRow.notOk(system.label(), mode1, "all", "all", 0, "failed", firstLine(e)));
    } finally {
      forgetBroker();
      Work.deleteCreated();
    }
  }

  /**
   * Every tier of the profile's workloads, then the producer alone against Kafka's
   * ProducerPerformance, on the cluster at {@code bootstrap} (one of brokerbench's, or an external
   * one: its topics get one replica either way).
   */
  private void kafkaTrials(BenchSystem system, String mode1, String bootstrap) {
    Map<String, String> target =
        Map.of(Targets.KAFKA_BOOTSTRAP, bootstrap, Targets.KAFKA_BROKERS, "1");
    int first = rows.size();
    tiers(system.label(), mode1, target);
    // The producer alone against Kafka's ProducerPerformance, which runs before and after it:
    // the mean of the two cancels the drift of a broker that warms up (or fills up) over time.
    for (String tier : List.of("ack", "durable")) {
      if (!parity(settings, tiers, GuaranteeTier.fromKey(tier))) {
        continue;
      }
      String acks = tier.equals("ack") ? "1" : "all";
      // Sized from this system's delivered rate at the tier (a producer alone is faster).
      int index = indexOf(first, tier, BASELINE);
      double estimate = index >= 0 ? 2 * rows.get(index).msgPerSec() : 0;
      VendorResult before = producerPerformance(bootstrap, system, acks, "before", estimate);
      progress.step(system.label() + " " + tier + ", " + PRODUCER_ONLY);
      ThroughputRow ours = trial(system.label(), mode1, tier, PRODUCER_ONLY, target);
      progress.done(describe(ours));
      VendorResult after = producerPerformance(bootstrap, system, acks, "after", ours.msgPerSec());
      ThroughputRow compared = ours;
      if (before != null && after != null) {
        double mean = (before.msgPerSec() + after.msgPerSec()) / 2;
        compared = ours.withVendor(before.tool() + " (mean of before and after)", mean);
        progress.done(
            String.format(
                "brokerbench/vendor = %.2f (vendor %,.0f before, %,.0f after)",
                compared.parity(), before.msgPerSec(), after.msgPerSec()));
      }
      rows.add(compared);
    }
    if (runsConsumerOnly(settings, tiers)) {
      consumerOnly(system, mode1, bootstrap, target);
    }
  }

  /** Whether the vendors' tools run at {@code tier}: the run measures it and the profile asks. */
  private static boolean parity(Settings settings, Set<GuaranteeTier> tiers, GuaranteeTier tier) {
    return tiers.contains(tier) && settings.parityTiers().contains(tier);
  }

  /** Whether the consumer-only comparison runs: at tier ack, where the profile has one. */
  private static boolean runsConsumerOnly(Settings settings, Set<GuaranteeTier> tiers) {
    return settings.consumerOnly() != null && tiers.contains(GuaranteeTier.ACK);
  }

  /**
   * brokerbench's Kafka consumer alone against Kafka's ConsumerPerformance, each reading a topic of
   * its own filled beforehand the same way, at tier {@code ack} only: a consumer reads the same log
   * whatever {@code acks} its producer used, so the other tiers would repeat the figure.
   * ConsumerPerformance runs once, after brokerbench's trial, on a broker that trial warmed up.
   */
  private void consumerOnly(
      BenchSystem system, String mode1, String bootstrap, Map<String, String> target) {
    ConsumerOnly sizes = settings.consumerOnly();
    progress.step(
        String.format(
            "%s ack, %s (%,d messages, %d passes)",
            system.label(), CONSUMER_ONLY, sizes.messages(), sizes.passes()));
    ThroughputRow ours = consumerTrial(system.label(), mode1, target);
    progress.done(describe(ours));
    long vendorMessages = sizes.vendorMessages();
    progress.step(
        String.format(
            "%s: Kafka's ConsumerPerformance, %,d messages", system.label(), vendorMessages));
    if (brokerDown()) {
      progress.done("ConsumerPerformance not run: " + death);
      rows.add(ours);
      return;
    }
    try {
      VendorResult vendor = consumerPerformance(system, target, bootstrap, vendorMessages);
      if (ours.ok()) {
        ours = ours.withVendor(vendor.tool(), vendor.msgPerSec());
      }
      progress.done(vendorOutcome(ours.ok() ? ours : null, vendor));
    } catch (Exception e) {
      progress.done("ConsumerPerformance FAILED: " + firstLine(e));
    }
    rows.add(ours);
  }

  /** Fills a topic of its own through brokerbench's producer, then lets the tool read it. */
  private static VendorResult consumerPerformance(
      BenchSystem system, Map<String, String> target, String bootstrap, long messages)
      throws Exception {
    Workload workload =
        WorkloadLoader.loadResource("workloads/" + CONSUMER_ONLY + ".yaml").workload();
    Topology topology = Topology.of("brokerbench-vendor-consumer-" + System.nanoTime(), workload);
    // Closing the driver deletes the topic.
    try (BrokerDriver driver = Targets.driver(system.label(), target)) {
      Backlog.fill(driver, topology, GuaranteeTier.ACK, messages, workload.messageSize());
      return KafkaConsumerPerformance.run(bootstrap, topology.topicName(0), messages);
    }
  }

  /**
   * One run of ProducerPerformance, sized to last about as long as a trial's warm-up and
   * measurement at {@code expectedPerSec}; null when it failed (the progress line says why).
   */
  private VendorResult producerPerformance(
      String bootstrap, BenchSystem system, String acks, String when, double expectedPerSec) {
    progress.step(system.label() + ": Kafka's ProducerPerformance, acks=" + acks + ", " + when);
    if (brokerDown()) {
      progress.done("ProducerPerformance not run: " + death);
      return null;
    }
    try {
      String topic = "brokerbench-vendor-acks-" + acks + "-" + when;
      KafkaRoundTrip.createTopic(bootstrap, topic, 1, (short) 1);
      // Its first 5-second window holds its warm-up and is discarded.
      long seconds = settings.warmup().plus(settings.measurement()).toSeconds() + 2;
      int records =
          (int) Math.min(10_000_000, Math.max(settings.vendorRecords(), expectedPerSec * seconds));
      VendorResult vendor = KafkaProducerPerformance.run(bootstrap, topic, records, 1024, acks);
      progress.done(String.format("%s: %,.0f msg/s", vendor.tool(), vendor.msgPerSec()));
      try (var admin =
          org.apache.kafka.clients.admin.Admin.create(
              Map.<String, Object>of(
                  org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap))) {
        admin.deleteTopics(List.of(topic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      return vendor;
    } catch (Exception e) {
      progress.done("ProducerPerformance FAILED: " + firstLine(e));
      return null;
    }
  }

  private void rabbit(String externalUri) {
    String label = BenchSystem.RABBITMQ.label();
    if (!externalUri.isEmpty()) {
      String mode = "external";
      rabbitTrials(label, mode, externalUri);
      return;
    }
    String mode = "1 node, classic queues";
    try (Broker rabbit = new RabbitCluster(RabbitClusterSpec.single())) {
      rabbit.start();
      described.add(rabbit.describe());
      watched = rabbit;
      rabbitTrials(label, mode, ((RabbitCluster) rabbit).node(1).uri());
    } catch (BrokerUnavailableException e) {
      rows.add(ThroughputRow.notOk(label, mode, "all", "all", 0, "skipped", e.getMessage()));
    } catch (RuntimeException e) {
      rows.add(ThroughputRow.notOk(label, mode, "all", "all", 0, "failed", firstLine(e)));
    } finally {
      forgetBroker();
      Work.deleteCreated();
    }
  }

  private void rabbitTrials(String label, String mode, String uri) {
    Map<String, String> target = Map.of(Targets.RABBITMQ_URI, uri);
    int first = rows.size();
    tiers(label, mode, target);
    for (String tier : List.of("none", "ack", "durable")) {
      if (!parity(settings, tiers, GuaranteeTier.fromKey(tier))) {
        continue;
      }
      progress.step(label + ": RabbitMQ PerfTest, " + tier);
      if (brokerDown()) {
        progress.done("PerfTest not run: " + death);
        continue;
      }
      int index = indexOf(first, tier, BASELINE);
      try {
        VendorResult vendor =
            RabbitPerfTest.run(
                uri,
                tier,
                1024,
                settings.warmup(),
                settings.measurement(),
                // PerfTest's outstanding-confirm window, the same as our driver's.
                RabbitMqConfig.DEFAULT_MAX_UNCONFIRMED);
        if (index >= 0) {
          rows.set(index, rows.get(index).withVendor(vendor.tool(), vendor.msgPerSec()));
        }
        progress.done(vendorOutcome(index >= 0 ? rows.get(index) : null, vendor));
      } catch (Exception e) {
        progress.done("PerfTest FAILED: " + firstLine(e));
      }
    }
  }

  private void zeromq() {
    if (!tiers.contains(GuaranteeTier.NONE)) {
      return; // ZeroMQ offers tier none only
    }
    String label = BenchSystem.ZEROMQ.label();
    int first = rows.size();
    tiers(label, "brokerless mesh (PUSH/PULL; PUB/SUB for several subscriptions)", Map.of());
    progress.step(label + ": plain jeromq PUSH/PULL loop");
    int index = indexOf(first, "none", BASELINE);
    try {
      VendorResult vendor = JeromqLoop.run(settings.vendorRecords(), 1024);
      if (index >= 0) {
        rows.set(index, rows.get(index).withVendor(vendor.tool(), vendor.msgPerSec()));
      }
      progress.done(vendorOutcome(index >= 0 ? rows.get(index) : null, vendor));
    } catch (Exception e) {
      progress.done("jeromq loop FAILED: " + firstLine(e));
    }
    if (settings.zeromqProxy()) {
      // The same workloads through one XSUB/XPUB proxy per topic: M + N connections, one hop more.
      tiers(ZEROMQ_PROXY, "XSUB/XPUB proxy, PUB/SUB", Map.of());
    }
  }

  /** Every tier of the system, for every workload; not-offered tiers are rows that say so. */
  private void tiers(String system, String mode, Map<String, String> target) {
    for (GuaranteeTier tier : tiers) {
      boolean offered;
      try (BrokerDriver probe = Targets.driver(system, target)) {
        offered = probe.offers(tier);
      } catch (Exception e) {
        offered = true; // let the trial itself report what is wrong
      }
      for (String workload : settings.workloads()) {
        int bytes =
            WorkloadLoader.loadResource("workloads/" + workload + ".yaml").workload().messageSize();
        if (!offered) {
          rows.add(
              ThroughputRow.notOk(
                  system,
                  mode,
                  tier.key(),
                  workload,
                  bytes,
                  "not offered",
                  system + " has no " + tier.key() + " guarantee"));
          continue;
        }
        progress.step(system + " " + tier.key() + ", " + workload);
        ThroughputRow row = trial(system, mode, tier.key(), workload, target);
        rows.add(row);
        progress.done(describe(row));
      }
    }
  }

  private int indexOf(int from, String tier, String topology) {
    for (int i = from; i < rows.size(); i++) {
      ThroughputRow row = rows.get(i);
      if (row.ok() && row.tier().equals(tier) && row.topology().equals(topology)) {
        return i;
      }
    }
    return -1;
  }

  /** One JMH trial of {@link ThroughputBenchmark} in its own fork. */
  private ThroughputRow trial(
      String system, String mode, String tier, String workload, Map<String, String> target) {
    return trial(
        system,
        mode,
        tier,
        workload,
        target,
        new OptionsBuilder()
            .include(ThroughputBenchmark.class.getName() + ".send")
            .warmupIterations(settings.warmupIterations())
            .warmupTime(TimeValue.milliseconds(settings.warmupTime().toMillis()))
            .measurementIterations(settings.iterations())
            .measurementTime(TimeValue.milliseconds(settings.iterationTime().toMillis())));
  }

  /**
   * One JMH trial of {@link ConsumerOnlyBenchmark}: an iteration is one pass over the backlog, so
   * its time is set far below a pass and JMH ends each iteration when its one pass is done.
   */
  private ThroughputRow consumerTrial(String system, String mode, Map<String, String> target) {
    ConsumerOnly sizes = settings.consumerOnly();
    ThroughputRow row =
        trial(
            system,
            mode,
            "ack",
            CONSUMER_ONLY,
            target,
            new OptionsBuilder()
                .include(ConsumerOnlyBenchmark.class.getName() + ".read")
                .param("backlog", Long.toString(sizes.messages()))
                .warmupIterations(sizes.warmupPasses())
                .warmupTime(TimeValue.milliseconds(1))
                .measurementIterations(sizes.passes())
                .measurementTime(TimeValue.milliseconds(1)));
    // Nothing is sent while the consumer reads: JMH's primary score counts passes.
    return row.ok() ? row.withSentPerSec(0) : row;
  }

  /**
   * One JMH trial in its own fork, with the system's broker watched: when it dies the fork is
   * stopped at once, the trial fails saying so, and the system's later trials are failed rows that
   * are not run (a broker that died once is not trusted with more figures); the suite goes on with
   * the next system.
   */
  private ThroughputRow trial(
      String system,
      String mode,
      String tier,
      String workload,
      Map<String, String> target,
      ChainedOptionsBuilder benchmark) {
    int bytes =
        WorkloadLoader.loadResource("workloads/" + workload + ".yaml").workload().messageSize();
    if (brokerDown()) {
      return ThroughputRow.notOk(
          system, mode, tier, workload, bytes, "failed", "not run: " + death);
    }
    String trial = TrialOutput.trialName(system, tier, workload);
    ThroughputRow row;
    BrokerWatch watch = BrokerWatch.start(watched);
    try {
      row = jmh(system, mode, tier, workload, target, benchmark);
    } finally {
      watch.close();
    }
    if (watch.brokerDied() || brokerDown()) {
      death = "the broker " + watched.name() + " died during trial " + trial;
      return ThroughputRow.notOk(
          system,
          mode,
          tier,
          workload,
          bytes,
          "failed",
          "the broker "
              + watched.name()
              + " died during this trial (its process ended); the trial's JMH fork was stopped,"
              + " and the system's remaining trials and tools are not run");
    }
    return row;
  }

  /** True once the watched broker is found dead; {@link #death} then says since when. */
  private boolean brokerDown() {
    if (death == null && watched != null && !watched.isRunning()) {
      death = "the broker " + watched.name() + " is no longer running";
    }
    return death != null;
  }

  private void forgetBroker() {
    watched = null;
    death = null;
  }

  private ThroughputRow jmh(
      String system,
      String mode,
      String tier,
      String workload,
      Map<String, String> target,
      ChainedOptionsBuilder benchmark) {
    Workload loaded = WorkloadLoader.loadResource("workloads/" + workload + ".yaml").workload();
    int bytes = loaded.messageSize();
    String trial = TrialOutput.trialName(system, tier, workload);
    List<String> jvmArgs = new ArrayList<>();
    target.forEach((key, value) -> jvmArgs.add("-D" + key + "=" + value));
    jvmArgs.add("-D" + TrialOutput.OUT_PROPERTY + "=" + staging.resolve("trials"));
    jvmArgs.add(
        "-Dbrokerbench.work=" + System.getProperty("brokerbench.work", "target/brokerbench"));
    ChainedOptionsBuilder options =
        benchmark
            .param("system", system)
            .param("tier", tier)
            .param("workload", workload)
            .forks(1)
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .resultFormat(ResultFormatType.JSON)
            .result(staging.resolve("jmh").resolve(trial + ".json").toString());
    try {
      java.nio.file.Files.createDirectories(staging.resolve("jmh"));
      RunResult result = new Runner(options.build()).runSingle();
      // Without consumers nothing is delivered: a producer alone is measured by what it sent,
      // which the in-flight window keeps within 2,000 messages of what the broker acknowledged.
      Result<?> measured =
          loaded.subscriptionsPerTopic() == 0
              ? result.getPrimaryResult()
              : result.getSecondaryResults().get("delivered");
      double perSec = measured.getScore();
      return new ThroughputRow(
          system,
          mode,
          tier,
          workload,
          bytes,
          "ok",
          "",
          perSec,
          perSec * bytes / (1 << 20),
          error(measured),
          measured.getStatistics().getMin(),
          measured.getStatistics().getMax(),
          result.getPrimaryResult().getScore(),
          TrialOutput.connections(staging.resolve("trials"), trial),
          "",
          0,
          0,
          trial);
    } catch (Exception e) {
      return ThroughputRow.notOk(system, mode, tier, workload, bytes, "failed", firstLine(e));
    }
  }

  private static double error(Result<?> result) {
    double error = result.getScoreError();
    if (Double.isNaN(error)) {
      var stats = result.getStatistics();
      return (stats.getMax() - stats.getMin()) / 2;
    }
    return error;
  }

  private static String describe(ThroughputRow row) {
    return switch (row.status()) {
      case "ok" ->
          String.format(
              "%,.0f msg/s delivered (iterations %,.0f–%,.0f), %.1f MB/s",
              row.msgPerSec(), row.minPerSec(), row.maxPerSec(), row.mbPerSec());
      default -> row.status().toUpperCase() + ": " + row.reason();
    };
  }

  private static String vendorOutcome(ThroughputRow compared, VendorResult vendor) {
    String figure = String.format("%s: %,.0f msg/s", vendor.tool(), vendor.msgPerSec());
    return compared == null || compared.parity() == 0
        ? figure
        : figure + String.format(" · brokerbench/vendor = %.2f", compared.parity());
  }

  /**
   * The first line of the innermost cause; JMH reports a fork's failure as a suppressed exception
   * of its own "Benchmark error during the run".
   */
  static String firstLine(Throwable e) {
    Throwable root = e;
    while (true) {
      if (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      } else if (root.getSuppressed().length > 0) {
        root = root.getSuppressed()[0];
      } else {
        break;
      }
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
