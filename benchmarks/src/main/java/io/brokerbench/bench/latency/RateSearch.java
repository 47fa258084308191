package io.brokerbench.bench.latency;

import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.PacedPhase;
import io.brokerbench.harness.rig.PacedResult;
import io.brokerbench.harness.rig.SendPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A short search for the highest rate a system sustains, open-loop, on a running rig, to a
 * resolution of {@value #RESOLUTION}x.
 *
 * <p>The search keeps a bracket: the highest rate known sustained (at least the {@code
 * lowerBoundPerSec} the caller measured) and the lowest known saturated (the caller's {@code
 * upperBoundPerSec}, or none yet). First one unpaced probe: the producers send as fast as the
 * in-flight window lets them, and the delivered rate is the system's capacity, closed-loop (it
 * never queues more than the window), a hint of where to look. Then paced probes, judged by {@link
 * PacedPhase} and the {@link TailRule}: the first at 90% of the capacity (inside the bracket);
 * then, while no rate is known saturated, steps up by {@value #RESOLUTION}x, so that the first
 * saturated step closes the bracket at once; once both ends are known, their geometric midpoint;
 * until the bracket is within {@value #RESOLUTION}x or the probes run out. Probe rates are rounded
 * to two significant digits, so that the rows read as rates a person would pick.
 *
 * <p>A probe is short, so its "sustained" is a hint; the caller measures the rate found in full,
 * and only a full measurement proves a lower bound. A saturated probe is evidence enough for the
 * bracket's upper end: a short phase passes more easily than a long one, not less.
 */
final class RateSearch {
  /** The search stops when the highest sustained and lowest saturated rate are this close. */
  static final double RESOLUTION = 1.1;

  /** The first paced probe, as a fraction of the unpaced capacity: a margin for its noise. */
  static final double FIRST_PROBE = 0.9;

  /**
   * What the search found.
   *
   * @param capacityPerSec the unpaced probe's delivered rate
   * @param probes the paced probes, in order
   * @param bestPerSec the highest rate sustained: a probe's, or {@code lowerBoundPerSec} when no
   *     probe above it was sustained; 0 when none was
   * @param lowestSaturatedPerSec the lowest rate found saturated, by a probe or given as the upper
   *     bound; 0 when none was
   * @param drained the last probe's messages all arrived (otherwise the rig has a backlog left)
   */
  record Result(
      double capacityPerSec,
      List<SearchRow.Probe> probes,
      int bestPerSec,
      int lowestSaturatedPerSec,
      boolean drained) {}

  private RateSearch() {}

  /**
   * @param lowerBoundPerSec a rate already known to be sustained (from the sweep), or 0
   * @param upperBoundPerSec a rate already known to be saturated (from the sweep), or 0
   * @param tailBasis the sweep's lowest rate and its p99, for the tail rule; null without one
   * @param maxProbes paced probes at most
   */
  static Result search(
      LoadRig rig,
      int messageBytes,
      int lowerBoundPerSec,
      int upperBoundPerSec,
      TailRule.Basis tailBasis,
      Duration probeTime,
      int maxProbes,
      Duration drainTimeout,
      Arrivals arrivals)
      throws DriverException, InterruptedException {
    long deliveredBefore = rig.delivered();
    long startNs = System.nanoTime();
    rig.send(SendPlan.timed(messageBytes, probeTime, 0));
    boolean drained = rig.awaitDelivery(drainTimeout);
    long elapsedNs = System.nanoTime() - startNs;
    int subscriptions = rig.topology().subscriptionsPerTopic();
    double capacity =
        (rig.delivered() - deliveredBefore) / (double) subscriptions * 1e9 / elapsedNs;

    List<SearchRow.Probe> probes = new ArrayList<>();
    int best = lowerBoundPerSec;
    int lowestSaturated = upperBoundPerSec;
    int next = roundDown(FIRST_PROBE * capacity);
    if (next <= best || (lowestSaturated > 0 && next >= lowestSaturated)) {
      next = nextProbe(best, lowestSaturated);
    }
    while (drained && probes.size() < maxProbes && !converged(best, lowestSaturated)) {
      if (next <= best || (lowestSaturated > 0 && next >= lowestSaturated)) {
        break; // two-digit rates leave nothing between the ends
      }
      SendPlan plan = SendPlan.timed(messageBytes, probeTime, next).withArrivals(arrivals);
      rig.endToEndNs().reset();
      Conditions watch = Conditions.watch();
      PacedResult probe = PacedPhase.run(rig, plan, drainTimeout);
      Conditions.Seen seen = watch.stop();
      String why = probe.saturation();
      if (why.isEmpty() && probe.drained()) {
        Histogram endToEnd = rig.endToEndNs().getIntervalHistogram();
        why =
            TailRule.judge(
                endToEnd.getValueAtPercentile(99) / 1e3,
                endToEnd.getValueAtPercentile(50) / 1e3,
                tailBasis,
                seen.wakeLateMaxMs());
      }
      boolean saturated = !why.isEmpty();
      probes.add(new SearchRow.Probe(next, probe.achievedPerSec(), saturated, why));
      drained = probe.drained();
      if (saturated) {
        lowestSaturated = lowestSaturated == 0 ? next : Math.min(lowestSaturated, next);
      } else {
        best = next;
      }
      next = nextProbe(best, lowestSaturated);
    }
    return new Result(capacity, List.copyOf(probes), best, lowestSaturated, drained);
  }

  /** The bracket is within the resolution: the highest sustained rate is known well enough. */
  static boolean converged(int sustainedPerSec, int saturatedPerSec) {
    return saturatedPerSec > 0 && saturatedPerSec <= RESOLUTION * sustainedPerSec;
  }

  /**
   * The next rate to try: up by the resolution while nothing is known saturated (so that the first
   * saturated step closes the bracket), the geometric midpoint once both ends are known, half the
   * saturated rate when nothing is known sustained.
   */
  static int nextProbe(int sustainedPerSec, int saturatedPerSec) {
    if (saturatedPerSec == 0) {
      return Math.max(sustainedPerSec + 1, roundDown(RESOLUTION * sustainedPerSec));
    }
    if (sustainedPerSec == 0) {
      return roundDown(saturatedPerSec / 2.0);
    }
    return roundDown(Math.sqrt(sustainedPerSec * (double) saturatedPerSec));
  }

  /** Rounded down to two significant digits: 36,812 to 36,000; 1,234,567 to 1,200,000. */
  static int roundDown(double perSec) {
    if (perSec < 1) {
      return 0;
    }
    long unit = unit(perSec);
    return (int) Math.min(Integer.MAX_VALUE, (long) Math.floor(perSec / unit) * unit);
  }

  /** Rounded up to two significant digits: 40,909 to 41,000. */
  static int roundUp(double perSec) {
    if (perSec <= 0) {
      return 0;
    }
    long unit = unit(perSec);
    return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(perSec / unit - 1e-9) * unit);
  }

  /** The step of two significant digits at {@code perSec}: 1 below 100, 1,000 at 36,812. */
  private static long unit(double perSec) {
    int digits = (int) Math.floor(Math.log10(perSec)) - 1;
    return digits <= 0 ? 1 : (long) Math.pow(10, digits);
  }

  /**
   * Where the search's rate, measured in full, turned out saturated and delivered less than one
   * resolution step below it: 80% of what it delivered (a saturated system delivers a little more
   * than it can sustain, while its queues fill).
   */
  static final double BACK_OFF = 0.8;

  /**
   * Where the searched rate, measured in full, was saturated: the next rate down. The highest probe
   * below it that was sustained, if any (the bracket then stays as the search left it); otherwise
   * one resolution step below it (rounded up, so that the bracket stays within the resolution if it
   * holds), or 80% of what the measurement delivered when that was lower still.
   */
  static int backOff(int saturatedPerSec, double achievedPerSec, List<SearchRow.Probe> probes) {
    int sustainedProbe =
        probes.stream()
            .filter(probe -> !probe.saturated() && probe.targetPerSec() < saturatedPerSec)
            .mapToInt(SearchRow.Probe::targetPerSec)
            .max()
            .orElse(0);
    if (sustainedProbe > 0) {
      return sustainedProbe;
    }
    int step = RateSearch.roundUp(saturatedPerSec / RateSearch.RESOLUTION);
    return achievedPerSec >= step ? step : RateSearch.roundDown(BACK_OFF * achievedPerSec);
  }

  static int lowest(int saturatedPerSec, int candidate) {
    return saturatedPerSec == 0 ? candidate : Math.min(saturatedPerSec, candidate);
  }
}
