package io.brokerbench.harness.rig;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One counter per producer, each on cache lines of its own: a producer writes its counter at every
 * send, and producers whose counters shared a line would take the line from each other's cores at
 * every send. Any thread may read them. Its own class because both the rig's books ({@link
 * TrialBooks}) and the producers' loops ({@link ProducerLoop}) use it.
 */
final class PerProducer {
  /** 16 longs, 128 bytes: the adjacent-line prefetcher moves lines in pairs. */
  private static final int STRIDE = 16;

  private final AtomicLongArray values;
  private final int length;

  PerProducer(int producers) {
    // One stride more, so the first counter is away from the array's header too.
    this.values = new AtomicLongArray((producers + 1) * STRIDE);
    this.length = producers;
  }

  int length() {
    return length;
  }

  long get(int id) {
    return values.get((id + 1) * STRIDE);
  }

  void setRelease(int id, long value) {
    values.setRelease((id + 1) * STRIDE, value);
  }

  void getAndAdd(int id, long delta) {
    values.getAndAdd((id + 1) * STRIDE, delta);
  }
}
