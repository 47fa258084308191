package io.brokerbench.bench.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the sweep's partitions are laid out in topics: the classic claim speaks of
 * "topics/partitions" as if they were the same, and the two metadata layers may not agree.
 */
public enum Shape {
  /** Every topic has one partition: as many topics as partitions (a znode set per topic). */
  MANY_TOPICS("many-topics", 1),
  /** Topics of {@value #FEW_TOPICS_PARTITIONS} partitions each: few topics, many partitions. */
  FEW_TOPICS("few-topics", Shape.FEW_TOPICS_PARTITIONS);

  /** Partitions per topic in the few-topics shape: 50 topics at 50,000 partitions. */
  static final int FEW_TOPICS_PARTITIONS = 1_000;

  private final String label;
  private final int partitionsPerTopic;

  Shape(String label, int partitionsPerTopic) {
    this.label = label;
    this.partitionsPerTopic = partitionsPerTopic;
  }

  /** The name in results and on the command line. */
  public String label() {
    return label;
  }

  /** The shape called {@code label}, or an error that names the known ones. */
  public static Shape parse(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (Shape shape : values()) {
      if (shape.label.equals(wanted)) {
        return shape;
      }
    }
    throw new IllegalArgumentException(
        "unknown shape '" + label + "': expected many-topics or few-topics");
  }

  /**
   * The partition counts of the topics that take a cluster from {@code from} to {@code to}
   * partitions: whole topics of this shape's size, the last one holding the remainder.
   */
  public List<Integer> topicsBetween(int from, int to) {
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException(
          "topicsBetween: need 0 <= from < to, was from " + from + ", to " + to);
    }
    List<Integer> topics = new ArrayList<>();
    int left = to - from;
    while (left > 0) {
      int size = Math.min(partitionsPerTopic, left);
      topics.add(size);
      left -= size;
    }
    return topics;
  }
}
