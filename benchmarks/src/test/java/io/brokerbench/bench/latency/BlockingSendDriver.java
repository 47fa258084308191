package io.brokerbench.bench.latency;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A fake broker for one producer and one consumer, tier {@code none}, whose client <em>blocks</em>:
 * once in every {@code every} sends, halfway through them (sends {@code every/2}, {@code 3
 * every/2}, ..., so that a phase of whole periods holds whole stalls), {@code send} holds the
 * producer's thread for {@code stall} before it returns (a client whose buffer is full while its
 * broker pauses, a TCP window closed by a broker in GC). Deliveries are otherwise immediate.
 *
 * <p>This is the case coordinated omission hides: while the producer is blocked it sends nothing,
 * so the messages that should have gone out during the stall leave late, together, and are received
 * moments after their <em>actual</em> send. Timed from their intended send time (as the rig does)
 * they carry the stall; timed from the actual send (as a naive harness does) they do not. To show
 * the difference on the same run, the driver keeps the second measurement itself: it notes when
 * each {@code send} was called (where a naive harness takes its timestamp) and, on delivery,
 * records receive time minus that into {@link #fromActualSendNs()}.
 */
final class BlockingSendDriver implements BrokerDriver {
  private final long everyMessages;
  private final long stallNs;
  private final AtomicLongArray actualSendNs;
  private final Histogram fromActualSendNs = new Histogram(3);
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private Thread consumer;
  private volatile boolean running = true;
  private long sends;

  /**
   * @param everyMessages one send in this many blocks
   * @param stall how long it blocks
   * @param maxMessages the most messages a test sends (the size of the actual-send book)
   */
  BlockingSendDriver(long everyMessages, Duration stall, int maxMessages) {
    this.everyMessages = everyMessages;
    this.stallNs = stall.toNanos();
    this.actualSendNs = new AtomicLongArray(maxMessages);
  }

  /**
   * End-to-end latency of every delivery timed from the moment its {@code send} was called: the
   * measurement with coordinated omission. Read it once the deliveries are done.
   */
  synchronized Histogram fromActualSendNs() {
    return fromActualSendNs.copy();
  }

  @Override
  public boolean offers(GuaranteeTier tier) {
    return tier == GuaranteeTier.NONE;
  }

  @Override
  public void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (!offers(tier)) {
      throw new TierNotOfferedException("blocking-send", tier);
    }
    if (topology.totalProducers() != 1 || topology.totalConsumers() != 1) {
      throw new IllegalArgumentException("one producer and one consumer only");
    }
  }

  @Override
  public DriverConsumer startConsumer(
      int topic, int subscription, int consumerIndex, Receiver receiver) {
    consumer = new Thread(() -> deliver(receiver), "blocking-send-consumer");
    consumer.setDaemon(true);
    consumer.start();
    return this::stop;
  }

  private void deliver(Receiver receiver) {
    try {
      while (running) {
        byte[] payload = queue.poll(1, TimeUnit.MILLISECONDS);
        if (payload == null) {
          continue;
        }
        receiver.onPayload(payload);
        long receivedNs = System.nanoTime();
        long sentNs = actualSendNs.get((int) PayloadHeader.sequence(payload));
        synchronized (this) {
          fromActualSendNs.recordValue(Math.max(0, receivedNs - sentNs));
        }
      }
    } catch (InterruptedException e) {
      // Closing.
    }
  }

  @Override
  public DriverProducer createProducer(int topic, int producer, Acknowledgements acks) {
    return new DriverProducer() {
      @Override
      public void send(int partition, byte[] payload) {
        actualSendNs.set((int) PayloadHeader.sequence(payload), System.nanoTime());
        sends++;
        if (sends % everyMessages == everyMessages / 2) {
          long until = System.nanoTime() + stallNs;
          long remaining;
          while ((remaining = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
          }
        }
        queue.add(payload);
      }

      @Override
      public void close() {}
    };
  }

  private void stop() {
    running = false;
    if (consumer != null) {
      try {
        consumer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
