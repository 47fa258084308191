package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.LatencyComparisons.compareLatency;
import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.ThroughputRows.brokerlessZeroMq;
import static io.brokerbench.bench.claims.ThroughputRows.noteSetAside;
import static io.brokerbench.bench.claims.ThroughputRows.ofFamily;
import static io.brokerbench.bench.claims.ThroughputRows.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.claims.ThroughputRows.Tp;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The claims decided by speed: K1 (Kafka has high throughput), R1 (RabbitMQ is slow) and Z1 (ZeroMQ
 * is fast, low latency), from {@code throughput.json} and {@code latency.json}, and the files and
 * margins that K3 and Z4 ({@link ScalingClaims}) share with them. The rows are read by {@link
 * ThroughputRows}; R1's and Z1's latency comparisons are {@link LatencyComparisons}'.
 *
 * <p>The margins are the same everywhere: one system is called faster only when it is at least 1.5x
 * the other, and slower only below 0.5x (or 1/1.5 = 0.67x where the rule is the mirror of K1's).
 * Two cores shared by broker, clients and harness make smaller differences unsafe to call. And a
 * ratio counts only when its whole interval clears the margin (measurement rule 7): the interval of
 * the per-round ratios where the systems ran in the same interleaved rounds, else the conservative
 * one from each side's slowest and fastest measurement ({@link Estimate}). A row the suite found
 * harness-bound or unsettled decides nothing and is named beside the verdict.
 */
final class ThroughputClaims {
  static final String THROUGHPUT = "throughput.json";
  static final String LATENCY = "latency.json";
  static final Evidence THROUGHPUT_EVIDENCE =
      new Evidence(THROUGHPUT, "Throughput at matched guarantees");
  static final Evidence LATENCY_EVIDENCE = new Evidence(LATENCY, "Latency under load");

  /** A harness ceiling below this multiple of a system's figure may be what limited the system. */
  static final double CEILING_MARGIN = 2.0;

  private ThroughputClaims() {}

  // ---- K1 ----

  static ClaimResult k1(RunRows run) {
    String id = "K1";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    List<Tp> all = throughput(rows.get());
    List<Tp> kafka = ofFamily(all, Family.KAFKA);
    List<Tp> rabbit = ofFamily(all, Family.RABBITMQ);
    if (kafka.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noRows", "Kafka", THROUGHPUT));
    }
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    for (Tp k : kafka) {
      for (Tp r : rabbit) {
        if (k.matches(r)) {
          compareRates(tally, k, r, ratio -> Tally.atLeast(ratio, 1.5, 1.0));
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noMatch", "RabbitMQ", "Kafka", THROUGHPUT));
    }
    ceiling(all, kafka, tally);
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /**
   * Both rows' msg/s as figures and {@code subject}'s over {@code other}'s as a comparison, on the
   * side {@code rule} gives the ratio; the two rows ran the same workload at the same tier.
   */
  private static void compareRates(
      Tally tally, Tp subject, Tp other, Function<Estimate, Comparison.Side> rule) {
    Estimate ratio = subject.rate().over(other.rate());
    tally.figure(subject.where() + ": " + subject.system() + " msg/s", subject.msgPerSec(), 0);
    tally.figure(subject.where() + ": " + other.system() + " msg/s", other.msgPerSec(), 0);
    tally.compare(
        subject.where() + ": " + subject.system() + "/" + other.system(), ratio, rule.apply(ratio));
  }

  /**
   * Where the in-memory driver (the harness's own ceiling) ran the same workload at less than
   * {@link #CEILING_MARGIN} times a system's figure, the harness may have been the limit: that
   * comparison counts as between, so the verdict can be no stronger than nuanced.
   */
  private static void ceiling(List<Tp> all, List<Tp> systems, Tally tally) {
    for (Tp harness : ofFamily(all, Family.IN_MEMORY)) {
      for (Tp row : systems) {
        if (harness.topology().equals(row.topology()) && harness.bytes() == row.bytes()) {
          Estimate ratio = harness.rate().over(row.rate());
          if (ratio.low() < CEILING_MARGIN) {
            tally.compare(
                row.where() + ": harness ceiling/" + row.system(), ratio, Comparison.Side.BETWEEN);
          }
        }
      }
    }
  }

  // ---- R1 ----

  static ClaimResult r1(RunRows run) {
    String id = "R1";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    Optional<List<JsonNode>> latency = run.rows(LATENCY);
    if (rows.isEmpty() && latency.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    List<Tp> all = throughput(rows.orElse(List.of()));
    for (Tp r : ofFamily(all, Family.RABBITMQ)) {
      for (Tp k : ofFamily(all, Family.KAFKA)) {
        if (r.matches(k)) {
          compareRates(tally, r, k, ratio -> Tally.atMost(ratio, 0.5, 1 / 1.5));
        }
      }
    }
    latency.ifPresent(
        lat -> compareLatency(run, lat, Family.RABBITMQ, Family.KAFKA, List.of(), false, tally));
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id,
          THROUGHPUT_EVIDENCE,
          Message.of("reason.noMatch", "RabbitMQ", "Kafka", THROUGHPUT + ", " + LATENCY));
    }
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  // ---- Z1 ----

  static ClaimResult z1(RunRows run) {
    String id = "Z1";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    Optional<List<JsonNode>> latency = run.rows(LATENCY);
    if (rows.isEmpty() && latency.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    List<Tp> all = throughput(rows.orElse(List.of()));
    List<Tp> zeromq = brokerlessZeroMq(all);
    for (Tp z : zeromq) {
      for (Tp b : all) {
        Family family = family(b.system());
        if ((family == Family.KAFKA || family == Family.RABBITMQ) && z.matches(b)) {
          compareRates(tally, z, b, ratio -> Tally.atLeast(ratio, 2.0, 1.0));
        }
      }
    }
    latency.ifPresent(
        lat ->
            compareLatency(
                run, lat, Family.ZEROMQ, Family.KAFKA, List.of(Family.RABBITMQ), true, tally));
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id,
          THROUGHPUT_EVIDENCE,
          Message.of("reason.noMatch", "ZeroMQ", "Kafka/RabbitMQ", THROUGHPUT + ", " + LATENCY));
    }
    ceiling(all, zeromq, tally);
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }
}
