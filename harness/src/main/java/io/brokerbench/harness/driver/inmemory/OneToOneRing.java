package io.brokerbench.harness.driver.inmemory;

import io.brokerbench.harness.driver.Backoff;
import io.brokerbench.harness.driver.Receiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded FIFO of payloads from exactly one producer thread to exactly one consumer thread, with
 * no lock and no atomic read-modify-write: the producer publishes each message with one ordered
 * store of its tail, the consumer takes everything published in one batch and frees it with one
 * ordered store of its head. The two threads touch a shared counter about once per batch, not once
 * per message (each keeps a cached copy of the other's), which is what makes it the harness's
 * ceiling rather than a lock's.
 *
 * <p>Threading: {@link #put} from one thread at a time, {@link #drainTo} from one (other) thread at
 * a time; {@link #isEmpty} from any thread. A writer or reader may hand its side on to another
 * thread only through a happens-before edge, such as starting the new thread after the old one was
 * joined (the rig starts a producer thread per phase; a resumed consumer follows a closed one).
 */
final class OneToOneRing {
  private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);

  /**
   * Where each counter lives in {@link #counters}: 16 longs (128 bytes, two cache lines, as the
   * adjacent-line prefetcher pairs them) apart and away from the array's header, so the producer's
   * and the consumer's writes never invalidate each other's lines. Each side's cached copy of the
   * other's counter sits on its own line.
   */
  private static final int TAIL = 16;

  private static final int HEAD_SEEN_BY_PRODUCER = 17;
  private static final int HEAD = 32;
  private static final int TAIL_SEEN_BY_CONSUMER = 33;

  /** The consumer's sink for {@link #drainTo}'s touch-ahead loads. */
  private static final int TOUCHED = 34;

  private static final int COUNTERS = 48;

  private final byte[][] slots;
  private final int mask;
  private final int capacity;
  private final long[] counters = new long[COUNTERS];

  /** Holds up to {@code capacity} payloads; a put to a full ring waits. */
  OneToOneRing(int capacity) {
    this.capacity = capacity;
    // A power of two, so that an index is a mask, not a division; the capacity still binds.
    this.slots = new byte[Integer.highestOneBit(Math.max(1, capacity - 1)) << 1][];
    this.mask = slots.length - 1;
  }

  /**
   * Appends {@code payload}, waiting while the ring is full (spin, yield, then short parks: the
   * consumer frees a batch at a time).
   *
   * @throws InterruptedException if interrupted while waiting; the payload was not put
   */
  void put(byte[] payload) throws InterruptedException {
    long tail = counters[TAIL];
    if (tail - counters[HEAD_SEEN_BY_PRODUCER] >= capacity) {
      awaitRoom(tail);
    }
    slots[(int) tail & mask] = payload;
    // Release: the consumer that sees the new tail sees the slot written.
    COUNTER.setRelease(counters, TAIL, tail + 1);
  }

  private void awaitRoom(long tail) throws InterruptedException {
    Backoff backoff = new Backoff();
    while (tail - (counters[HEAD_SEEN_BY_PRODUCER] = (long) COUNTER.getAcquire(counters, HEAD))
        >= capacity) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      backoff.idle();
    }
  }

  /**
   * Hands up to {@code limit} payloads, oldest first, to {@code receiver}, and only then frees
   * their slots: once {@link #isEmpty} is true, every payload put has been handed over.
   *
   * @return how many were handed over; 0 when the ring was empty
   */
  int drainTo(Receiver receiver, int limit) {
    long head = counters[HEAD];
    long available = counters[TAIL_SEEN_BY_CONSUMER] - head;
    if (available == 0) {
      long tail = (long) COUNTER.getAcquire(counters, TAIL);
      counters[TAIL_SEEN_BY_CONSUMER] = tail;
      available = tail - head;
      if (available == 0) {
        return 0;
      }
    }
    int count = (int) Math.min(available, limit);
    // Touch every payload of the batch (its length, beside the header) before handing over the
    // first: each was written on the producer's core, and loads with nothing locked between them
    // fetch those lines in parallel, where the receiver's locked instructions would fetch them
    // one at a time. The sum is stored only so that the compiler keeps the loads.
    int touched = 0;
    for (int i = 0; i < count; i++) {
      byte[] payload = slots[(int) (head + i) & mask];
      // A null payload is the receiver's to count as foreign, not this loop's to fail on.
      touched += payload == null ? 0 : payload.length;
    }
    counters[TOUCHED] = touched;
    for (int i = 0; i < count; i++) {
      int index = (int) (head + i) & mask;
      byte[] payload = slots[index];
      // Cleared so that a delivered payload is garbage now, not when its slot is next reused.
      slots[index] = null;
      receiver.onPayload(payload);
    }
    // Release: the producer that sees the new head may reuse the slots.
    COUNTER.setRelease(counters, HEAD, head + count);
    return count;
  }

  /** True when everything put so far has been handed to a receiver. */
  boolean isEmpty() {
    long head = (long) COUNTER.getAcquire(counters, HEAD);
    return head == (long) COUNTER.getAcquire(counters, TAIL);
  }
}
