package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.footprint.FootprintRow;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.startup.StartupRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * The figures compared, as footprint.json names them; {@code startup.json} spells the two it has
   * (processes, start-to-ready) alike (FootprintClaimsTest checks).
   */
  static final List<String> METRICS =
      List.of(
          FootprintRow.PROCESSES,
          FootprintRow.START_TO_READY_MS,
          FootprintRow.IDLE_RSS_BYTES,
          FootprintRow.LOADED_RSS_BYTES,
          FootprintRow.DISK_BYTES_AFTER_MILLION,
          FootprintRow.CONFIG_LINES);

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
      Family subject,
      Family other,
      List<String> names,
      boolean lighter) {
    Tally tally = new Tally();
    for (var a : metrics.entrySet()) {
      if (family(a.getKey()) != subject) {
        continue;
      }
      for (var b : metrics.entrySet()) {
        if (family(b.getKey()) != other) {
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
    Tally tally = compare(metrics(run), Family.KAFKA, Family.RABBITMQ, METRICS, false);
    return tally.isEmpty()
        ? ClaimResult.notMeasured("K6", evidence(run), missing(run))
        : tally.result("K6", evidence(run));
  }

  static ClaimResult r3(RunRows run) {
    Tally tally = compare(metrics(run), Family.RABBITMQ, Family.KAFKA, METRICS, false);
    return tally.isEmpty()
        ? ClaimResult.notMeasured("R3", evidence(run), missing(run))
        : tally.result("R3", evidence(run));
  }

  /**
   * Z5: ZeroMQ delivering in a brokerless mode is the precondition (not measured without it). Then
   * the brokerless setups' broker-like processes ({@code brokerProcesses} in footprint.json): none
   * is on the claim's side, any against it; and, read as "lighter to run", ZeroMQ's start-to-ready,
   * memory, disk and configuration lines over each broker's: on the claim's side at 0.67x or less,
   * against at 1.0x or more. Processes in total are not compared: ZeroMQ's peers are the
   * application's own processes.
   */
  static ClaimResult z5(RunRows run) {
    String id = "Z5";
    boolean brokerless = false;
    Double brokerProcesses = null;
    for (String file : List.of(ThroughputClaims.THROUGHPUT, STARTUP, FOOTPRINT)) {
      for (JsonNode row : run.rows(file).orElse(List.of())) {
        if (RunRows.ok(row)
            && family(RunRows.system(row)) == Family.ZEROMQ
            && RunRows.mode(row).contains("brokerless")) {
          brokerless = true;
          Double processes = number(row, FootprintRow.BROKER_PROCESSES);
          if (processes != null) {
            brokerProcesses = Math.max(processes, brokerProcesses == null ? 0 : brokerProcesses);
          }
        }
      }
    }
    if (!brokerless) {
      return ClaimResult.notMeasured(
          id, evidence(run), Message.of("reason.noBrokerless", "ZeroMQ", STARTUP, FOOTPRINT));
    }
    List<String> names = METRICS.stream().filter(m -> !m.equals(FootprintRow.PROCESSES)).toList();
    Map<String, Map<String, Double>> metrics = metrics(run);
    Tally tally = new Tally();
    if (brokerProcesses != null) {
      tally.figure("zeromq brokerless: broker processes", brokerProcesses, 0);
      tally.judge(
          "zeromq brokerless: broker processes",
          Tally.round(brokerProcesses, 0),
          brokerProcesses == 0 ? Comparison.Side.FOR : Comparison.Side.AGAINST);
    }
    tally.addAll(compare(metrics, Family.ZEROMQ, Family.KAFKA, names, true));
    tally.addAll(compare(metrics, Family.ZEROMQ, Family.RABBITMQ, names, true));
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(id, evidence(run), missing(run));
    }
    return tally.result(id, evidence(run));
  }

  // ---- K4 ----

  private static final String KRAFT = SystemUnderTest.KAFKA_KRAFT.label();
  private static final String ZOOKEEPER = SystemUnderTest.KAFKA_ZOOKEEPER.label();

  /** Statuses that say nothing about the mode: the user skipped it, or the machine refused it. */
  private static boolean notAttempted(JsonNode row) {
    return RunRows.status(row)
        .map(s -> s == Status.SKIPPED || s == Status.REFUSED || s == Status.NOT_RUN)
        .orElse(false);
  }

  /** What one file says about each mode: rows that served, rows that failed or were not offered. */
  private static final class Modes {
    int kraftOk;
    int kraftFailed;
    int zookeeperOk;
    int zookeeperFailed;
  }

  /**
   * K4, per file that ran Kafka in KRaft mode or ZooKeeper mode (startup, throughput, metadata,
   * footprint): every KRaft row served (nothing lost in a start-up round trip) is against the
   * claim; no KRaft row served, or KRaft not offered, while ZooKeeper mode served is on its side;
   * KRaft serving some rows and failing others is between. Then "same results": where footprint or
   * start-up rows give both modes' processes, KRaft running fewer (no ZooKeeper process) is
   * against, as many or more between; KRaft's msg/s at least 0.67x ZooKeeper mode's on the same
   * workload is against, below between. Not measured when no file has a KRaft row that was tried.
   */
  static ClaimResult k4(RunRows run) {
    String id = "K4";
    Tally tally = new Tally();
    int kraftRows = 0;
    int kraftServed = 0;
    for (String file :
        List.of(STARTUP, ThroughputClaims.THROUGHPUT, MetadataClaims.FILE, FOOTPRINT)) {
      Modes modes = new Modes();
      for (JsonNode row : run.rows(file).orElse(List.of())) {
        String system = RunRows.system(row);
        String mode = RunRows.mode(row);
        boolean kraft = system.equals(KRAFT) || mode.startsWith("kraft");
        boolean zookeeper = system.equals(ZOOKEEPER) || RunRows.zookeeperMode(mode);
        if ((!kraft && !zookeeper) || notAttempted(row)) {
          continue;
        }
        // "not offered" (a Kafka without KRaft) counts as KRaft not serving
        boolean ok = RunRows.ok(row) && !lostAcknowledged(row);
        if (kraft) {
          if (ok) {
            modes.kraftOk++;
          } else {
            modes.kraftFailed++;
          }
        } else if (ok) {
          modes.zookeeperOk++;
        } else {
          modes.zookeeperFailed++;
        }
      }
      kraftRows += modes.kraftOk + modes.kraftFailed;
      kraftServed += modes.kraftOk;
      String suite = RunRows.suiteOf(file);
      if (modes.kraftOk + modes.kraftFailed + modes.zookeeperOk + modes.zookeeperFailed == 0) {
        continue;
      }
      tally.figure(suite + ": kraft rows served", modes.kraftOk, 0);
      tally.figure(suite + ": kraft rows failed", modes.kraftFailed, 0);
      tally.figure(suite + ": zookeeper rows served", modes.zookeeperOk, 0);
      tally.figure(suite + ": zookeeper rows failed", modes.zookeeperFailed, 0);
      if (modes.kraftOk > 0 && modes.kraftFailed == 0) {
        tally.judge(suite + ": kraft served without ZooKeeper", true, Comparison.Side.AGAINST);
      } else if (modes.kraftOk == 0 && modes.zookeeperOk > 0) {
        tally.judge(suite + ": kraft never served, zookeeper mode did", true, Comparison.Side.FOR);
      } else if (modes.kraftOk > 0) {
        tally.judge(suite + ": kraft rows that failed", modes.kraftFailed, Comparison.Side.BETWEEN);
      }
    }
    if (kraftRows == 0) {
      return ClaimResult.notMeasured(
          id, STARTUP_EVIDENCE, Message.of("reason.noKraft", STARTUP, ThroughputClaims.THROUGHPUT));
    }
    // No ZooKeeper process: KRaft's setup runs fewer processes than ZooKeeper mode's.
    Map<String, Map<String, Double>> metrics = metrics(run);
    Double kraftProcesses = metrics.getOrDefault(KRAFT, Map.of()).get(FootprintRow.PROCESSES);
    Double zookeeperProcesses =
        metrics.getOrDefault(ZOOKEEPER, Map.of()).get(FootprintRow.PROCESSES);
    if (kraftServed > 0 && kraftProcesses != null && zookeeperProcesses != null) {
      tally.figure("kafka-kraft processes", kraftProcesses, 0);
      tally.figure("kafka-zookeeper processes", zookeeperProcesses, 0);
      tally.compare(
          "processes: kraft/zookeeper",
          kraftProcesses / zookeeperProcesses,
          kraftProcesses < zookeeperProcesses ? Comparison.Side.AGAINST : Comparison.Side.BETWEEN);
    }
    // Same results: KRaft's throughput within the 1.5x margin of ZooKeeper mode's.
    List<ThroughputRows.Tp> rows =
        ThroughputRows.throughput(run.rows(ThroughputClaims.THROUGHPUT).orElse(List.of()));
    for (ThroughputRows.Tp k : rows) {
      for (ThroughputRows.Tp z : rows) {
        if (k.system().equals(KRAFT) && z.system().equals(ZOOKEEPER) && k.matches(z)) {
          double ratio = k.msgPerSec() / z.msgPerSec();
          tally.compare(
              k.where() + ": kraft/zookeeper msg/s",
              ratio,
              ratio >= 1 / 1.5 ? Comparison.Side.AGAINST : Comparison.Side.BETWEEN);
        }
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, STARTUP_EVIDENCE, Message.of("reason.noKraft", STARTUP, ThroughputClaims.THROUGHPUT));
    }
    return tally.result(id, STARTUP_EVIDENCE);
  }

  /** A start-up row whose round trip read back fewer messages than were acknowledged. */
  private static boolean lostAcknowledged(JsonNode row) {
    Double acknowledged = number(row, StartupRow.ACKNOWLEDGED);
    Double readBack = number(row, StartupRow.READ_BACK);
    return acknowledged != null && readBack != null && readBack < acknowledged;
  }
}
