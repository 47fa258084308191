package io.brokerbench.bench;

import io.brokerbench.bench.suite.Profile;
import java.util.List;
import java.util.Map;

/** The run's {@code REPORT.md}: environment, then each suite's section in the order they ran. */
public final class Report {
  private Report() {}

  /**
   * @param sections the suites' sections, each written by its suite ({@code Suite.report}) and
   *     starting with its {@code ##} heading; an empty one is left out
   */
  @SuppressWarnings("unchecked")
  public static String markdown(
      String run, Profile profile, Map<String, Object> environment, List<String> sections) {
    StringBuilder md = new StringBuilder();
    md.append("# brokerbench run ").append(run).append("\n\n");
    Map<String, Object> machine = (Map<String, Object>) environment.get("machine");
    Map<String, Object> os = (Map<String, Object>) environment.get("os");
    Map<String, Object> jvm = (Map<String, Object>) environment.get("jvm");
    Map<String, Object> git = (Map<String, Object>) environment.get("git");
    md.append("Profile `").append(profile).append("`, revision `").append(git.get("revision"));
    md.append(Boolean.TRUE.equals(git.get("dirty")) ? "` (with uncommitted changes)" : "`");
    md.append(".\n\n");
    md.append(
        String.format(
            "Machine: %s, %s cores, %.1f GiB; %s, kernel %s; JVM %s %s.%n%n",
            machine.get("cpuModel"),
            machine.get("cores"),
            ((Number) machine.get("memoryBytes")).doubleValue() / (1L << 30),
            os.get("distribution"),
            os.get("kernel"),
            jvm.get("name"),
            jvm.get("version")));
    Map<String, Object> wallMs = (Map<String, Object>) environment.get("suiteWallMs");
    if (wallMs != null && !wallMs.isEmpty()) {
      List<String> took = new java.util.ArrayList<>();
      wallMs.forEach((suite, ms) -> took.add(suite + " " + minutes(((Number) ms).longValue())));
      md.append("Wall time per suite: ").append(String.join(", ", took)).append(".\n\n");
    }

    for (String section : sections) {
      if (section.isEmpty()) {
        continue;
      }
      // One blank line before each section, whether or not the one before ends with one.
      if (!md.toString().endsWith("\n\n")) {
        md.append("\n");
      }
      md.append(section);
    }
    md.append("\nMachine, JVM, limits and every broker's configuration: `environment.json`.\n");
    return md.toString();
  }

  /** {@code m:ss}. */
  static String minutes(long ms) {
    long seconds = Math.round(ms / 1000.0);
    return String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
