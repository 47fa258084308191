package io.brokerbench.bench.latency;

/**
 * The last rule of "sustained", judged across a sweep: a rate is sustained only while its
 * end-to-end p99 stays within {@value #MAX_MULTIPLE}x of the same system and tier's p99 at the
 * sweep's lowest rate (the basis), or under {@value #FLOOR_US} µs whatever the basis.
 *
 * <p>Why 10x: below its knee a system's tail is set by costs that do not grow with the rate (a
 * batch's linger, a fetch's wait, an fsync); past it, queueing takes over. In the simplest queue
 * (M/M/1) the time in the system is the light-load time over (1 - utilisation): 10x is a system
 * busy 90% of the time, where a little more load multiplies the latency and a p99 describes how
 * long the queue happened to be rather than the system. A point past that is the knee's, and a
 * comparison there compares knees, not systems.
 *
 * <p>Why the floor: a p99 of a few tens of microseconds at the lowest rate would make 10x a
 * sub-millisecond bound, and on a 2-core machine shared by a broker, its clients and the harness a
 * thread woken while both cores are busy waits a scheduler slice (milliseconds) for its turn. A
 * tail under 2 ms is the scheduler's, not a queue's.
 *
 * <p>Why a tail within the machine's holds passes: on the 2-core virtual machines brokerbench runs
 * on, a thread that becomes ready while both cores are busy can wait about 100 ms for one (see
 * {@link Conditions}). A producer held that long sends the next messages late, each measured from
 * its intended time, so a tail no longer than the longest hold seen beside it (plus the point's
 * median) may be the machine's alone. Before this exception the harness's own in-memory driver was
 * judged saturated at 5,000 msg/s in both reference runs of 2026-12-04 (p99 89.5 ms and 41.5 ms,
 * with the producer 100 ms late), and the searches' highest rates moved 70-fold between runs. Such
 * a point counts as sustained, says so, and its p99 decides no comparison ({@link
 * LatencyRow#tailHeldByMachine}).
 */
final class TailRule {
  static final double MAX_MULTIPLE = 10;

  static final long FLOOR_US = 2_000;

  /**
   * The lowest rate's p99, against which the others are judged.
   *
   * @param ratePerSec the lowest rate of the sweep
   * @param p99Us its end-to-end p99, microseconds
   */
  record Basis(int ratePerSec, double p99Us) {
    Basis {
      if (ratePerSec < 1 || !(p99Us >= 0)) {
        throw new IllegalArgumentException(
            "a basis needs a rate and a p99, was " + ratePerSec + " msg/s, " + p99Us + " µs");
      }
    }

    /** The highest p99 that passes. */
    double boundUs() {
      return Math.max(FLOOR_US, MAX_MULTIPLE * p99Us);
    }
  }

  private TailRule() {}

  /**
   * Why a p99 of {@code p99Us} fails the rule, one sentence; empty when it passes or when there is
   * no basis (the lowest rate was not sustained: nothing to judge against). The point's median was
   * {@code p50Us}, and beside it the machine held a ready thread for up to {@code wakeLateMaxMs}
   * (null when not watched): a long tail (p99 over {@value LatencyRow#TAIL_RATIO}x p50) within that
   * hold passes. A p99 close to its median is a queue's, not a hold's: a hold delays a few
   * messages, a queue all of them.
   */
  static String judge(double p99Us, double p50Us, Basis basis, Double wakeLateMaxMs) {
    if (basis == null
        || p99Us <= basis.boundUs()
        || LatencyRow.tailHeldByMachine(p50Us, p99Us, wakeLateMaxMs)) {
      return "";
    }
    return String.format(
        "tail: p99 %s, over %.0fx the p99 at %,d msg/s (%s) and over %s",
        LatencyTable.time(p99Us),
        MAX_MULTIPLE,
        basis.ratePerSec(),
        LatencyTable.time(basis.p99Us()),
        LatencyTable.time((double) FLOOR_US));
  }
}
