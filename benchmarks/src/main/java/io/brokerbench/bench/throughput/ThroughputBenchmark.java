package io.brokerbench.bench.throughput;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.time.Duration;
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
 * whole suite, outside JMH's forks; every trial gets fresh topics or queues.
 *
 * Results: the primary score is messages handed to the driver per second; the secondary score
 * "delivered" counts first deliveries per second (a fan-out workload counts each subscription's
 * copy), the figure the report uses. Expect on a 2-core machine, 1 KiB, one producer and one
 * consumer: tens of thousands of msg/s for Kafka and RabbitMQ, several hundred thousand for
 * ZeroMQ, millions for the in-memory driver (the harness's own ceiling).
 *
 * The trial's end-to-end latency histograms (one per iteration, tagged warmup or measurement) are
 * written as an .hlog file, and its delivery accounting (missing, duplicated, reordered) and the
 * TCP connections the workload needed (counted from /proc at the end of each measurement
 * iteration, less those the fork had before the driver started) as a small JSON file, into the
 * directory named by -Dbrokerbench.trial.out.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class ThroughputBenchmark {
  /** Messages per invocation, over all producers: large enough to amortise a phase's start. */
  static final int BATCH = 10_000;

  /**
   * The in-flight window per producer: small against an iteration (at 20,000 msg/s a 5 s iteration
   * sends 100,000), so sends and deliveries differ by at most a few percent, and large enough for a
   * batching client (Kafka's 16 KiB batches, RabbitMQ's confirms) to stay busy.
   */
  static final int WINDOW = 2_000;

  /**
   * The window of a producer alone, bounded only by acknowledgements: as large as what Kafka's
   * ProducerPerformance may have in flight (its 32 MiB buffer holds some 30,000 1 KiB records), so
   * that the comparison with it is not limited by a window it does not have.
   */
  static final int PRODUCER_ONLY_WINDOW = 20_000;

  @Param({"in-memory"})
  public String system;

  @Param({"ack"})
  public String tier;

  @Param({"1-topic-1-partition-1kb"})
  public String workload;

  private BrokerDriver driver;
  private LoadRig rig;
  private SendPlan batch;
  private long iterationBaseline;
  private TrialOutput output;

  /**
   * TCP connections this fork had open before the driver connected (JMH's own link to its host).
   */
  private int connectionsBefore;

  /** The most connections beyond those seen at the end of a measurement iteration; -1: none yet. */
  private int connections = -1;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    Workload loaded = WorkloadLoader.loadResource("workloads/" + workload + ".yaml").workload();
    GuaranteeTier guarantee = GuaranteeTier.fromKey(tier);
    String trialId = TrialOutput.trialName(system, tier, workload) + "-" + System.nanoTime();
    Topology topology = Topology.of(trialId, loaded);
    connectionsBefore = TcpConnections.established();
    driver = Targets.driver(system);
    rig =
        LoadRig.start(
            driver,
            topology,
            guarantee,
            RigSettings.defaults()
                .withInFlightWindow(
                    loaded.subscriptionsPerTopic() == 0 ? PRODUCER_ONLY_WINDOW : WINDOW)
                .withStallTimeout(Duration.ofSeconds(30)));
    batch = SendPlan.count(loaded.messageSize(), Math.max(1, BATCH / topology.totalProducers()));
    output = new TrialOutput(TrialOutput.trialName(system, tier, workload));
  }

  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Delivered {
    /** First deliveries in this iteration; JMH divides by the iteration's time. */
    public long delivered;

    @Setup(Level.Iteration)
    public void reset() {
      delivered = 0;
    }
  }

  @Setup(Level.Iteration)
  public void beginIteration() {
    iterationBaseline = rig.delivered();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long send(Delivered counters) throws Exception {
    long sent = rig.send(batch).sent();
    counters.delivered = rig.delivered() - iterationBaseline;
    return sent;
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    Histogram interval = rig.endToEndNs().getIntervalHistogram();
    interval.setTag(iteration.getType() == IterationType.WARMUP ? "warmup" : "measurement");
    output.interval(interval);
    if (iteration.getType() == IterationType.MEASUREMENT && connectionsBefore >= 0) {
      int now = TcpConnections.established();
      if (now >= 0) {
        connections = Math.max(connections, now - connectionsBefore);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    try {
      boolean arrived = rig.awaitDelivery(Duration.ofSeconds(30));
      DeliveryReport report = rig.report();
      output.finish(arrived, report, connections);
    } finally {
      try {
        rig.close();
      } finally {
        driver.close();
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
