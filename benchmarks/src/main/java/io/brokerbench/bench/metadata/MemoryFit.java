package io.brokerbench.bench.metadata;

import io.brokerbench.brokers.kafka.KafkaMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the machine's memory holds the metadata sweep's clusters: both modes' brokers and the
 * ZooKeeper ensemble run side by side, and a sweep that would swap measures the swap, not Kafka.
 */
final class MemoryFit {
  private MemoryFit() {}

  /**
   * Why the machine's available memory cannot hold the heaps of a shape's clusters side by side, or
   * null when it can. Heaps only: each JVM needs some more, which the caller's margin covers.
   */
  static String refusal(MetadataPlan plan, long availableBytes) {
    long needed = 0;
    for (KafkaMode mode : plan.modes()) {
      needed += plan.brokers() * bytes(plan.heap());
      if (mode == KafkaMode.ZOOKEEPER) {
        needed += plan.zookeeperNodes() * bytes(plan.zookeeperHeap());
      }
    }
    // A JVM's resident memory runs to about 1.25x its heap here (code, metaspace, threads, maps).
    long withMargin = needed + needed / 4;
    if (availableBytes <= 0 || availableBytes >= withMargin) {
      return null;
    }
    return String.format(
        "memory: the clusters of both modes run side by side and need about %,d MiB (heaps %s;"
            + " %s), but /proc/meminfo has %,d MiB available. Free memory, or run one mode with"
            + " -Dbench.systems=kafka-kraft or kafka-zookeeper",
        withMargin >> 20,
        plan.heaps().get("kraft"),
        plan.heaps().get("zookeeper"),
        availableBytes >> 20);
  }

  /** {@code 512m}, {@code 1g} in bytes. */
  static long bytes(String heap) {
    long n = Long.parseLong(heap.substring(0, heap.length() - 1));
    return heap.endsWith("g") ? n << 30 : n << 20;
  }

  /** MemAvailable from /proc/meminfo, or -1 where there is none (then nothing is refused). */
  static long availableBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
