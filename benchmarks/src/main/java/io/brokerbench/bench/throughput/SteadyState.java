package io.brokerbench.bench.throughput;

import io.brokerbench.harness.rig.SendPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Warm-up until the steady state: drive the system in slices of equal time and stop when two
 * consecutive slices completed within a tolerance of each other, or when a cap is reached (the
 * trial then says its warm-up did not settle, and its measurement decides whether the row is
 * steady).
 *
 * <p>A fixed warm-up is either too short for a cold system (a fresh Kafka topic's first seconds, a
 * client library still being compiled) or wasted on a warm one; the steady-state rule spends what
 * each trial needs.
 */
final class SteadyState {
  private SteadyState() {}

  /** Sends one plan; blocks while the in-flight window is full. */
  interface Sender {
    void send(SendPlan plan) throws Exception;
  }

  /**
   * The warm-up's outcome.
   *
   * @param slicesPerSec each slice's rate of completed messages (delivered, or acknowledged for a
   *     producer alone)
   * @param settled whether the last two slices agreed within the tolerance before the cap
   */
  record Outcome(List<Double> slicesPerSec, boolean settled) {
    Outcome {
      slicesPerSec = List.copyOf(slicesPerSec);
    }
  }

  /**
   * Drives {@code sender} with {@code plan} in slices of {@code slice} until two consecutive
   * slices' rates differ by at most {@code tolerance} of the larger, or {@code max} has passed.
   *
   * @param completed the count of completed messages so far (monotonic)
   * @param afterSlice called at the end of each slice (to close its histogram interval)
   */
  static Outcome warmUp(
      LongSupplier completed,
      SendPlan plan,
      Sender sender,
      Duration slice,
      double tolerance,
      Duration max,
      Consumer<Integer> afterSlice)
      throws Exception {
    return warmUp(completed, plan, sender, slice, tolerance, Duration.ZERO, max, afterSlice);
  }

  /**
   * As above, but never ending before {@code min} has passed: a cold JVM's client can hold a rate
   * for two slices before its compiler has done its work (ZeroMQ: 76,000 then 75,000 msg/s, then
   * 190,000 and more), so a rule of agreeing slices alone would stop on that plateau.
   */
  static Outcome warmUp(
      LongSupplier completed,
      SendPlan plan,
      Sender sender,
      Duration slice,
      double tolerance,
      Duration min,
      Duration max,
      Consumer<Integer> afterSlice)
      throws Exception {
    if (slice.isZero() || slice.isNegative() || max.compareTo(slice) < 0 || tolerance < 0) {
      throw new IllegalArgumentException(
          "warm-up: need a positive slice no longer than the cap and a tolerance of 0 or more;"
              + " was slice "
              + slice
              + ", cap "
              + max
              + ", tolerance "
              + tolerance);
    }
    List<Double> rates = new ArrayList<>();
    long beganNs = System.nanoTime();
    long maxNs = max.toNanos();
    while (true) {
      long startNs = System.nanoTime();
      long before = completed.getAsLong();
      long endNs = startNs + slice.toNanos();
      do {
        sender.send(plan);
      } while (System.nanoTime() < endNs);
      long tookNs = System.nanoTime() - startNs;
      rates.add((completed.getAsLong() - before) * 1e9 / tookNs);
      afterSlice.accept(rates.size());
      if (System.nanoTime() - beganNs >= min.toNanos() && agree(rates, tolerance)) {
        return new Outcome(rates, true);
      }
      if (System.nanoTime() - beganNs + slice.toNanos() > maxNs) {
        return new Outcome(rates, false);
      }
    }
  }

  /** Whether the last two rates differ by at most {@code tolerance} of the larger. */
  static boolean agree(List<Double> rates, double tolerance) {
    if (rates.size() < 2) {
      return false;
    }
    double a = rates.get(rates.size() - 2);
    double b = rates.get(rates.size() - 1);
    double larger = Math.max(a, b);
    return larger > 0 && Math.abs(a - b) <= tolerance * larger;
  }
}
