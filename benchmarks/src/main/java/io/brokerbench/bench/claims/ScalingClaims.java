package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.ThroughputClaims.THROUGHPUT;
import static io.brokerbench.bench.claims.ThroughputClaims.THROUGHPUT_EVIDENCE;
import static io.brokerbench.bench.claims.ThroughputRows.brokerlessZeroMq;
import static io.brokerbench.bench.claims.ThroughputRows.noteSetAside;
import static io.brokerbench.bench.claims.ThroughputRows.ofFamily;
import static io.brokerbench.bench.claims.ThroughputRows.proxiedTwins;
import static io.brokerbench.bench.claims.ThroughputRows.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.claims.ThroughputRows.Tp;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims decided by how throughput scales with the width of a workload: K3 (Kafka scales out:
 * more partitions or consumers against one) and Z4 (ZeroMQ's M x N problem: more producers or
 * subscriptions against one, beside the brokers'), from {@code throughput.json}. A wide workload is
 * compared with its single twin (the same system, tier, size and shape), under the margins of
 * {@link ThroughputClaims}.
 */
final class ScalingClaims {
  private ScalingClaims() {}

  // ---- K3 ----

  private static final Pattern PARTITIONS = Pattern.compile("(\\d+)-partitions?");
  private static final Pattern CONSUMERS = Pattern.compile("(\\d+)-consumers?");

  static ClaimResult k3(RunRows run) {
    String id = "K3";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    List<Tp> kafka = ofFamily(throughput(rows.get()), Family.KAFKA);
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    for (Pattern pattern : List.of(PARTITIONS, CONSUMERS)) {
      for (Tp wide : kafka) {
        int n = count(pattern, wide.topology());
        if (n <= 1) {
          continue;
        }
        for (Tp one : kafka) {
          if (singleTwin(one, wide, pattern)) {
            Estimate ratio = wide.rate().over(one.rate());
            tally.figure(one.where() + ": " + one.system() + " msg/s", one.msgPerSec(), 0);
            tally.figure(wide.where() + ": " + wide.system() + " msg/s", wide.msgPerSec(), 0);
            tally.compare(
                wide.tier() + " " + wide.system() + ": " + wide.topology() + "/" + one.topology(),
                ratio,
                Tally.atLeast(ratio, 1.5, 1.1));
          }
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noScaleRows", THROUGHPUT));
    }
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /** The number in the pattern's segment, 1 when the name has no such segment. */
  static int count(Pattern pattern, String topology) {
    Matcher matcher = pattern.matcher(topology);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
  }

  /** The name with the pattern's segment taken out: what else the workload is. */
  static String shape(Pattern pattern, String topology) {
    return pattern.matcher(topology).replaceAll("").replaceAll("--+", "-");
  }

  // ---- Z4 ----

  private static final Pattern PRODUCERS = Pattern.compile("(\\d+)-producers?");
  private static final Pattern SUBSCRIPTIONS = Pattern.compile("(\\d+)-subscriptions?");

  static ClaimResult z4(RunRows run) {
    String id = "Z4";
    Optional<List<JsonNode>> rows = run.rows(THROUGHPUT);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, THROUGHPUT_EVIDENCE, run.problem(THROUGHPUT));
    }
    List<Tp> all = throughput(rows.get());
    Tally tally = new Tally();
    noteSetAside(rows.orElse(List.of()), tally);
    for (Pattern pattern : List.of(PRODUCERS, SUBSCRIPTIONS)) {
      for (Tp zWide : brokerlessZeroMq(all)) {
        if (count(pattern, zWide.topology()) <= 1) {
          continue;
        }
        Estimate zScale = scaling(all, zWide, pattern);
        if (zScale == null) {
          continue;
        }
        for (Tp bWide : all) {
          Family family = family(bWide.system());
          if (!(family == Family.KAFKA || family == Family.RABBITMQ) || !bWide.matches(zWide)) {
            continue;
          }
          Estimate bScale = scaling(all, bWide, pattern);
          if (bScale == null) {
            continue;
          }
          Estimate ratio = zScale.over(bScale);
          String twin = twin(pattern);
          tally.figure(zWide.where() + ": " + zWide.system() + " " + twin, zScale.value(), 2);
          tally.figure(zWide.where() + ": " + bWide.system() + " " + twin, bScale.value(), 2);
          tally.compare(
              zWide.where() + ": " + zWide.system() + "/" + bWide.system() + " " + twin,
              ratio,
              Tally.atMost(ratio, 0.5, 1.0));
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, THROUGHPUT_EVIDENCE, Message.of("reason.noFanRows", THROUGHPUT));
    }
    meshConnections(all, tally);
    connectionsAndProxy(all, tally);
    return tally.result(id, THROUGHPUT_EVIDENCE);
  }

  /**
   * The M x N itself: where a workload has several producers and several subscriptions, the TCP
   * connections brokerless ZeroMQ had open over those of ZeroMQ through its proxy (M + N) on the
   * same workload: on the claim's side at 1.5x or more, against at 1.0x or less. With a single
   * producer or subscription the mesh needs no more connections than a proxy, so only M and N both
   * above 1 are judged.
   */
  private static void meshConnections(List<Tp> all, Tally tally) {
    for (Tp mesh : brokerlessZeroMq(all)) {
      if (count(PRODUCERS, mesh.topology()) <= 1
          || count(SUBSCRIPTIONS, mesh.topology()) <= 1
          || mesh.connections() <= 0) {
        continue;
      }
      for (Tp proxy : proxiedTwins(all, mesh)) {
        if (proxy.connections() > 0) {
          double ratio = (double) mesh.connections() / proxy.connections();
          tally.compare(
              mesh.where() + ": " + mesh.system() + "/" + proxy.system() + " connections",
              ratio,
              Tally.atLeast(ratio, 1.5, 1.0));
        }
      }
    }
  }

  /**
   * Beside Z4's verdict: for every many-producer or many-subscription workload ZeroMQ ran, the TCP
   * connections each system's workload had open (the mesh's {@code M x N} against one per client of
   * the proxy and the brokers), and how ZeroMQ through its proxy scaled from its own one-to-one
   * figure.
   */
  private static void connectionsAndProxy(List<Tp> all, Tally tally) {
    for (Tp zWide : brokerlessZeroMq(all)) {
      if (count(PRODUCERS, zWide.topology()) <= 1 && count(SUBSCRIPTIONS, zWide.topology()) <= 1) {
        continue;
      }
      for (Tp row : all) {
        if (row.matches(zWide)
            && row.connections() > 0
            && family(row.system()) != Family.IN_MEMORY) {
          tally.figure(zWide.where() + ": " + row.system() + " connections", row.connections(), 0);
        }
      }
      for (Tp proxy : proxiedTwins(all, zWide)) {
        for (Pattern pattern : List.of(PRODUCERS, SUBSCRIPTIONS)) {
          Estimate scale =
              count(pattern, proxy.topology()) > 1 ? scaling(all, proxy, pattern) : null;
          if (scale != null) {
            tally.figure(
                proxy.where() + ": " + proxy.system() + " " + twin(pattern), scale.value(), 2);
          }
        }
      }
    }
  }

  /**
   * How a scaling figure is named: the wide workload over its twin of one producer or subscription.
   */
  private static String twin(Pattern pattern) {
    return pattern == PRODUCERS ? "over 1 producer" : "over 1 subscription";
  }

  /** msg/s of the wide workload over the same system's single-producer/subscription workload. */
  private static Estimate scaling(List<Tp> all, Tp wide, Pattern pattern) {
    for (Tp one : all) {
      if (singleTwin(one, wide, pattern) && delivered(one)) {
        return wide.rate().over(one.rate());
      }
    }
    return null;
  }

  /**
   * Whether a row measured messages going through the broker end to end. A producer-only row
   * measured what the broker acknowledged with nobody reading, a consumer-only row how fast a
   * consumer read a topic filled beforehand with nobody sending: each times one side alone, for the
   * parity with Kafka's own tools, and is no twin of a workload that delivers.
   */
  static boolean delivered(Tp row) {
    return !row.topology().endsWith("-producer-only") && !row.topology().endsWith("-consumer-only");
  }

  /**
   * Whether {@code one} is {@code wide}'s workload with a single producer, subscription, partition
   * or consumer (the pattern's segment) and otherwise the same: system, tier, size and shape.
   */
  private static boolean singleTwin(Tp one, Tp wide, Pattern pattern) {
    return one.system().equals(wide.system())
        && one.tier().equals(wide.tier())
        && one.bytes() == wide.bytes()
        && count(pattern, one.topology()) == 1
        && shape(pattern, one.topology()).equals(shape(pattern, wide.topology()));
  }
}
