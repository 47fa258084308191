package io.brokerbench.bench;

import io.brokerbench.brokers.MachineLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The self-description of a run (docs/measurement.md, rule 10): machine, operating system, JVM,
 * limits and git revision. The brokers' descriptions are added by the scenarios that start them.
 */
public final class Environment {
  private Environment() {}

  /** Reads what can be read of this machine now; what cannot be read is reported as unknown. */
  public static Map<String, Object> capture(Path repository, String run, String profile) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("run", run);
    env.put("profile", profile);
    env.put("capturedAt", Instant.now().toString());
    env.put("git", git(repository));

    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpuModel", cpuModel());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memoryBytes", memoryBytes());
    machine.put("hostname", command(List.of("hostname"), Path.of(".")).trim());
    env.put("machine", machine);

    Map<String, Object> os = new LinkedHashMap<>();
    os.put("name", System.getProperty("os.name"));
    os.put("kernel", System.getProperty("os.version"));
    os.put("arch", System.getProperty("os.arch"));
    os.put("distribution", osRelease());
    env.put("os", os);

    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("vendor", System.getProperty("java.vm.vendor"));
    jvm.put("name", System.getProperty("java.vm.name"));
    jvm.put("version", System.getProperty("java.runtime.version"));
    jvm.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    env.put("jvm", jvm);

    MachineLimits limits = MachineLimits.read();
    Map<String, Object> limitMap = new LinkedHashMap<>();
    limitMap.put("openFiles", limits.openFiles());
    limitMap.put("maxMapCount", limits.maxMapCount());
    limitMap.put("maxKafkaPartitionsPerBroker", limits.maxPartitionsPerBroker());
    env.put("limits", limitMap);
    return env;
  }

  private static Map<String, Object> git(Path repository) {
    Map<String, Object> git = new LinkedHashMap<>();
    String revision = command(List.of("git", "rev-parse", "HEAD"), repository).trim();
    git.put("revision", revision.isEmpty() ? "unknown" : revision);
    String status =
        command(List.of("git", "status", "--porcelain", "--untracked-files=no"), repository);
    git.put("dirty", !status.isBlank());
    return git;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown";
  }

  private static long memoryBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  private static String osRelease() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // no os-release
    }
    return "unknown";
  }

  /** Runs a short command and returns its standard output, or "" when it fails. */
  static String command(List<String> command, Path directory) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
