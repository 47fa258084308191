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

/**
 * A short search for the highest rate a system sustains, open-loop, on a running rig.
 *
 * <p>First one unpaced probe: the producers send as fast as the in-flight window lets them, and the
 * delivered rate is the system's capacity, an upper bound (closed-loop, it never queues more than
 * the window). Then paced probes judged by {@link PacedPhase}: the first at 90% of the capacity;
 * after that, the geometric midpoint between the highest rate sustained so far (at least the {@code
 * lowerBoundPerSec} the caller already knows) and the lowest that was not, until the two are within
 * {@value #RESOLUTION} of each other or the probes run out. Probe rates are rounded down to two
 * significant digits, so that the rows read as rates a person would pick.
 *
 * <p>A probe is short, so its verdict is a hint; the rate found is then measured in full like any
 * other, and may still turn out saturated there.
 */
final class RateSearch {
  /** Stop when the highest sustained and lowest saturated rate are within this factor. */
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
   * @param drained the last probe's messages all arrived (otherwise the rig has a backlog left)
   */
  record Result(
      double capacityPerSec, List<SearchRow.Probe> probes, int bestPerSec, boolean drained) {}

  private RateSearch() {}

  /**
   * @param lowerBoundPerSec a rate already known to be sustained (from the sweep), or 0
   * @param maxProbes paced probes at most
   */
  static Result search(
      LoadRig rig,
      int messageBytes,
      int lowerBoundPerSec,
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
    long lowestSaturated = Long.MAX_VALUE;
    int next = roundDown(FIRST_PROBE * capacity);
    while (drained && probes.size() < maxProbes && next > best && next < lowestSaturated) {
      SendPlan plan = SendPlan.timed(messageBytes, probeTime, next).withArrivals(arrivals);
      PacedResult probe = PacedPhase.run(rig, plan, drainTimeout);
      probes.add(
          new SearchRow.Probe(next, probe.achievedPerSec(), probe.saturated(), probe.saturation()));
      drained = probe.drained();
      if (probe.saturated()) {
        lowestSaturated = next;
      } else {
        best = next;
      }
      if (lowestSaturated == Long.MAX_VALUE || lowestSaturated < RESOLUTION * Math.max(1, best)) {
        // Sustained at 90% of the capacity (nothing higher to find below the capacity), or the
        // bracket is as narrow as the noise of a short probe.
        break;
      }
      next =
          best == 0
              ? roundDown(lowestSaturated / 2.0)
              : roundDown(Math.sqrt(best * (double) lowestSaturated));
    }
    return new Result(capacity, List.copyOf(probes), best, drained);
  }

  /** Rounded down to two significant digits: 36,812 to 36,000; 1,234,567 to 1,200,000. */
  static int roundDown(double perSec) {
    if (perSec < 1) {
      return 0;
    }
    int digits = (int) Math.floor(Math.log10(perSec)) - 1;
    if (digits <= 0) {
      return (int) Math.floor(perSec);
    }
    long unit = (long) Math.pow(10, digits);
    return (int) Math.min(Integer.MAX_VALUE, (long) Math.floor(perSec / unit) * unit);
  }
}
