package io.brokerbench.bench.latency;

import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.PacedPhase;
import io.brokerbench.harness.rig.PacedResult;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures one target rate on a running rig: a warm-up phase whose latencies are discarded (written
 * to the log, tagged), then the measured repeats, each a {@link PacedPhase} of its own that ends
 * only when its last message has arrived. A repeat that is saturated ends the point: the rate is
 * saturated, and more of it would only take time.
 *
 * <p>Each phase's interval histograms are taken once the phase has drained, so they hold exactly
 * that phase's messages; the reported figures come from all measured repeats merged, with the
 * lowest and highest p99 of a single repeat as the spread.
 */
final class RatePoint {
  /**
   * How long to wait for the last latencies after the counts say a phase is complete: the harness
   * counts a delivery just before it records its latency, so the two can be a moment apart.
   */
  private static final Duration LAST_SAMPLES = Duration.ofMillis(100);

  /** HdrHistogram's precision everywhere in brokerbench: 3 significant digits. */
  private static final int SIGNIFICANT_DIGITS = 3;

  /**
   * What to run at one rate.
   *
   * @param targetPerSec messages per second, all producers
   * @param messageBytes bytes per message, header included
   * @param arrivals how intended send times are spread
   * @param warmup the discarded phase before the repeats; zero for none
   * @param repeats measured phases, 1 or more
   * @param repeatTime each measured phase's length
   * @param drainTimeout how long a phase may take to deliver its last message after its last send
   */
  record Plan(
      int targetPerSec,
      int messageBytes,
      Arrivals arrivals,
      Duration warmup,
      int repeats,
      Duration repeatTime,
      Duration drainTimeout) {
    Plan {
      if (targetPerSec < 1) {
        throw new IllegalArgumentException("targetPerSec must be 1 or more, was " + targetPerSec);
      }
      if (repeats < 1) {
        throw new IllegalArgumentException("repeats must be 1 or more, was " + repeats);
      }
    }

    SendPlan phase(Duration length) {
      return SendPlan.timed(messageBytes, length, targetPerSec).withArrivals(arrivals);
    }
  }

  /**
   * The measurement of one rate.
   *
   * @param warmup the warm-up phase, or null without one
   * @param repeats the measured phases, in order; the last is the first saturated one, if any;
   *     empty when the warm-up left a backlog (the point is then saturated)
   * @param endToEndNs end-to-end latency of all measured repeats
   * @param publishNs publish latency of all measured repeats; null at tier {@code none}
   * @param sendDelayNs send delay of all measured repeats
   * @param repeatP99Ns the end-to-end p99 of each measured repeat
   * @param repeatP50Ns the end-to-end p50 of each measured repeat
   * @param conditions what coincided with the measured repeats (GC pauses, run queue, steal)
   * @param unrecorded per measured repeat: why some of its deliveries have no latency sample (the
   *     rule that every message sent is recorded); empty when each has one
   */
  record Measured(
      Plan plan,
      PacedResult warmup,
      List<PacedResult> repeats,
      Histogram endToEndNs,
      Histogram publishNs,
      Histogram sendDelayNs,
      List<Long> repeatP99Ns,
      List<Long> repeatP50Ns,
      Conditions.Seen conditions,
      List<String> unrecorded) {

    boolean saturated() {
      return !saturation().isEmpty();
    }

    /** Why the rate was saturated, naming the phase; empty when sustained. */
    String saturation() {
      if (repeats.isEmpty()) {
        return "warm-up: " + warmup.saturation();
      }
      for (int i = 0; i < repeats.size(); i++) {
        if (repeats.get(i).saturated()) {
          return "repeat " + (i + 1) + ": " + repeats.get(i).saturation();
        }
        if (!unrecorded.get(i).isEmpty()) {
          return "repeat " + (i + 1) + ": " + unrecorded.get(i);
        }
      }
      return "";
    }

    /**
     * The delivery rate over the measured repeats, each weighted by its delivery span (the
     * warm-up's when it left a backlog and no repeat ran).
     */
    double achievedPerSec() {
      if (repeats.isEmpty()) {
        return warmup.achievedPerSec();
      }
      double messages = 0;
      double seconds = 0;
      for (PacedResult repeat : repeats) {
        double spanSec = repeat.deliverySpanNs() / 1e9;
        messages += repeat.achievedPerSec() * spanSec;
        seconds += spanSec;
      }
      return seconds > 0 ? messages / seconds : repeats.get(0).achievedPerSec();
    }

    /** Whether the last phase's messages all arrived: otherwise the rig still has a backlog. */
    boolean drained() {
      return repeats.isEmpty() ? warmup.drained() : repeats.get(repeats.size() - 1).drained();
    }
  }

