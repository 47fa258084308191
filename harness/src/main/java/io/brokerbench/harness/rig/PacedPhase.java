package io.brokerbench.harness.rig;

import io.brokerbench.harness.driver.Backoff;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one paced phase on a {@link LoadRig} and judges whether the system sustained its rate: the
 * open-loop measurement that latency figures need.
 *
 * <p>While the rig sends on its schedule, a sampler thread reads the rig's delivery count every
 * millisecond (it only reads counters, so it costs the system under test nothing worth measuring).
 * After the last send the phase waits, up to a drain timeout, until every message has arrived (and
 * at tiers with acknowledgements, has been acknowledged), so that each phase's histograms hold its
 * own messages and the next phase starts from an empty pipeline.
 *
 * <p>A rate is <em>sustained</em> only when the producer kept its schedule, every scheduled message
 * was sent, and deliveries kept up with the schedule. It is <em>saturated</em> ({@link
 * PacedResult#saturation}) by the first of these rules that applies:
 *
 * <ol>
 *   <li><b>stalled</b>: a producer stalled at a full in-flight window (nothing arrived for the
 *       rig's stall timeout);
 *   <li><b>undrained</b>: messages had not arrived a drain timeout after the last send;
 *   <li><b>unsent</b>: the producers sent fewer messages than the schedule held, by even one (the
 *       in-flight window held them back until the phase ended): a message never sent has no
 *       latency, so a phase that leaves any out would report a tail without its worst part;
 *   <li><b>behind schedule</b>: the send delay's p99 is above {@value #SEND_DELAY_P99_FRACTION} of
 *       the phase's length. A producer that cannot keep up falls behind linearly, so its p99 send
 *       delay is about the phase's length times its overload; a transient block (a client waiting
 *       out a broker's pause) is shorter and stays under the bound, and counts where it belongs, in
 *       the latency tail measured from the intended send time. Marking such a stall saturated would
 *       drop the very messages that open-loop measurement exists to count;
 *   <li><b>slow delivery</b>: the achieved rate, deliveries over the time from the first to the
 *       last delivery, is below {@value #SUSTAINED_FRACTION} of the scheduled rate (a system that
 *       falls behind delivers at its own capacity, however long the phase; one that keeps up
 *       delivers at the scheduled rate, give or take the difference between its first and last
 *       message's latency). The scheduled rate is the target at a fixed rate; with Poisson arrivals
 *       it is what the random schedule held, so that the schedule's own randomness is not taken for
 *       saturation;
 *   <li><b>growing backlog</b>: the least-squares slope of the backlog over the phase, leaving out
 *       its first tenth (where the pipeline fills), is more than {@code 1 -} {@value
 *       #SUSTAINED_FRACTION} of the target rate. The backlog is counted from the schedule, not from
 *       the sends: messages due by now (the rate times the time elapsed, at a fixed rate) less
 *       those delivered, so a queue forming in front of the client counts as well as one in the
 *       broker. With Poisson arrivals, whose schedule is random, it is counted from the sends, and
 *       a producer held up in its client shows in the send delay instead.
 * </ol>
 *
 * <p>The 5% of slack in the last two rules is for the noise of measuring a rate over a few seconds
 * from millisecond samples, not for messages: none may go unsent. A single stall (a garbage
 * collection, a log roll) does not saturate a rate: it shows in the latency tail, which is what
 * latency is measured for. A stall at the very end of a short phase can: it stretches the delivery
 * span by its length. Phases of a few seconds keep that rare.
 */
public final class PacedPhase {
  /**
   * Delivery rates count as sustained down to this fraction of the target: 5% of slack for the
   * noise of a rate measured over a few seconds, never for unsent messages.
   */
  public static final double SUSTAINED_FRACTION = 0.95;

  /**
   * The send delay's p99 may be at most this fraction of the phase's length: a producer 10% over
   * its capacity has fallen that far behind by the phase's end, while a client blocked for less
   * than a tenth of the phase (a broker's pause) has only lengthened the tail.
   */
  public static final double SEND_DELAY_P99_FRACTION = 0.1;

  /** Fine enough to time the first and last delivery of a phase of seconds to about 0.1%. */
  static final long SAMPLE_INTERVAL_NS = 1_000_000;

  /** The first tenth of a phase is left out of the backlog's slope: the pipeline fills then. */
  private static final double FILL_FRACTION = 0.1;

  private PacedPhase() {}

  /**
   * Sends {@code plan} on {@code rig}, waits up to {@code drainTimeout} for every message to
   * arrive, and judges the phase.
   *
   * @param plan a paced plan with a duration ({@link SendPlan#timed}); its arrivals may be Poisson
   * @throws IllegalArgumentException if the plan is unpaced or untimed, or the rig's topology has
   *     no subscriptions (an open-loop phase is judged by its deliveries)
   * @throws DriverException if a send failed or a driver reported a failure
   */
  public static PacedResult run(LoadRig rig, SendPlan plan, Duration drainTimeout)
      throws DriverException, InterruptedException {
    if (!plan.paced() || plan.durationNs() == Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "plan: a paced phase needs a rate and a duration, was " + plan);
    }
    int subscriptions = rig.topology().subscriptionsPerTopic();
    if (subscriptions == 0) {
      throw new IllegalArgumentException(
          "topology: a paced phase is judged by its deliveries; "
              + rig.topology().trialId()
              + " has no subscriptions");
    }
    long deliveredBefore = rig.delivered();
    long sentBefore = rig.totalSent();
    long acknowledgedBefore = rig.acknowledged();
    long failedBefore = rig.failedSends();

    // At a fixed rate the messages due by now are known; a Poisson schedule is random.
    double duePerNs = plan.arrivals() == Arrivals.FIXED_RATE ? plan.totalRatePerSec() / 1e9 : 0;
    Sampler sampler = new Sampler(rig, deliveredBefore, sentBefore, duePerNs, plan.durationNs());
    Thread samplerThread = new Thread(sampler, "bb-paced-sampler");
    samplerThread.setDaemon(true);
    SendResult sent;
    boolean drained;
    sampler.startNs = System.nanoTime();
    samplerThread.start();
    try {
      sent = rig.send(plan);
      drained = rig.awaitDelivery(drainTimeout);
      if (drained && rig.tier() != GuaranteeTier.NONE) {
        drained = awaitAcknowledged(rig, drainTimeout);
      }
    } finally {
      sampler.running = false;
      samplerThread.interrupt();
      samplerThread.join();
    }
    sampler.sample();
    // The producers have stopped: this interval is exactly the phase's sends.
    Histogram sendDelay = rig.sendDelayNs().getIntervalHistogram();
    if (!drained) {
      DeliveryReport report = rig.report();
      if (!report.failures().isEmpty()) {
        throw new DriverException("the trial failed: " + String.join("; ", report.failures()));
      }
    }

    long sentInPhase = rig.totalSent() - sentBefore;
    long deliveries = rig.delivered() - deliveredBefore;
    long acknowledged = rig.acknowledged() - acknowledgedBefore;
    long failed = rig.failedSends() - failedBefore;
    long scheduled = sent.scheduled();
    // The rate the schedule asked for: the target itself at a fixed rate; with Poisson arrivals,
    // what the random schedule actually held, so that its own randomness is not judged.
    double scheduledPerSec = scheduled * 1e9 / plan.durationNs();
    long spanNs = sampler.lastChangeNs - sampler.firstDeliveryNs;
    double achieved =
        spanNs > 0
            ? (sampler.lastCount - sampler.firstCount) / (double) subscriptions * 1e9 / spanNs
            : deliveries / (double) subscriptions * 1e9 / Math.max(1, sent.elapsedNs());
    double growth =
        sampler.backlogSlopePerSec(
            (long) (plan.durationNs() * FILL_FRACTION), plan.durationNs(), subscriptions);
    String saturation =
        saturation(
            plan.totalRatePerSec(),
            scheduledPerSec,
            scheduled,
            sentInPhase,
            sentInPhase * subscriptions - deliveries - failed * subscriptions,
            drained,
            sent.stalled(),
            sendDelay.getValueAtPercentile(99),
            plan.durationNs(),
            achieved,
            growth,
            drainTimeout);
    return new PacedResult(
        plan.totalRatePerSec(),
        plan.durationNs(),
        scheduled,
        sentInPhase,
        deliveries,
        acknowledged,
        sent.elapsedNs(),
        Math.max(0, spanNs),
        drained,
        sent.stalled(),
        achieved,
        growth,
        sendDelay,
        saturation);
  }

  /** The judgement; empty when the rate was sustained. See the class comment for the rules. */
  static String saturation(
      int targetPerSec,
      double scheduledPerSec,
      long scheduled,
      long sent,
      long missingDeliveries,
      boolean drained,
      boolean stalled,
      long sendDelayP99Ns,
      long durationNs,
      double achievedPerSec,
      double backlogGrowthPerSec,
      Duration drainTimeout) {
    if (stalled) {
      return "stalled: the producers stalled at a full in-flight window, nothing arrived for the"
          + " stall timeout";
    }
    if (!drained) {
      return String.format(
          "undrained: %,d deliveries were missing %.1f s after the last send",
          missingDeliveries, drainTimeout.toMillis() / 1000.0);
    }
    if (sent < scheduled) {
      return String.format(
          "unsent: the producers sent %,d of %,d scheduled messages (the in-flight window held"
              + " them back)",
          sent, scheduled);
    }
    long sendDelayBoundNs = (long) (SEND_DELAY_P99_FRACTION * durationNs);
    if (sendDelayP99Ns > sendDelayBoundNs) {
      return String.format(
          "behind schedule: send delay p99 %.1f ms, over %.0f%% of the %.1f s phase (%.0f ms)",
          sendDelayP99Ns / 1e6,
          SEND_DELAY_P99_FRACTION * 100,
          durationNs / 1e9,
          sendDelayBoundNs / 1e6);
    }
    if (achievedPerSec < SUSTAINED_FRACTION * scheduledPerSec) {
      return String.format(
          "slow delivery: delivered %,.0f msg/s, below %.0f%% of the %,.0f msg/s scheduled",
          achievedPerSec, SUSTAINED_FRACTION * 100, scheduledPerSec);
    }
    if (backlogGrowthPerSec > (1 - SUSTAINED_FRACTION) * targetPerSec) {
      return String.format(
          "growing backlog: it grew by %,.0f msg/s while sending (more than %.0f%% of the target"
              + " rate)",
          backlogGrowthPerSec, (1 - SUSTAINED_FRACTION) * 100);
    }
    return "";
  }

  /** Waits until every send was acknowledged or reported failed; false after the timeout. */
  private static boolean awaitAcknowledged(LoadRig rig, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Backoff backoff = new Backoff();
    while (rig.acknowledged() + rig.failedSends() < rig.totalSent()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      backoff.idle();
    }
    return true;
  }

  /**
   * Reads the rig's counts every millisecond: when the first and last deliveries came, and due (or
   * sent) and delivered over time for the backlog's slope.
   */
  private static final class Sampler implements Runnable {
    private final LoadRig rig;
    private final long deliveredBefore;
    private final long sentBefore;
    private final double duePerNs;
    private final long durationNs;
    volatile boolean running = true;
    long startNs;
    private long[] timesNs = new long[1024];
    private long[] counts = new long[1024];

    /** Messages due by each sample: scheduled by then at a fixed rate, else sent. */
    private long[] dues = new long[1024];

    private int size;
    long firstDeliveryNs = -1;
    long firstCount;
    long lastChangeNs = -1;
    long lastCount;

    /**
     * @param duePerNs messages due per nanosecond of the phase, all producers; 0 when the schedule
     *     is random (the sends stand in for it)
     */
    Sampler(LoadRig rig, long deliveredBefore, long sentBefore, double duePerNs, long durationNs) {
      this.rig = rig;
      this.deliveredBefore = deliveredBefore;
      this.sentBefore = sentBefore;
      this.duePerNs = duePerNs;
      this.durationNs = durationNs;
    }

    @Override
    public void run() {
      while (running) {
        sample();
        LockSupport.parkNanos(SAMPLE_INTERVAL_NS);
      }
    }

    void sample() {
      // Delivered first: a message counted as delivered has been counted as sent too.
      long count = rig.delivered() - deliveredBefore;
      long sentSoFar = rig.totalSent() - sentBefore;
      long atNs = System.nanoTime() - startNs;
      if (count > 0 && firstDeliveryNs < 0) {
        firstDeliveryNs = atNs;
        firstCount = count;
      }
      if (count != lastCount) {
        lastChangeNs = atNs;
        lastCount = count;
      }
      if (size == timesNs.length) {
        timesNs = Arrays.copyOf(timesNs, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
        dues = Arrays.copyOf(dues, size * 2);
      }
      timesNs[size] = atNs;
      counts[size] = count;
      // A producer never sends early, so at a fixed rate the schedule is the larger.
      dues[size] = Math.max(sentSoFar, (long) (duePerNs * Math.min(atNs, durationNs)));
      size++;
    }

    /**
     * The least-squares slope of the backlog, messages due but not yet delivered (deliveries over
     * subscriptions), against time, over the samples from {@code fromNs} to {@code toNs}, per
     * second; 0 with fewer than 3 samples.
     */
    double backlogSlopePerSec(long fromNs, long toNs, int subscriptions) {
      double n = 0;
      double sumT = 0;
      double sumC = 0;
      double sumTt = 0;
      double sumTc = 0;
      for (int i = 0; i < size; i++) {
        if (timesNs[i] < fromNs || timesNs[i] > toNs) {
          continue;
        }
        double t = timesNs[i] / 1e9;
        double c = dues[i] - counts[i] / (double) subscriptions;
        n++;
        sumT += t;
        sumC += c;
        sumTt += t * t;
        sumTc += t * c;
      }
      double denominator = n * sumTt - sumT * sumT;
      return n < 3 || denominator <= 0 ? 0 : (n * sumTc - sumT * sumC) / denominator;
    }
  }
}
