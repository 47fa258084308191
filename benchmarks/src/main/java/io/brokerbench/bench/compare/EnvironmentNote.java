package io.brokerbench.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The note at the head of a two-run comparison: every part of environment.json in which A and B
 * differ, because a ratio across machines measures the machines as much as the brokers.
 */
final class EnvironmentNote {
  private EnvironmentNote() {}

  /** The parts of environment.json whose difference is worth a note, by JSON pointer. */
  static final List<String> ENVIRONMENT =
      List.of(
          "/profile",
          "/git/revision",
          "/git/dirty",
          "/machine/cpuModel",
          "/machine/cores",
          "/machine/memoryBytes",
          "/os/distribution",
          "/os/kernel",
          "/os/arch",
          "/jvm/vendor",
          "/jvm/name",
          "/jvm/version",
          "/jvm/maxHeapBytes",
          "/limits/openFiles",
          "/limits/maxMapCount");

  static void write(StringBuilder md, JsonNode a, JsonNode b) {
    List<String> differences = new ArrayList<>();
    for (String pointer : ENVIRONMENT) {
      String va = a.at(pointer).isMissingNode() ? "(missing)" : a.at(pointer).asText();
      String vb = b.at(pointer).isMissingNode() ? "(missing)" : b.at(pointer).asText();
      if (!va.equals(vb)) {
        differences.add(
            "- " + pointer.substring(1).replace('/', '.') + ": A `" + va + "`, B `" + vb + "`");
      }
    }
    Map<String, String> brokersA = brokers(a);
    Map<String, String> brokersB = brokers(b);
    List<String> names = new ArrayList<>(brokersA.keySet());
    brokersB.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
    for (String name : names) {
      String va = brokersA.getOrDefault(name, "(not run)");
      String vb = brokersB.getOrDefault(name, "(not run)");
      if (!va.equals(vb)) {
        differences.add("- broker " + name + ": A `" + va + "`, B `" + vb + "`");
      }
    }
    md.append("## Environment\n\n");
    if (differences.isEmpty()) {
      md.append("The environments match (CPU, cores, memory, OS, JVM, limits, broker versions,");
      md.append(" git revision, profile).\n\n");
    } else {
      md.append("**The environments differ**: a ratio below measures these differences as much");
      md.append(" as the systems. Compare systems within a run before comparing runs.\n\n");
      md.append(String.join("\n", differences)).append("\n\n");
    }
  }

  /** name to "software version" of every broker the run described. */
  private static Map<String, String> brokers(JsonNode environment) {
    Map<String, String> brokers = new LinkedHashMap<>();
    for (JsonNode broker : environment.path("brokers")) {
      String name = broker.path("name").asText("");
      if (!name.isEmpty()) {
        brokers.putIfAbsent(
            name,
            (broker.path("software").asText("") + " " + broker.path("version").asText("")).trim());
      }
    }
    return brokers;
  }
}
