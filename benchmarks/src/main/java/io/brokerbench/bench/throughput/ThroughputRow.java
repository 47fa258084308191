package io.brokerbench.bench.throughput;

import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import java.util.List;

/**
 * One measurement of the throughput suite: a system at a tier for a workload, measured once in each
 * interleaved round, with the vendor's tool on the same broker in the same rounds where there is
 * one.
 *
 * @param system {@code kafka-kraft}, {@code kafka-zookeeper}, {@code rabbitmq}, {@code zeromq},
 *     {@code zeromq-proxy}, {@code in-memory}
 * @param mode how the system ran, e.g. "kraft, 1 broker" or "brokerless"
 * @param tier {@code none}, {@code ack}, {@code durable}
 * @param topology the workload's name, e.g. {@code 1-topic-1-partition-1kb}
 * @param messageBytes payload size
 * @param status {@code ok}, {@code not offered} (the system has no such guarantee), {@code skipped}
 *     or {@code failed}; see reason
 * @param reason why a row is not ok; empty when ok
 * @param msgPerSec delivered messages per second (for a producer-only workload: acknowledged
 *     messages per second; for a consumer-only workload: messages read per second from a topic
 *     filled beforehand), the mean of the rounds' figures, each JMH's mean over the round's
 *     measurement iterations
 * @param mbPerSec {@code msgPerSec * messageBytes / 2^20}
 * @param error half the range of the rounds' figures (with one round, half the range of its
 *     iterations)
 * @param minPerSec the slowest measurement iteration of any round
 * @param maxPerSec the fastest measurement iteration of any round
 * @param sentPerSec messages handed to the driver per second (JMH's primary score), mean of the
 *     rounds; 0 for a consumer-only workload, where nothing is sent while the consumer reads
 * @param connections the TCP connections the workload had open during the measurement, counted from
 *     {@code /proc} in the trial's process beyond those it had before the driver started (a
 *     connection with both ends in that process, as in ZeroMQ's mesh, counts once); 0 when not
 *     counted (consumer-only, failed rows)
 * @param rounds the figure of each interleaved round, in order: the claims divide two systems'
 *     figures round by round, so that the machine's drift between rounds cancels
 * @param iterations each round's measurement iterations, msg/s
 * @param unsettled true when the measurement iterations drifted the same way (all climbing or all
 *     falling) by more than the suite's bound in every round: the row was not at a steady state and
 *     decides no verdict
 * @param harnessBound true when the window check found the harness's in-flight window limiting this
 *     system on this workload: the row measured the harness and decides no verdict
 * @param window the in-flight window, messages per producer
 * @param inFlightMean messages in flight on average by Little's law: delivered msg/s times the mean
 *     time a message spent in flight (end to end; for a producer alone, until acknowledged), mean
 *     of the rounds; near {@code window} means the window was full, as it is in any closed loop at
 *     saturation
 * @param meanLatencyUs that mean time in flight, µs, mean of the rounds: closed-loop queueing at
 *     saturation, not the latency suite's open-loop figure
 * @param windowWaitShare the share of the measured time the producers waited at a full in-flight
 *     window, mean of the rounds: near 0, the window never held them back and cannot have bound the
 *     row, whatever the window check says
 * @param windowCheck the same system and workload at four times the window, or null where this
 *     row's system and workload were not checked in its own tier (the check runs at one tier)
 * @param vendorTool the vendor tool compared with, or empty
 * @param vendorMsgPerSec the vendor tool's figure, the mean of its runs, or 0
 * @param vendorRounds the vendor tool's figure in each round it ran beside this row's trial
 * @param parity {@code msgPerSec / vendorMsgPerSec}, or 0 without a vendor figure
 * @param parityLow the lowest round's brokerbench/vendor ratio (paired within each round), or the
 *     parity when there is one round
 * @param parityHigh the highest round's ratio
 * @param trial the trial's name: its files are {@code trials/<trial>-r<round>.hlog} and {@code
 *     .delivery.json}, and {@code jmh/<trial>-r<round>.json} (a consumer-only trial has only the
 *     last: the age of a message read from a backlog is no latency)
 */
