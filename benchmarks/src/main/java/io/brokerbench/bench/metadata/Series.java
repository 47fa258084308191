package io.brokerbench.bench.metadata;

import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one series (one mode, one shape, one cluster) knows as it grows. Its own class because both
 * the series' life cycle ({@link MetadataSuite}) and each point's measurement ({@link
 * PointMeasurement}) read and extend it.
 */
final class Series {
  final KafkaMode mode;
  final Set<String> topics = new LinkedHashSet<>();
  KafkaCluster cluster;

  /** Why the series ended early (its remaining points are not measured), or null. */
  String ended;

  /**
   * What the points after the end are: {@code not run}, or {@code refused} when the machine cannot
   * hold the series at all.
   */
  Status endedAs = Status.NOT_RUN;

  long createOnlineTotalMs;
  int probes;

  Series(KafkaMode mode) {
    this.mode = mode;
  }
}
