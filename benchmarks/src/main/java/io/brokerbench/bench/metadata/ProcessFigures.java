package io.brokerbench.bench.metadata;

import io.brokerbench.brokers.kafka.KafkaCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * A process's figures as the operating system counts them ({@code /proc}): resident memory, open
 * files, memory maps. Apart from {@link ClusterProbe} because they ask no broker anything; each is
 * null once the process is gone.
 */
final class ProcessFigures {
  private ProcessFigures() {}

  /** The resident memory of process {@code pid}, from {@code /proc/<pid>/status}; null if gone. */
  static Long rssBytes(long pid) {
    if (pid <= 0) {
      return null;
    }
    try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/" + pid + "/status"))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Open file descriptors of process {@code pid} ({@code /proc/<pid>/fd}); null if gone. */
  static Long openFiles(long pid) {
    if (pid <= 0) {
      return null;
    }
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Memory maps of process {@code pid} (lines of {@code /proc/<pid>/maps}); null if gone. */
  static Long memoryMaps(long pid) {
    if (pid <= 0) {
      return null;
    }
    try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/" + pid + "/maps"))) {
      return in.lines().count();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The largest of {@code figure} over the brokers that are up; null when none answers. */
  static Long most(KafkaCluster cluster, LongFunction<Long> figure) {
    return cluster.nodes().stream()
        .map(node -> figure.apply(node.pid()))
        .filter(v -> v != null)
        .max(Long::compare)
        .orElse(null);
  }
}
