package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The claims about what it takes to run a system: K4 (Kafka needs ZooKeeper), K6 (Kafka is hard to
 * operate), R3 (RabbitMQ needs the Erlang runtime) and Z5 (ZeroMQ needs no broker), from {@code
 * footprint.json} ({@code system}, {@code mode}, {@code processes}, {@code startToReadyMs}, {@code
 * idleRssBytes}, {@code loadedRssBytes}, {@code diskBytesAfterMillion}, {@code configLines}) and,
 * for the figures it lacks, {@code startup.json} (processes and start-to-ready of every start).
 */
final class FootprintClaims {
  static final String FOOTPRINT = "footprint.json";
  static final String STARTUP = "startup.json";
  static final Evidence EVIDENCE = new Evidence(FOOTPRINT, "Footprint");
  static final Evidence STARTUP_EVIDENCE =
      new Evidence(STARTUP, "Brokers: start, round trip, stop");

  static final List<String> METRICS =
      List.of(
          "processes",
          "startToReadyMs",
          "idleRssBytes",
          "loadedRssBytes",
          "diskBytesAfterMillion",
          "configLines");

  private FootprintClaims() {}

  /** system to metric to the median of its positive values; footprint.json first, then startup. */
  static Map<String, Map<String, Double>> metrics(RunRows run) {
    Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    for (String file : List.of(FOOTPRINT, STARTUP)) {
      Map<String, Map<String, List<Double>>> fromFile = new LinkedHashMap<>();
      for (JsonNode row : run.rows(file).orElse(List.of())) {
        if (!RunRows.ok(row)) {
          continue;
        }
        for (String metric : METRICS) {
          Double value = number(row, metric);
          if (value != null && value > 0) {
            fromFile
                .computeIfAbsent(RunRows.system(row), k -> new LinkedHashMap<>())
                .computeIfAbsent(metric, k -> new ArrayList<>())
                .add(value);
          }
        }
      }
      // A metric that footprint.json has is not mixed with startup.json's.
      fromFile.forEach(
          (system, metrics) ->
              metrics.forEach(
                  (metric, list) ->
                      values
                          .computeIfAbsent(system, k -> new LinkedHashMap<>())
                          .putIfAbsent(metric, list)));
    }
    Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
    values.forEach(
        (system, metrics) ->
            metrics.forEach(
                (metric, list) ->
                    medians
                        .computeIfAbsent(system, k -> new LinkedHashMap<>())
                        .put(metric, median(list))));
    return medians;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Evidence evidence(RunRows run) {
    return run.rows(FOOTPRINT).isPresent() ? EVIDENCE : STARTUP_EVIDENCE;
  }

  private static Message missing(RunRows run) {
    return Message.of("reason.noFootprint", FOOTPRINT, STARTUP);
  }

  /**
   * Compares {@code subject}'s systems with {@code other}'s on every metric both have: ratio
   * subject/other, on the claim's side when at least {@code forAtLeast} (or at most, when {@code
   * lighter}).
   */
  private static Tally compare(
      Map<String, Map<String, Double>> metrics,
      String subject,
      String other,
      List<String> names,
      boolean lighter) {
    Tally tally = new Tally();
    for (var a : metrics.entrySet()) {
      if (!family(a.getKey()).equals(subject)) {
        continue;
      }
      for (var b : metrics.entrySet()) {
        if (!family(b.getKey()).equals(other)) {
          continue;
        }
        for (String metric : names) {
          Double va = a.getValue().get(metric);
          Double vb = b.getValue().get(metric);
          if (va == null || vb == null) {
            continue;
          }
          double ratio = va / vb;
          tally.figure(a.getKey() + " " + metric, va, 0);
          tally.figure(b.getKey() + " " + metric, vb, 0);
          tally.compare(
              metric + ": " + a.getKey() + "/" + b.getKey(),
              ratio,
              lighter ? Tally.atMost(ratio, 1 / 1.5, 1.0) : Tally.atLeast(ratio, 1.5, 1.0));
        }
      }
    }
    return tally;
  }

  static ClaimResult k6(RunRows run) {
    Tally tally = compare(metrics(run), "kafka", "rabbitmq", METRICS, false);
    return tally.isEmpty()
        ? ClaimResult.notMeasured("K6", evidence(run), missing(run))
        : tally.result("K6", evidence(run));
  }

  static ClaimResult r3(RunRows run) {
    Tally tally = compare(metrics(run), "rabbitmq", "kafka", METRICS, false);
    return tally.isEmpty()
        ? ClaimResult.notMeasured("R3", evidence(run), missing(run))
        : tally.result("R3", evidence(run));
  }

  static ClaimResult z5(RunRows run) {
    String id = "Z5";
    // First: did ZeroMQ deliver with no broker at all?
    boolean brokerless = false;
    for (String file : List.of(ThroughputClaims.THROUGHPUT, STARTUP, FOOTPRINT)) {
      for (JsonNode row : run.rows(file).orElse(List.of())) {
        if (RunRows.ok(row)
            && family(RunRows.system(row)).equals("zeromq")
            && text(row, "mode").toLowerCase(Locale.ROOT).contains("brokerless")) {
          brokerless = true;
        }
      }
    }
    if (!brokerless) {
      return ClaimResult.notMeasured(
          id, evidence(run), Message.of("reason.noBrokerless", "ZeroMQ", STARTUP, FOOTPRINT));
    }
    // Processes are not compared: ZeroMQ's peers are the application's own processes.
    List<String> names = METRICS.stream().filter(m -> !m.equals("processes")).toList();
    Map<String, Map<String, Double>> metrics = metrics(run);
    Tally tally = compare(metrics, "zeromq", "kafka", names, true);
    Tally rabbit = compare(metrics, "zeromq", "rabbitmq", names, true);
    if (tally.isEmpty() && rabbit.isEmpty()) {
      return ClaimResult.notMeasured(id, evidence(run), missing(run));
    }
    return new Tally()
        .judge("zeromq delivered brokerless", true, Comparison.Side.FOR)
        .addAll(tally)
        .addAll(rabbit)
        .result(id, evidence(run));
  }

  // ---- K4 ----

  static ClaimResult k4(RunRows run) {
    String id = "K4";
    int kraftOk = 0;
    int kraftFailed = 0;
    int zookeeperOk = 0;
    for (String file :
        List.of(STARTUP, ThroughputClaims.THROUGHPUT, MetadataClaims.FILE, FOOTPRINT)) {
      for (JsonNode row : run.rows(file).orElse(List.of())) {
        String system = RunRows.system(row);
        String mode = text(row, "mode").toLowerCase(Locale.ROOT);
        boolean kraft = system.equals("kafka-kraft") || mode.startsWith("kraft");
        boolean zookeeper = system.equals("kafka-zookeeper") || mode.startsWith("zookeeper");
        if (!kraft && !zookeeper) {
          continue;
        }
        String status = text(row, "status");
        if (status.equalsIgnoreCase("skipped") || status.equalsIgnoreCase("not offered")) {
          continue;
        }
        boolean ok = RunRows.ok(row) && !lostAcknowledged(row);
        if (kraft) {
          if (ok) {
            kraftOk++;
          } else {
            kraftFailed++;
          }
        } else if (ok) {
          zookeeperOk++;
        }
      }
    }
    if (kraftOk + kraftFailed == 0) {
      return ClaimResult.notMeasured(
          id, STARTUP_EVIDENCE, Message.of("reason.noKraft", STARTUP, ThroughputClaims.THROUGHPUT));
    }
    Tally tally = new Tally();
    tally.figure("kraft rows ok", kraftOk, 0);
    tally.figure("kraft rows failed", kraftFailed, 0);
    tally.figure("zookeeper rows ok", zookeeperOk, 0);
    if (kraftOk == 0) {
      // KRaft never worked here while ZooKeeper mode did: the claim holds on this machine.
      tally.judge(
          "kraft never served",
          true,
          zookeeperOk > 0 ? Comparison.Side.FOR : Comparison.Side.BETWEEN);
      return tally.result(id, STARTUP_EVIDENCE);
    }
    tally.judge("kraft served without ZooKeeper", true, Comparison.Side.AGAINST);
    // Same results: KRaft's throughput within the 1.5x margin of ZooKeeper mode's.
    List<ThroughputClaims.Tp> rows =
        ThroughputClaims.throughput(run.rows(ThroughputClaims.THROUGHPUT).orElse(List.of()));
    for (ThroughputClaims.Tp k : rows) {
      for (ThroughputClaims.Tp z : rows) {
        if (k.system().equals("kafka-kraft")
            && z.system().equals("kafka-zookeeper")
            && k.matches(z)) {
          double ratio = k.msgPerSec() / z.msgPerSec();
          tally.compare(
              k.where() + ": kraft/zookeeper msg/s",
              ratio,
              ratio >= 1 / 1.5 ? Comparison.Side.AGAINST : Comparison.Side.BETWEEN);
        }
      }
    }
    return tally.result(id, STARTUP_EVIDENCE);
  }

  /** A start-up row whose round trip read back fewer messages than were acknowledged. */
  private static boolean lostAcknowledged(JsonNode row) {
    Double acknowledged = number(row, "acknowledged");
    Double readBack = number(row, "readBack");
    return acknowledged != null && readBack != null && readBack < acknowledged;
  }
}
