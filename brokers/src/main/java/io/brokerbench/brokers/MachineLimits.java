package io.brokerbench.brokers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Limits of this machine that decide how many partitions one broker can hold: the open-files limit
 * of a process (brokers inherit the harness's) and {@code vm.max_map_count}, the memory maps a
 * process may have.
 *
 * <p>A Kafka partition holds about one open file (its active log segment; the index files are
 * memory-mapped and their descriptors closed) and two memory maps (offset and time index). The JVM
 * itself needs room too: {@link #FILE_RESERVE} files for jars and sockets, {@link #MAP_RESERVE}
 * maps for its heap, code cache and libraries.
 *
 * @param openFiles soft {@code RLIMIT_NOFILE} of this process ({@code ulimit -n})
 * @param maxMapCount {@code /proc/sys/vm/max_map_count}
 */
public record MachineLimits(long openFiles, long maxMapCount) {
  /** Open files a broker JVM needs besides its partitions: jars, sockets, checkpoints. */
  public static final int FILE_RESERVE = 1_000;

  /** Memory maps a broker JVM needs besides its partitions: heap regions, code, libraries. */
  public static final int MAP_RESERVE = 2_000;

  /** Memory maps per partition: the offset index and the time index of the active segment. */
  public static final int MAPS_PER_PARTITION = 2;

  /** The limits in force for this process, read from {@code /proc}. */
  public static MachineLimits read() {
    return new MachineLimits(readOpenFiles(), readMaxMapCount());
  }

  /** The most partitions one Kafka broker can hold within both limits. */
  public long maxPartitionsPerBroker() {
    long byFiles = openFiles - FILE_RESERVE;
    long byMaps = (maxMapCount - MAP_RESERVE) / MAPS_PER_PARTITION;
    return Math.max(0, Math.min(byFiles, byMaps));
  }

  /**
   * Refuses a layout that cannot fit, with a message that says what to change.
   *
   * @param broker the broker that would hold the partitions
   * @param partitions partition replicas on that broker
   */
  public void requireKafkaPartitionsFit(String broker, long partitions) {
    long filesNeeded = partitions + FILE_RESERVE;
    if (filesNeeded > openFiles) {
      throw new BrokerUnavailableException(
          String.format(
              "%s would hold %,d partitions and so needs about %,d open files, but a process here"
                  + " may hold %,d (`ulimit -n`). Raise the limit (`ulimit -n %d` in the shell that"
                  + " runs brokerbench, or LimitNOFILE for a service), or spread the partitions"
                  + " over more brokers: at most %,d fit on one broker on this machine.",
              broker,
              partitions,
              filesNeeded,
              openFiles,
              Math.max(filesNeeded * 2, 100_000),
              maxPartitionsPerBroker()));
    }
    long mapsNeeded = partitions * MAPS_PER_PARTITION + MAP_RESERVE;
    if (mapsNeeded > maxMapCount) {
      throw new BrokerUnavailableException(
          String.format(
              "%s would hold %,d partitions and so needs about %,d memory maps, but"
                  + " vm.max_map_count is %,d. As root, raise it (`sysctl -w vm.max_map_count=%d`),"
                  + " or spread the partitions over more brokers: at most %,d fit on one broker on"
                  + " this machine.",
              broker,
              partitions,
              mapsNeeded,
              maxMapCount,
              Math.max(mapsNeeded * 2, 262_144),
              maxPartitionsPerBroker()));
    }
  }

  private static long readOpenFiles() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/limits"));
      for (String line : lines) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall through to "unknown", which refuses nothing.
    }
    return Long.MAX_VALUE;
  }

  private static long readMaxMapCount() {
    try {
      // Read line by line: /proc files report a size of 0, which whole-file reads trust.
      try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/vm/max_map_count"))) {
        return Long.parseLong(in.readLine().trim());
      }
    } catch (IOException | RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }
}
