package io.brokerbench.bench.latency;

import static io.brokerbench.bench.latency.Micros.max;
import static io.brokerbench.bench.latency.Micros.min;
import static io.brokerbench.bench.latency.Micros.percentile;
import static io.brokerbench.bench.latency.Micros.us;

import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One point of the latency suite: a system at a guarantee tier, driven open-loop at one target
 * rate. Latencies are in microseconds, from the message's <em>intended</em> send time, over all
 * measured repeats together (warm-up discarded). A rate the system did not sustain has no latency
 * figures: they would describe how long the run lasted, not the system.
 *
 * @param system {@code kafka-kraft}, {@code kafka-zookeeper}, {@code rabbitmq}, {@code zeromq},
 *     {@code in-memory}
 * @param mode how the system ran, e.g. "kraft, 1 broker" or "brokerless, PUSH/PULL"
 * @param tier {@code none}, {@code ack}, {@code durable}; {@code all} for a system that could not
 *     run at all
 * @param messageBytes bytes per message, header included
 * @param targetPerSec the rate asked for; 0 in a row that stands for a whole tier (not offered,
 *     skipped, failed before any rate)
 * @param searched true for the highest rate the system sustained, as found by the search
 * @param arrivals {@code fixed} (evenly spaced intended send times) or {@code poisson}
 * @param status {@code ok}, {@code saturated} (see reason), {@code not offered}, {@code skipped} or
 *     {@code failed}
 * @param reason why a row is not ok; empty when ok
 * @param achievedPerSec messages delivered per second over the measured repeats (first to last
 *     delivery of each); 0 when nothing was measured
 * @param saturated the system did not sustain the target rate (status {@code saturated})
 * @param repeats measured repeats run (a saturated repeat ends the point)
 * @param samples end-to-end latencies recorded in the measured repeats
 * @param p50Us end-to-end latency, median; null unless ok
 * @param p90Us end-to-end, 90th percentile; null unless ok
 * @param p99Us end-to-end, 99th percentile; null unless ok
 * @param p999Us end-to-end, 99.9th percentile; null unless ok
 * @param maxUs end-to-end, the largest; null unless ok
 * @param p99MinUs the lowest end-to-end p99 of a single repeat: with p99MaxUs, the spread
 * @param p99MaxUs the highest end-to-end p99 of a single repeat
 * @param p50MinUs the lowest end-to-end p50 of a single repeat: with p50MaxUs, the median's spread
 * @param p50MaxUs the highest end-to-end p50 of a single repeat
 * @param repeatsAgree the repeats' p99s are within {@value #REPEATS_AGREE_RATIO}x of each other
 *     (p99MaxUs / p99MinUs); false unless ok. A comparison with a point whose repeats disagree
 *     cannot rank it: the point's own noise is larger than the difference a ratio could show
 * @param atHarnessFloor the row's p99 is within {@value #HARNESS_FLOOR_RATIO}x of the in-memory
 *     driver's p99 at the same rate and size: the harness's own latency, not the system's, may be
 *     what it shows. True for the in-memory rows themselves; false unless ok, and where the floor
 *     was not measured at the row's rate
 * @param publishP50Us publish latency (intended send to the broker's acknowledgement), median; null
 *     at tier {@code none} (nothing is acknowledged) and unless ok
 * @param publishP90Us publish, 90th percentile
 * @param publishP99Us publish, 99th percentile
 * @param publishP999Us publish, 99.9th percentile
 * @param publishMaxUs publish, the largest
 * @param sendDelayP99Us how late the producer's send was behind its intended time, 99th percentile:
 *     the harness's own pacing error, or the client blocking it; kept for saturated rows too (it
 *     shows how far behind they fell)
 * @param sendDelayMaxUs the same, the largest
 * @param gcPauses stop-the-world collections of the bench JVM (producer, consumer and harness) that
 *     began while the measured repeats ran
 * @param gcPauseMaxMs the longest of them, milliseconds; null when nothing was measured
 * @param runQueueMax the most runnable threads machine-wide seen during the repeats (sampled every
 *     10 ms from /proc/stat); null where not known. More than the cores means threads waited for
 *     one
 * @param stealPct CPU time the hypervisor stole during the repeats, percent; null where not known
 * @param wakeLateMaxMs the longest the machine kept a thread that was ready to run off every core
 *     during the repeats (a sampler asking to wake after 1 ms, how late it woke), milliseconds;
 *     null when nothing was measured or in a file written before it was recorded
 * @param hlog the point's interval histograms, relative to the run's folder: {@code
 *     latency/<point>.hlog}; empty when nothing was measured
 */