  private RatePoint() {}

  static Measured measure(LoadRig rig, Plan plan, PointLog log)
      throws DriverException, InterruptedException {
    boolean acknowledged = rig.tier() != GuaranteeTier.NONE;
    // Whatever the recorders hold (a search probe, the previous point) is not this point's.
    rig.endToEndNs().reset();
    rig.publishNs().reset();
    rig.sendDelayNs().reset();

    PacedResult warmup = null;
    if (!plan.warmup().isZero()) {
      warmup = PacedPhase.run(rig, plan.phase(plan.warmup()), plan.drainTimeout());
      Intervals discarded = Intervals.take(rig, warmup, acknowledged);
      log.phase(true, discarded.endToEndNs, discarded.publishNs, discarded.sendDelayNs);
      if (!warmup.drained()) {
        // A backlog left by the warm-up would be measured as the first repeat's latency.
        return new Measured(
            plan,
            warmup,
            List.of(),
            discarded.endToEndNs,
            discarded.publishNs,
            discarded.sendDelayNs,
            List.of(),
            List.of(),
            Conditions.Seen.NOTHING,
            List.of());
      }
    }

    List<PacedResult> repeats = new ArrayList<>();
    List<Long> p99s = new ArrayList<>();
    List<Long> p50s = new ArrayList<>();
    List<String> unrecorded = new ArrayList<>();
    Histogram endToEnd = new Histogram(SIGNIFICANT_DIGITS);
    Histogram publish = acknowledged ? new Histogram(SIGNIFICANT_DIGITS) : null;
    Histogram sendDelay = new Histogram(SIGNIFICANT_DIGITS);
    Conditions watch = Conditions.watch();
    for (int i = 0; i < plan.repeats(); i++) {
      PacedResult repeat = PacedPhase.run(rig, plan.phase(plan.repeatTime()), plan.drainTimeout());
      repeats.add(repeat);
      Intervals measured = Intervals.take(rig, repeat, acknowledged);
      log.phase(false, measured.endToEndNs, measured.publishNs, measured.sendDelayNs);
      endToEnd.add(measured.endToEndNs);
      if (publish != null) {
        publish.add(measured.publishNs);
      }
      sendDelay.add(measured.sendDelayNs);
      p99s.add(measured.endToEndNs.getValueAtPercentile(99.0));
      p50s.add(measured.endToEndNs.getValueAtPercentile(50.0));
      long recorded = measured.endToEndNs.getTotalCount();
      unrecorded.add(
          !repeat.drained() || recorded == repeat.deliveries()
              ? ""
              : String.format(
                  "unrecorded: %,d of %,d deliveries have a latency sample",
                  recorded, repeat.deliveries()));
      if (repeat.saturated() || !unrecorded.get(unrecorded.size() - 1).isEmpty()) {
        break;
      }
    }
    Conditions.Seen seen = watch.stop();
    return new Measured(
        plan,
        warmup,
        List.copyOf(repeats),
        endToEnd,
        publish,
        sendDelay,
        List.copyOf(p99s),
        List.copyOf(p50s),
        seen,
        List.copyOf(unrecorded));
  }

  /** One phase's interval histograms, complete. */
  private static final class Intervals {
    final Histogram endToEndNs;
    final Histogram publishNs;
    final Histogram sendDelayNs;

    private Intervals(Histogram endToEndNs, Histogram publishNs, Histogram sendDelayNs) {
      this.endToEndNs = endToEndNs;
      this.publishNs = publishNs;
      this.sendDelayNs = sendDelayNs;
    }

    static Intervals take(LoadRig rig, PacedResult phase, boolean acknowledged) {
      return new Intervals(
          complete(rig.endToEndNs(), phase.drained() ? phase.deliveries() : 0),
          acknowledged
              ? complete(rig.publishNs(), phase.drained() ? phase.acknowledged() : 0)
              : null,
          // Taken by the phase once its producers had stopped.
          phase.sendDelayNs());
    }

    /**
     * The recorder's interval, waiting briefly for its last samples when it holds fewer than {@code
     * expected}. Duplicates are not recorded, so a shortfall may be real: it is then kept.
     */
    private static Histogram complete(Recorder recorder, long expected) {
      Histogram interval = recorder.getIntervalHistogram();
      long deadline = System.nanoTime() + LAST_SAMPLES.toNanos();
      while (interval.getTotalCount() < expected && System.nanoTime() - deadline < 0) {
        LockSupport.parkNanos(1_000_000);
        Histogram late = recorder.getIntervalHistogram();
        interval.add(late);
        interval.setEndTimeStamp(late.getEndTimeStamp());
      }
      return interval;
    }
  }
}
