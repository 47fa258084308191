package io.brokerbench.bench.latency;

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
    String status,
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
    Double publishP50Us,
    Double publishP90Us,
    Double publishP99Us,
    Double publishP999Us,
    Double publishMaxUs,
    Double sendDelayP99Us,
    Double sendDelayMaxUs,
    String hlog) {

  public static final String OK = "ok";
  public static final String SATURATED = "saturated";
  public static final String NOT_OFFERED = "not offered";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  /** A row without measurements: a tier not offered, a system skipped, a point that failed. */
  static LatencyRow notMeasured(
      String system,
      String mode,
      String tier,
      int messageBytes,
      int targetPerSec,
      String arrivals,
      String status,
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
        null,
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
    Double p99Min = null;
    Double p99Max = null;
    if (ok && !point.repeatP99Ns().isEmpty()) {
      p99Min = us(point.repeatP99Ns().stream().mapToLong(Long::longValue).min().getAsLong());
      p99Max = us(point.repeatP99Ns().stream().mapToLong(Long::longValue).max().getAsLong());
    }
    boolean hasDelay = delay.getTotalCount() > 0;
    return new LatencyRow(
        system,
        mode,
        tier,
        plan.messageBytes(),
        plan.targetPerSec(),
        searched,
        plan.arrivals().key(),
        ok ? OK : SATURATED,
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
        hasPublish ? percentile(publish, 50) : null,
        hasPublish ? percentile(publish, 90) : null,
        hasPublish ? percentile(publish, 99) : null,
        hasPublish ? percentile(publish, 99.9) : null,
        hasPublish ? us(publish.getMaxValue()) : null,
        hasDelay ? percentile(delay, 99) : null,
        hasDelay ? us(delay.getMaxValue()) : null,
        hlog);
  }

  private static Double percentile(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? null : us(histogram.getValueAtPercentile(percentile));
  }

  /** Nanoseconds to microseconds, to 0.1 µs: finer than the histograms' 0.1% resolution needs. */
  static double us(long nanoseconds) {
    return Math.round(nanoseconds / 100.0) / 10.0;
  }

  /** This row, marked as the highest sustained rate the search found. */
  LatencyRow asSearched() {
    return new LatencyRow(
        system,
        mode,
        tier,
        messageBytes,
        targetPerSec,
        true,
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
        publishP50Us,
        publishP90Us,
        publishP99Us,
        publishP999Us,
        publishMaxUs,
        sendDelayP99Us,
        sendDelayMaxUs,
        hlog);
  }

  /** A sustained, measured point: the only kind whose latencies are reported. */
  public boolean ok() {
    return OK.equals(status);
  }

  /** {@code kafka-kraft ack}: the name of the system and tier in plots and progress lines. */
  public String series() {
    return system + " " + tier;
  }
}