public record ThroughputRow(
    String system,
    String mode,
    String tier,
    String topology,
    int messageBytes,
    Status status,
    String reason,
    double msgPerSec,
    double mbPerSec,
    double error,
    double minPerSec,
    double maxPerSec,
    double sentPerSec,
    int connections,
    List<Double> rounds,
    List<List<Double>> iterations,
    boolean unsettled,
    boolean harnessBound,
    int window,
    double inFlightMean,
    double meanLatencyUs,
    double windowWaitShare,
    WindowCheck windowCheck,
    String vendorTool,
    double vendorMsgPerSec,
    List<Double> vendorRounds,
    double parity,
    double parityLow,
    double parityHigh,
    String trial)
    implements Row {

  /**
   * Names of the JSON fields the claims and {@code bin/compare} read, so that a rename reaches them
   * ({@link Row#SYSTEM}, {@link Row#STATUS} and {@link Row#REASON} are every row's).
   */
  public static final String MODE = "mode";

  public static final String TIER = "tier";
  public static final String TOPOLOGY = "topology";
  public static final String MESSAGE_BYTES = "messageBytes";
  public static final String MSG_PER_SEC = "msgPerSec";
  public static final String MB_PER_SEC = "mbPerSec";
  public static final String MIN_PER_SEC = "minPerSec";
  public static final String MAX_PER_SEC = "maxPerSec";
  public static final String CONNECTIONS = "connections";
  public static final String ROUNDS = "rounds";
  public static final String UNSETTLED = "unsettled";
  public static final String HARNESS_BOUND = "harnessBound";
  public static final String VENDOR_MSG_PER_SEC = "vendorMsgPerSec";

  public ThroughputRow {
    rounds = List.copyOf(rounds);
    iterations = iterations.stream().map(List::copyOf).toList();
    vendorRounds = List.copyOf(vendorRounds);
  }

  /**
   * The window check of a system and workload: the same trial with the in-flight window four times
   * as large, run in every round right beside the trial it checks (in the same fork). If the larger
   * window delivers more, the harness's window was what limited the system.
   *
   * @param window the larger window, messages per producer
   * @param msgPerSec what it delivered, mean of the rounds
   * @param ratio its msg/s over the row's at the normal window: the mean of the rounds' pairs
   * @param low the lowest pair's ratio
   * @param high the highest pair's ratio
   * @param boundAbove the ratio above which the window counts as binding (e.g. 1.10)
   */
  public record WindowCheck(
      int window, double msgPerSec, double ratio, double low, double high, double boundAbove) {
    /**
     * Whether the window binds: the larger window delivered more than the bound allows on average,
     * and more in every round. A larger window that was faster in one round and slower in another
     * showed the machine's noise, not a limit; the table shows that check's interval all the same.
     */
    public boolean binds() {
      return ratio > boundAbove && low > 1.0;
    }
  }

  static ThroughputRow notOk(
      String system,
      String mode,
      String tier,
      String topology,
      int messageBytes,
      Status status,
      String reason) {
    return new ThroughputRow(
        system,
        mode,
        tier,
        topology,
        messageBytes,
        status,
        reason,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        false,
        false,
        0,
        0,
        0,
        0,
        null,
        "",
        0,
        List.of(),
        0,
        0,
        0,
        "");
  }

  /**
   * This row with the vendor tool's figures of each round; the parity is the ratio of the means,
   * its interval the lowest and highest ratio within a round.
   */
  ThroughputRow withVendor(String tool, List<Double> perRound) {
    double vendorMean = perRound.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double low = 0;
    double high = 0;
    if (vendorMean > 0) {
      low = Double.POSITIVE_INFINITY;
      high = 0;
      int n = Math.min(perRound.size(), rounds.size());
      for (int i = 0; i < n; i++) {
        if (perRound.get(i) > 0) {
          double ratio = rounds.get(i) / perRound.get(i);
          low = Math.min(low, ratio);
          high = Math.max(high, ratio);
        }
      }
      if (n == 0 || Double.isInfinite(low)) {
        low = msgPerSec / vendorMean;
        high = low;
      }
    }
    return new ThroughputRow(
        system,
        mode,
        tier,
        topology,
        messageBytes,
        status,
        reason,
        msgPerSec,
        mbPerSec,
        error,
        minPerSec,
        maxPerSec,
        sentPerSec,
        connections,
        rounds,
        iterations,
        unsettled,
        harnessBound,
        window,
        inFlightMean,
        meanLatencyUs,
        windowWaitShare,
        windowCheck,
        tool,
        vendorMean,
        perRound,
        vendorMean > 0 ? msgPerSec / vendorMean : 0,
        low,
        high,
        trial);
  }

  /**
   * This row judged by the window check of its system and workload: harness-bound when the check
   * says the window binds and this row's producers waited at the window ({@link #waitedAtWindow}),
   * at the check's own tier ({@code shown}, where the check is shown) as at the others.
   */
  ThroughputRow checkedBy(WindowCheck check, boolean shown) {
    return new ThroughputRow(
        system,
        mode,
        tier,
        topology,
        messageBytes,
        status,
        reason,
        msgPerSec,
        mbPerSec,
        error,
        minPerSec,
        maxPerSec,
        sentPerSec,
        connections,
        rounds,
        iterations,
        unsettled,
        harnessBound || (check.binds() && waitedAtWindow()),
        window,
        inFlightMean,
        meanLatencyUs,
        windowWaitShare,
        shown ? check : windowCheck,
        vendorTool,
        vendorMsgPerSec,
        vendorRounds,
        parity,
        parityLow,
        parityHigh,
        trial);
  }

  /**
   * The share of the measured time above which the producers' waits at the window count: below it
   * the system's own flow control (a confirm window, credit flow, fsyncs) set the pace.
   */
  static final double WAITED_AT_WINDOW = 0.05;

  /**
   * Whether the producers waited at a full window for more than {@link #WAITED_AT_WINDOW} of the
   * measured time. A window a producer never waited at cannot have bound it: RabbitMQ at tier
   * {@code none} waited 0.000-0.001 of the time while its window checks gave 1.14x and 2.32x (a
   * queue that swung between shallow and deep), where Kafka waited 0.55-0.94.
   */
  boolean waitedAtWindow() {
    return windowWaitShare > WAITED_AT_WINDOW;
  }
}
