package io.brokerbench.bench.throughput;

/**
 * The consumer-only comparison: a topic filled with {@code messages} 1 KiB messages, read from the
 * beginning by a consumer alone; brokerbench's reads it {@code warmupPasses} times to warm up
 * (discarded), then {@code passes} times measured, each pass an iteration. A profile's {@link
 * ThroughputSettings} holds one where it runs the comparison, which {@link ConsumerOnlyComparison}
 * runs.
 */
public record ConsumerOnly(long messages, int warmupPasses, int passes) {
  /** The most ConsumerPerformance reads: 2 GiB of 1 KiB messages, whatever the profile. */
  static final long VENDOR_MAX = 2_000_000;

  /**
   * The backlog ConsumerPerformance reads, in one cold JVM: as many messages as brokerbench's
   * consumer reads in all its passes, warm-up included (at most {@link #VENDOR_MAX}), so that the
   * tool's JIT warm-up weighs on its figure about as little as brokerbench's discarded passes weigh
   * on nothing. A backlog of one pass alone is read in well under a second.
   */
  long vendorMessages() {
    return Math.min(VENDOR_MAX, messages * (warmupPasses + passes));
  }

  public ConsumerOnly {
    if (messages < 1 || warmupPasses < 0 || passes < 1) {
      throw new IllegalArgumentException(
          "consumerOnly: messages and passes must be 1 or more, warmupPasses 0 or more; was "
              + messages
              + ", "
              + warmupPasses
              + ", "
              + passes);
    }
  }
}
