package io.brokerbench.bench.metadata;

import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaNode;
import io.brokerbench.brokers.zookeeper.FourLetterWords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each mode's metadata store holds and how it answers: ZooKeeper's {@code mntr} (and its
 * reset, {@code srst}) in ZooKeeper mode, the {@code __cluster_metadata} log's bytes in KRaft.
 * Apart from {@link ClusterProbe} because neither goes through Kafka's Admin client: one is a
 * four-letter word to the ensemble, the other the controllers' files.
 */
final class MetadataStoreProbe {
  private final KafkaCluster cluster;

  MetadataStoreProbe(KafkaCluster cluster) {
    this.cluster = cluster;
  }

  /** Resets ZooKeeper's latency statistics ({@code srst}). */
  void resetZooKeeperStats() {
    try {
      FourLetterWords.send(cluster.zookeeper().clientPort(), "srst");
    } catch (IOException e) {
      throw new UncheckedIOException("ZooKeeper did not answer srst", e);
    }
  }

  /** ZooKeeper's {@code mntr}. */
  Map<String, String> mntr() {
    try {
      return FourLetterWords.mntr(cluster.zookeeper().clientPort());
    } catch (IOException e) {
      throw new UncheckedIOException("ZooKeeper did not answer mntr", e);
    }
  }

  /**
   * Bytes of the {@code __cluster_metadata} log's segments and snapshots on the controller that
   * holds the most (they are replicas of one log).
   */
  long metadataLogBytes() {
    long most = 0;
    for (KafkaNode node : cluster.nodes()) {
      if (!node.isController()) {
        continue;
      }
      Path dir = node.logDir().resolve("__cluster_metadata-0");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        long bytes =
            files
                .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".checkpoint"))
                .mapToLong(MetadataStoreProbe::size)
                .sum();
        most = Math.max(most, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return most;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // rolled or cleaned while listed
    }
  }

  /** {@code mntr}'s {@code key} as a whole number, or null when absent or not a number. */
  static Long longOf(Map<String, String> mntr, String key) {
    String value = mntr.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Math.round(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code mntr}'s {@code key} as a number, or null when absent or not a number. */
  static Double doubleOf(Map<String, String> mntr, String key) {
    String value = mntr.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
