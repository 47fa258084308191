package io.brokerbench.bench.throughput;

import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.Targets;
import io.brokerbench.harness.driver.BacklogDriver;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * How fast brokerbench's Kafka consumer reads a topic that is already full: the consumer alone,
 * with no producer competing for the two cores, the quantity Kafka's ConsumerPerformance measures.
 *
 * What is isolated: the KafkaDriver's consumer (its usual settings, its poll thread, the harness's
 * Deliveries reading every header) and the broker serving fetches from a log in the page cache. The
 * trial's setup fills one fresh single-partition topic with `backlog` messages from brokerbench's
 * own producer (Backlog, outside any timing); then every iteration is one pass: a new consumer,
 * positioned at the beginning of the log, reads until its Deliveries has seen every message once.
 * The warm-up passes are discarded, as the first window of ConsumerPerformance is.
 *
 * The time of a pass runs from the call that creates the consumer to the Deliveries' count reaching
 * the backlog, checked every millisecond: it includes the client's creation and the one request
 * that fixes its position (milliseconds, against a pass of seconds, and against brokerbench).
 *
 * Results: the secondary score "delivered" is messages read per second, the figure the suite
 * reports; the primary score counts passes and means nothing. Expect on a 2-core machine, 1 KiB:
 * a few times the delivered rate of the same broker with a producer running.
 *
 * JMH runs it in Throughput mode with iterations far shorter than a pass, so that each iteration
 * is exactly one pass and its score the pass's rate; the annotations below are what a run by hand
 * gets, the suite sets its own (ConsumerOnlyComparison).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class ConsumerOnlyBenchmark {
  /** A pass that has not read the whole backlog by then is a failure, not a slow figure. */
  private static final Duration PASS_TIMEOUT = Duration.ofSeconds(120);

  /** How often the benchmark thread looks at the Deliveries' count: 1 ms, 0.05% of a 2 s pass. */
  private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);

  @Param({"kafka-kraft"})
  public String system;

  @Param({"ack"})
  public String tier;

  @Param({"1-topic-1-partition-1kb-consumer-only"})
  public String workload;

  /** Messages in the topic, each read once per pass. */
  @Param({"300000"})
  public long backlog;

  private BacklogDriver driver;
  private Topology topology;

  /** Latencies here are the age of a message sent before the pass; recorded, never read. */
  private final Recorder endToEndNs = new Recorder(3);

  private int pass;
  private DriverConsumer consumer;
  private Deliveries receiver;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Workload loaded = WorkloadLoader.loadReference(workload).workload();
    if (loaded.topics() != 1 || loaded.subscriptionsPerTopic() != 1) {
      throw new IllegalArgumentException(
          "workload: "
              + workload
              + " must have one topic and one subscription: one consumer reads one topic's log");
    }
    if (SystemUnderTest.parse(system).family() != Family.KAFKA) {
      throw new IllegalArgumentException(
          "system: " + system + " has no backlog to read again; only Kafka keeps its log");
    }
    BrokerDriver opened = Targets.driver(system);
    if (!(opened instanceof BacklogDriver backlogDriver)) {
      opened.close();
      throw new IllegalArgumentException(
          "system: " + system + " has no backlog to read again; its driver is not a BacklogDriver");
    }
    driver = backlogDriver;
    String trialId = TrialOutput.trialName(system, tier, workload) + "-" + System.nanoTime();
    topology = Topology.of(trialId, loaded);
    Backlog.fill(driver, topology, GuaranteeTier.fromKey(tier), backlog, loaded.messageSize());
  }

  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Delivered {
    /** Messages read in this iteration (one pass: the backlog); JMH divides by its time. */
    public long delivered;

    @Setup(Level.Iteration)
    public void reset() {
      delivered = 0;
    }
  }

  @Benchmark
  public long read(Delivered counters) throws Exception {
    receiver = new Deliveries(topology, 0, endToEndNs, NanoClock.SYSTEM);
    consumer = driver.startBacklogConsumer(0, pass++, receiver);
    long deadlineNs = System.nanoTime() + PASS_TIMEOUT.toNanos();
    while (receiver.delivered(0) < backlog) {
      if (receiver.failure() != null) {
        throw new DriverException("pass " + pass + ": " + receiver.failure());
      }
      if (System.nanoTime() - deadlineNs > 0) {
        throw new DriverException(
            String.format(
                "pass %d read %,d of %,d messages of %s in %d s",
                pass,
                receiver.delivered(0),
                backlog,
                topology.topicName(0),
                PASS_TIMEOUT.toSeconds()));
      }
      LockSupport.parkNanos(CHECK_INTERVAL_NS);
    }
    counters.delivered = backlog;
    return receiver.delivered(0);
  }

  /** Outside the timed pass: the client's close. */
  @TearDown(Level.Iteration)
  public void endPass() throws DriverException {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws DriverException {
    if (driver != null) {
      driver.close();
    }
  }
}

/*
 * HOW TO RUN
 *
 *   mvn verify -Pbench -Dbench.suites=throughput -Dbench.systems=kafka-kraft
 *
 * On its own, against a Kafka you started (its address as the suite would hand it over):
 *   java -cp "$(cat benchmarks/target/classpath.txt)" \
 *       -Dbrokerbench.target.kafka.bootstrap=127.0.0.1:9092 \
 *       org.openjdk.jmh.Main ConsumerOnlyBenchmark -p backlog=300000
 */
