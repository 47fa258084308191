package io.brokerbench.bench.claims;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A synthetic run folder: result files written from rows given as name/value pairs. */
final class RunFolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  RunFolder(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** A row from alternating names and values. */
  static Map<String, Object> row(Object... pairs) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row;
  }

  /** Writes {@code file} as the suites do: an object with a {@code rows} array. */
  @SafeVarargs
  final RunFolder write(String file, Map<String, Object>... rows) {
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    for (Map<String, Object> row : rows) {
      all.add(row);
    }
    return writeDocument(file, Map.of("scenario", file, "rows", all));
  }

  RunFolder writeDocument(String file, Object document) {
    try {
      Files.writeString(dir.resolve(file), JSON.writeValueAsString(document));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RunRows rows() {
    return RunRows.of(dir);
  }

  /** A throughput row of the baseline workload, 1 KiB. */
  static Map<String, Object> tp(String system, String tier, double msgPerSec) {
    return tp(system, tier, "1-topic-1-partition-1kb", msgPerSec);
  }

  static Map<String, Object> tp(String system, String tier, String topology, double msgPerSec) {
    return row(
        "system",
        system,
        "mode",
        "m",
        "tier",
        tier,
        "topology",
        topology,
        "messageBytes",
        1024,
        "status",
        "ok",
        "msgPerSec",
        msgPerSec);
  }

  /** A latency row at one target rate, ok with its p99. */
  static Map<String, Object> lat(String system, String tier, int targetPerSec, double p99Us) {
    return row(
        "system",
        system,
        "tier",
        tier,
        "messageBytes",
        1024,
        "targetPerSec",
        targetPerSec,
        "status",
        "ok",
        "p99Us",
        p99Us);
  }

  /** A crash-ledger row. */
  static Map<String, Object> crash(
      String system, String tier, String fault, int nodes, long ackedLost, long unackedLost) {
    return row(
        "system",
        system,
        "mode",
        "m",
        "tier",
        tier,
        "fault",
        fault,
        "nodes",
        nodes,
        "sent",
        1000,
        "acked",
        900,
        "ackedLost",
        ackedLost,
        "unackedLost",
        unackedLost,
        "recoveryMs",
        2000,
        "status",
        "ok");
  }
}
