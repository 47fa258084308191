package io.brokerbench.bench.throughput;

import io.brokerbench.bench.Targets;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/*
 * Delivered throughput of one system at one guarantee tier for one workload (topology and message
 * size): what the consumers received per second, not what the producers queued.
 *
 * What is isolated: the broker and its client library under a matched workload. The harness
 * stamps every payload (producer, partition, sequence, send time) and one final callback counts
 * what arrives; a bounded in-flight window (sent - received, per producer) keeps the producers
 * from running ahead, so sends and deliveries move together. The broker was started once for the
 * whole suite, outside JMH's forks; every trial gets fresh topics or queues and a driver of its own.
 *
 * One fork may run several trials of one system one after the other ("segments": a tier, workload
 * and window each, measured for an equal share of the iterations): the suite runs a system's
 * trials of a round in one fork, so that only the first pays for a cold client JVM, and a window
 * check runs right beside the trial it checks, seeing the same broker and client state.
 *
 * Results: the primary score is messages handed to the driver per second; the secondary score
 * "delivered" counts first deliveries per second (a fan-out workload counts each subscription's
 * copy), the figure the report uses. Expect on a 2-core machine, 1 KiB, one producer and one
 * consumer: tens of thousands of msg/s for Kafka and RabbitMQ, several hundred thousand for
 * ZeroMQ, millions for the in-memory driver (the harness's own ceiling).
 *
 * Warm-up is not a fixed count of JMH iterations: the trial's setup drives the rig in slices
 * (-Dbrokerbench.warmup.slice.ms) until two consecutive slices deliver within a stated tolerance
 * of each other (-Dbrokerbench.warmup.tolerance) or a cap is reached (-Dbrokerbench.warmup.max.ms),
 * so that JMH's measurement iterations begin at the steady state. A fresh Kafka topic or a cold
 * client JIT is still speeding up after a fixed few seconds; a steady one needs no more.
 *
 * The in-flight window (the "window" parameter, messages per producer) is the harness's only
 * limit. The suite sizes it above what the systems' own flow control holds and checks in every run
 * that it does not bind: the same trial at four times the window must not deliver more.
 *
 * The trial's end-to-end latency histograms (one per warm-up slice and iteration, tagged warmup or
 * measurement) are written as an .hlog file; these are closed-loop latencies at saturation, mostly
 * time spent queued in the window, not the latency suite's open-loop figures. Its delivery
 * accounting (missing, duplicated, reordered), the warm-up slices' rates, the mean latency of the
 * measured iterations (for Little's law: messages in flight = rate x mean latency) and the TCP
 * connections the workload needed (counted from /proc at the end of each measurement iteration,
 * less those the fork had before the driver started) go into a small JSON file, in the directory
 * named by -Dbrokerbench.trial.out.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class ThroughputBenchmark {
  /** Messages per invocation, over all producers: large enough to amortise a phase's start. */
  static final int BATCH = 10_000;

  /**
   * The in-flight window's size in bytes of payload per producer: 64 MiB, 65,536 messages of 1 KiB.
   * That is twice a Kafka producer's own bound ({@code buffer.memory}, 32 MiB by default, beyond
   * which its send blocks), far above RabbitMQ's confirm window (see RabbitMqConfig) and ZeroMQ's
   * high-water marks, so each system's own flow control binds before the harness's window does. At
   * 20 MiB it did not for Kafka: its producers waited at the window 55-94% of the time, and at four
   * times that window held 32,000-37,500 messages in flight. Each trial records how long its
   * producers waited at the window, and the suite's window check proves the rest per run.
   */
  static final long WINDOW_BYTES = 64L << 20;

  /** The in-flight window for {@code messageBytes}: {@link #WINDOW_BYTES}, at least 1,000. */
  static int window(int messageBytes) {
    return (int) Math.max(1_000, WINDOW_BYTES / Math.max(1, messageBytes));
  }

  /** Messages per invocation of the steady-state warm-up: small, so a slice ends on time. */
  static final int WARMUP_BATCH = 1_000;

  static final String WARMUP_SLICE_MS = "brokerbench.warmup.slice.ms";
  static final String WARMUP_TOLERANCE = "brokerbench.warmup.tolerance";
  static final String WARMUP_MAX_MS = "brokerbench.warmup.max.ms";

  @Param({"in-memory"})
  public String system;

  @Param({"ack"})
  public String tier;

  @Param({"1-topic-1-partition-1kb"})
  public String workload;

  /** The in-flight window, messages per producer; 0: {@link #window(int)} of the message size. */
  @Param({"0"})
  public int window;

  /** Names this trial's files: the suite runs each cell once per round and window. */
  @Param({""})
  public String trialName;

  /**
   * The trials this fork runs one after the other, as {@link Segment#encode} writes them ({@code
   * tier,workload,window,trialName}, separated by {@code ;}); empty: the one trial of the
   * parameters above. The measurement iterations are shared out evenly, in this order.
   */
  @Param({""})
  public String segments;

  /**
   * A discarded warm-up before the first trial, in milliseconds: the first trial's workload driven
   * for at least this long on topics of its own, so that the fork's JVM has compiled the client's
   * and the rig's hot paths before anything is measured (and, in a broker's first fork, the broker
   * its own); 0: none. Its slices are written as {@code <first trial>-fork-warmup}.
   */
  @Param({"0"})
  public long forkWarmupMs;

  /**
   * One trial of a fork: a system at a tier on a workload with a window, on fresh topics with a
   * driver of its own, warmed up until steady, then measured for its share of the iterations.
   */
  record Segment(String tier, String workload, int window, String trialName) {
    String encode() {
      return tier + "," + workload + "," + window + "," + trialName;
    }

    static List<Segment> decode(String segments) {
      List<Segment> decoded = new ArrayList<>();
      for (String one : segments.split(";")) {
        if (one.isBlank()) {
          continue;
        }
        String[] fields = one.split(",", -1);
        if (fields.length != 4) {
          throw new IllegalArgumentException(
              "segments: '" + one + "' is not tier,workload,window,trialName");
        }
        decoded.add(
            new Segment(fields[0], fields[1], Integer.parseInt(fields[2].trim()), fields[3]));
      }
      return decoded;
    }
  }

  private List<Segment> plan;
  private int iterationsDone;
  private SegmentTrial current;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    plan = Segment.decode(segments);
    if (plan.isEmpty()) {
      String name = trialName.isEmpty() ? TrialOutput.trialName(system, tier, workload) : trialName;
      plan = List.of(new Segment(tier, workload, window, name));
    }
    int iterations = params.getMeasurement().getCount();
    if (iterations % plan.size() != 0) {
      throw new IllegalArgumentException(
          "segments: "
              + iterations
              + " measurement iterations cannot be shared evenly among "
              + plan.size()
              + " trials");
    }
    if (forkWarmupMs > 0) {
      Segment first = plan.get(0);
      finish(
          start(
              new Segment(
                  first.tier(),
                  first.workload(),
                  first.window(),
                  first.trialName() + "-fork-warmup"),
              Duration.ofMillis(forkWarmupMs)));
    }
    current = start(plan.get(0), Duration.ZERO);
  }

  /**
   * Starts one segment: its driver, its rig on fresh topics, its steady-state warm-up, which lasts
   * at least {@code min}.
   */
  private SegmentTrial start(Segment segment, Duration min) throws Exception {
    Workload loaded = WorkloadLoader.loadReference(segment.workload()).workload();
    GuaranteeTier guarantee = GuaranteeTier.fromKey(segment.tier());
    Topology topology = Topology.of(segment.trialName() + "-" + System.nanoTime(), loaded);
    SegmentTrial trial = new SegmentTrial();
    trial.connectionsBefore = TcpConnections.established();
    trial.driver = Targets.driver(system);
    int inFlight = segment.window() > 0 ? segment.window() : window(loaded.messageSize());
    trial.delivers = loaded.subscriptionsPerTopic() > 0;
    try {
      trial.rig =
          LoadRig.start(
              trial.driver,
              topology,
              guarantee,
              RigSettings.defaults()
                  .withInFlightWindow(inFlight)
                  .withStallTimeout(Duration.ofSeconds(30)));
    } catch (Exception e) {
      trial.driver.close();
      throw e;
    }
    // A workload's producerRate paces every batch (a user's file, say OpenMessaging Benchmark's
    // 50,000 msg/s); the bundled workloads say 0, as fast as the window allows.
    trial.batch = paced(loaded, Math.max(1, BATCH / topology.totalProducers()));
    trial.output = new TrialOutput(segment.trialName());
    LoadRig rig = trial.rig;
    TrialOutput output = trial.output;
    output.warmup(
        SteadyState.warmUp(
            trial::completed,
            paced(loaded, Math.max(1, WARMUP_BATCH / topology.totalProducers())),
            rig::send,
            Duration.ofMillis(Long.getLong(WARMUP_SLICE_MS, 1_000)),
            Double.parseDouble(System.getProperty(WARMUP_TOLERANCE, "0.1")),
            min,
            max(min, Duration.ofMillis(Long.getLong(WARMUP_MAX_MS, 10_000))),
            slice -> {
              Histogram interval = rig.endToEndNs().getIntervalHistogram();
              interval.setTag("warmup");
              output.interval(interval);
              rig.publishNs().getIntervalHistogram();
              rig.sendDelayNs().getIntervalHistogram();
            }));
    return trial;
  }

  /** {@code messagesPerProducer} messages from each producer at the workload's rate. */
  private static SendPlan paced(Workload workload, long messagesPerProducer) {
    return new SendPlan(
        workload.messageSize(), messagesPerProducer, Long.MAX_VALUE, workload.producerRate());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Delivered {
    /**
     * First deliveries in this iteration (for a producer alone: acknowledged sends); JMH divides by
     * the iteration's time.
     */
    public long delivered;

    @Setup(Level.Iteration)
    public void reset() {
      delivered = 0;
    }
  }

  /**
   * Begins an iteration; the first iteration of each segment after the first ends the segment
   * before it and starts its own (outside the measured time: JMH times the benchmark method only).
   */
  @Setup(Level.Iteration)
  public void beginIteration(IterationParams iteration) throws Exception {
    int perSegment = iteration.getCount() / plan.size();
    if (iterationsDone > 0 && iterationsDone % perSegment == 0) {
      SegmentTrial done = current;
      current = null;
      finish(done);
      current = start(plan.get(iterationsDone / perSegment), Duration.ZERO);
    }
    iterationStartNs = System.nanoTime();
    measuredBaseline = current.completed();
    waitBaseline = current.rig.windowWaitNs();
  }

  private long iterationStartNs;
  private long measuredBaseline;
  private long waitBaseline;

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long send(Delivered counters) throws Exception {
    SegmentTrial trial = current;
    long sent = trial.rig.send(trial.batch).sent();
    counters.delivered = trial.completed() - measuredBaseline;
    return sent;
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    long endNs = System.nanoTime();
    SegmentTrial trial = current;
    iterationsDone++;
    Histogram interval = trial.rig.endToEndNs().getIntervalHistogram();
    Histogram publish = trial.rig.publishNs().getIntervalHistogram();
    boolean measured = iteration.getType() == IterationType.MEASUREMENT;
    interval.setTag(measured ? "measurement" : "warmup");
    Histogram sendDelay = trial.rig.sendDelayNs().getIntervalHistogram();
    publish.setTag(interval.getTag());
    sendDelay.setTag(interval.getTag());
    trial.output.interval(interval);
    trial.output.sendIntervals(publish, sendDelay);
    if (measured) {
      trial.measuredNs += endNs - iterationStartNs;
      trial.measuredDelivered += trial.completed() - measuredBaseline;
      trial.measuredWaitNs += trial.rig.windowWaitNs() - waitBaseline;
      // Little's law needs the time a message spends in the window: end to end where consumers
      // read, until the broker's acknowledgement for a producer alone.
      trial.measuredLatency.add(trial.delivers ? interval : publish);
    }
    if (measured && trial.connectionsBefore >= 0) {
      int now = TcpConnections.established();
      if (now >= 0) {
        trial.connections = Math.max(trial.connections, now - trial.connectionsBefore);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (current != null) {
      SegmentTrial last = current;
      current = null;
      finish(last);
    }
  }

  /**
   * Ends a segment: waits for what is in flight, writes its accounting, closes its rig and driver.
   */
  private static void finish(SegmentTrial trial) throws Exception {
    try {
      boolean arrived = trial.rig.awaitDelivery(Duration.ofSeconds(30));
      DeliveryReport report = trial.rig.report();
      long measuredNs = trial.measuredNs;
      trial.output.finish(
          arrived,
          report,
          trial.connections,
          measuredNs > 0 ? trial.measuredDelivered * 1e9 / measuredNs : 0,
          trial.measuredLatency.getTotalCount() > 0 ? trial.measuredLatency.getMean() / 1_000 : 0,
          measuredNs > 0
              ? trial.measuredWaitNs / ((double) measuredNs * trial.rig.topology().totalProducers())
              : 0);
    } finally {
      try {
        trial.rig.close();
      } finally {
        trial.driver.close();
      }
    }
  }
}

/*
 * HOW TO RUN
 *
 *   mvn verify -Pbench                          starts the brokers and runs this among the suites
 *   mvn verify -Pbench -Dbench.systems=zeromq   one system
 *
 * On its own, against the in-memory driver (no broker):
 *   mvn -q install -DskipTests && java -cp "$(cat benchmarks/target/classpath.txt)" \
 *       org.openjdk.jmh.Main ThroughputBenchmark -p system=in-memory
 */