public record LatencyRow(
    String system,
    String mode,
    String tier,
    int messageBytes,
    int targetPerSec,
    boolean searched,
    String arrivals,
    Status status,
    String reason,
    double achievedPerSec,
    boolean saturated,
    int repeats,
    long samples,
    Double p50Us,
    Double p90Us,
    Double p99Us,
    Double p999Us,
    Double maxUs,
    Double p99MinUs,
    Double p99MaxUs,
    Double p50MinUs,
    Double p50MaxUs,
    boolean repeatsAgree,
    boolean atHarnessFloor,
    Double publishP50Us,
    Double publishP90Us,
    Double publishP99Us,
    Double publishP999Us,
    Double publishMaxUs,
    Double sendDelayP99Us,
    Double sendDelayMaxUs,
    int gcPauses,
    Double gcPauseMaxMs,
    Integer runQueueMax,
    Double stealPct,
    Double wakeLateMaxMs,
    String hlog)
    implements Row {

  /** Names of the JSON fields the claims and bin/compare read, so that a rename reaches them. */
  public static final String TIER = "tier";

  public static final String MESSAGE_BYTES = "messageBytes";
  public static final String TARGET_PER_SEC = "targetPerSec";
  public static final String ARRIVALS = "arrivals";
  public static final String ACHIEVED_PER_SEC = "achievedPerSec";
  public static final String P50_US = "p50Us";
  public static final String P99_US = "p99Us";
  public static final String P99_MIN_US = "p99MinUs";
  public static final String P99_MAX_US = "p99MaxUs";
  public static final String P999_US = "p999Us";
  public static final String MAX_US = "maxUs";
  public static final String REPEATS_AGREE = "repeatsAgree";
  public static final String AT_HARNESS_FLOOR = "atHarnessFloor";
  public static final String WAKE_LATE_MAX_MS = "wakeLateMaxMs";

  /**
   * Repeats agree when their highest p99 is at most this multiple of their lowest. A p99 from a few
   * thousand samples rests on the few dozen largest, and on a shared 2-core machine one scheduler
   * delay or collection more or less in a repeat moves it; repeats of the in-memory floor and of
   * the brokers at low rates stay within 2x of each other, so 3x leaves room for that noise while
   * catching the 7-8x disagreements a point hit by an outside pause shows.
   */
  public static final double REPEATS_AGREE_RATIO = 3.0;

  /**
   * A system within this multiple of the harness's own p99 at the same rate is at the harness
   * floor: differences smaller than the harness's own run-to-run spread (about 2x at p99, see
   * {@link #REPEATS_AGREE_RATIO}) cannot be told from it.
   */
  public static final double HARNESS_FLOOR_RATIO = 2.0;

  /** A row without measurements: a tier not offered, a system skipped, a point that failed. */
  static LatencyRow notMeasured(
      String system,
      String mode,
      String tier,
      int messageBytes,
      int targetPerSec,
      String arrivals,
      Status status,
      String reason) {
    return new LatencyRow(
        system,
        mode,
        tier,
        messageBytes,
        targetPerSec,
        false,
        arrivals,
        status,
        reason,
        0,
        false,
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        "");
  }

  /**
   * The row of a measured point: its figures when the rate was sustained, only the achieved rate
   * and the send delay when it was saturated.
   *
   * @param hlog the point's log relative to the run's folder, or empty
   */
  static LatencyRow measured(
      String system,
      String mode,
      String tier,
      boolean searched,
      RatePoint.Measured point,
      String hlog) {
    RatePoint.Plan plan = point.plan();
    boolean saturated = point.saturated();
    boolean ok = !saturated;
    Histogram e2e = point.endToEndNs();
    Histogram publish = point.publishNs();
    Histogram delay = point.sendDelayNs();
    boolean hasPublish = ok && publish != null && publish.getTotalCount() > 0;
    Double p99Min = ok ? min(point.repeatP99Ns()) : null;
    Double p99Max = ok ? max(point.repeatP99Ns()) : null;
    boolean hasDelay = delay.getTotalCount() > 0;
    return new LatencyRow(
        system,
        mode,
        tier,
        plan.messageBytes(),
        plan.targetPerSec(),
        searched,
        plan.arrivals().key(),
        ok ? Status.OK : Status.SATURATED,
        point.saturation(),
        point.achievedPerSec(),
        saturated,
        point.repeats().size(),
        point.repeats().isEmpty() ? 0 : e2e.getTotalCount(),
        ok ? percentile(e2e, 50) : null,
        ok ? percentile(e2e, 90) : null,
        ok ? percentile(e2e, 99) : null,
        ok ? percentile(e2e, 99.9) : null,
        ok ? us(e2e.getMaxValue()) : null,
        p99Min,
        p99Max,
        ok ? min(point.repeatP50Ns()) : null,
        ok ? max(point.repeatP50Ns()) : null,
        ok && agree(p99Min, p99Max),
        false,
        hasPublish ? percentile(publish, 50) : null,
        hasPublish ? percentile(publish, 90) : null,
        hasPublish ? percentile(publish, 99) : null,
        hasPublish ? percentile(publish, 99.9) : null,
        hasPublish ? us(publish.getMaxValue()) : null,
        hasDelay ? percentile(delay, 99) : null,
        hasDelay ? us(delay.getMaxValue()) : null,
        point.conditions().gcPauses(),
        point.repeats().isEmpty() ? null : point.conditions().gcPauseMaxMs(),
        point.conditions().runQueueMax(),
        point.conditions().stealPct(),
        point.repeats().isEmpty() ? null : point.conditions().wakeLateMaxMs(),
        hlog);
  }

  /** The rule of {@link #REPEATS_AGREE_RATIO}; a p99 of 0 µs (finer than 0.1 µs) counts as 0.1. */
  static boolean agree(Double p99MinUs, Double p99MaxUs) {
    return p99MinUs != null
        && p99MaxUs != null
        && p99MaxUs <= REPEATS_AGREE_RATIO * Math.max(0.1, p99MinUs);
  }

  /** This row, marked as the highest sustained rate the search found. */
  LatencyRow asSearched() {
    return copy(true, atHarnessFloor);
  }

  /** This row with {@code atHarnessFloor} as given. */
  LatencyRow withHarnessFloor(boolean atFloor) {
    return copy(searched, atFloor);
  }

  /**
   * This measured row, saturated by a rule judged beside the repeats (the tail rule): its latencies
   * are dropped like any saturated point's, its send delay kept.
   */
  LatencyRow asSaturated(String why) {
    return new LatencyRow(
        system,
        mode,
        tier,
        messageBytes,
        targetPerSec,
        searched,
        arrivals,
        Status.SATURATED,
        why,
        achievedPerSec,
        true,
        repeats,
        samples,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        sendDelayP99Us,
        sendDelayMaxUs,
        gcPauses,
        gcPauseMaxMs,
        runQueueMax,
        stealPct,
        wakeLateMaxMs,
        hlog);
  }

  private LatencyRow copy(boolean newSearched, boolean newAtHarnessFloor) {
    return new LatencyRow(
        system,
        mode,
        tier,
        messageBytes,
        targetPerSec,
        newSearched,
        arrivals,
        status,
        reason,
        achievedPerSec,
        saturated,
        repeats,
        samples,
        p50Us,
        p90Us,
        p99Us,
        p999Us,
        maxUs,
        p99MinUs,
        p99MaxUs,
        p50MinUs,
        p50MaxUs,
        repeatsAgree,
        newAtHarnessFloor,
        publishP50Us,
        publishP90Us,
        publishP99Us,
        publishP999Us,
        publishMaxUs,
        sendDelayP99Us,
        sendDelayMaxUs,
        gcPauses,
        gcPauseMaxMs,
        runQueueMax,
        stealPct,
        wakeLateMaxMs,
        hlog);
  }

  /** A sampler woken this late saw the machine, not a park's overshoot; milliseconds. */
  static final double WAKE_LATE_WORTH_SAYING_MS = 5;

  /**
   * A sustained point whose long tail (p99 over {@value #TAIL_RATIO}x p50) may be the machine's
   * holds alone: its p99 ranks nothing.
   */
  public boolean tailHeldByMachine() {
    return ok() && tailHeldByMachine(p50Us, p99Us, wakeLateMaxMs);
  }

  /**
   * The rule of {@link #tailHeldByMachine()} on a row's three figures, as its JSON holds them: the
   * tail is long (p99 over {@value #TAIL_RATIO}x p50), beside the point the machine held a ready
   * thread for at least {@value #WAKE_LATE_WORTH_SAYING_MS} ms at once, and the p99 is no longer
   * than that hold plus the median (a message sent that late waits out the hold, then travels as
   * usual). False when the hold was not watched.
   */
  public static boolean tailHeldByMachine(Double p50Us, Double p99Us, Double wakeLateMaxMs) {
    return p50Us != null
        && p99Us != null
        && wakeLateMaxMs != null
        && p99Us > TAIL_RATIO * Math.max(0.1, p50Us)
        && wakeLateMaxMs >= WAKE_LATE_WORTH_SAYING_MS
        && p99Us <= wakeLateMaxMs * 1_000 + p50Us;
  }

  /** A tail is worth explaining when p99 is more than this multiple of p50. */
  public static final double TAIL_RATIO = 10;

  /**
   * What coincided with a long tail (p99 more than {@value #TAIL_RATIO}x p50), one phrase; empty
   * when the row has no such tail.
   *
   * @param cores the machine's cores: a run queue longer than them kept threads waiting
   */
  String tailAttribution(int cores) {
    if (!ok() || p50Us == null || p99Us == null || p99Us <= TAIL_RATIO * Math.max(0.1, p50Us)) {
      return "";
    }
    List<String> seen = new ArrayList<>();
    if (gcPauses > 0 && gcPauseMaxMs != null) {
      seen.add(
          String.format(
              "%d GC pause%s of the bench JVM (longest %.0f ms)",
              gcPauses, gcPauses == 1 ? "" : "s", gcPauseMaxMs));
    }
    if (runQueueMax != null && runQueueMax > cores) {
      seen.add(String.format("a run queue of up to %d on %d cores", runQueueMax, cores));
    }
    if (stealPct != null && stealPct >= 1) {
      seen.add(String.format("%.1f%% CPU steal", stealPct));
    }
    if (wakeLateMaxMs != null && wakeLateMaxMs >= WAKE_LATE_WORTH_SAYING_MS) {
      seen.add(String.format("a ready thread kept off the cores for up to %.0f ms", wakeLateMaxMs));
    }
    String tail = String.format("tail p99 %.0fx p50", p99Us / Math.max(0.1, p50Us));
    return seen.isEmpty()
        ? tail + ": nothing watched coincided (the broker's own pauses are not watched)"
        : tail + " coincided with " + String.join(", ", seen);
  }

  /** A sustained, measured point: the only kind whose latencies are reported. */
  @Override
  public boolean ok() {
    return status.ok();
  }

  /** {@code kafka-kraft ack}: the name of the system and tier in plots and progress lines. */
  public String series() {
    return system + " " + tier;
  }
}
