package io.brokerbench.bench.latency;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fake broker for one producer and one consumer, tier {@code none}, that misbehaves on a clock:
 * it can hold every delivery for a while once per period (a garbage collection, a log roll, a
 * leader election: anything that pauses a broker), and it can deliver no faster than a given rate
 * (a broker at its capacity). Messages are queued without bound, so the producer never waits: a
 * stall or a slow consumer shows only in the delivery times, as it would behind a broker.
 */
final class StallingDriver implements BrokerDriver {
  private final long originNs = System.nanoTime();
  private final long periodNs;
  private final long stallNs;
  private final long serviceNs;
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private Thread consumer;
  private volatile boolean running = true;

  private StallingDriver(Duration period, Duration stall, int maxPerSec) {
    this.periodNs = period.toNanos();
    this.stallNs = stall.toNanos();
    this.serviceNs = maxPerSec == 0 ? 0 : 1_000_000_000L / maxPerSec;
  }

  /** Holds every delivery for {@code stall} once every {@code period}, from its creation on. */
  static StallingDriver stalling(Duration period, Duration stall) {
    return new StallingDriver(period, stall, 0);
  }

  /** Delivers at most {@code maxPerSec} messages per second, evenly. */
  static StallingDriver throttled(int maxPerSec) {
    return new StallingDriver(Duration.ofSeconds(1), Duration.ZERO, maxPerSec);
  }

  @Override
  public boolean offers(GuaranteeTier tier) {
    return tier == GuaranteeTier.NONE;
  }

  @Override
  public void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (!offers(tier)) {
      throw new TierNotOfferedException("stalling", tier);
    }
    if (topology.totalProducers() != 1 || topology.totalConsumers() != 1) {
      throw new IllegalArgumentException("one producer and one consumer only");
    }
  }

  @Override
  public DriverConsumer startConsumer(
      int topic, int subscription, int consumerIndex, Receiver receiver) {
    consumer = new Thread(() -> deliver(receiver), "stalling-consumer");
    consumer.setDaemon(true);
    consumer.start();
    return this::stop;
  }

  private void deliver(Receiver receiver) {
    long nextAllowedNs = System.nanoTime();
    try {
      while (running) {
        byte[] payload = queue.poll(1, TimeUnit.MILLISECONDS);
        if (payload == null) {
          continue;
        }
        waitUntil(endOfStall(System.nanoTime()));
        if (serviceNs > 0) {
          // Paced from the previous slot, not from now: a late wake-up does not lower the rate.
          nextAllowedNs = Math.max(nextAllowedNs + serviceNs, System.nanoTime() - serviceNs);
          waitUntil(nextAllowedNs);
        }
        receiver.onPayload(payload);
      }
    } catch (InterruptedException e) {
      // Closing.
    }
  }

  /** When the stall that {@code nowNs} falls in ends; {@code nowNs} outside a stall. */
  private long endOfStall(long nowNs) {
    if (stallNs == 0) {
      return nowNs;
    }
    long intoPeriod = Math.floorMod(nowNs - originNs, periodNs);
    return intoPeriod < stallNs ? nowNs + (stallNs - intoPeriod) : nowNs;
  }

  private static void waitUntil(long deadlineNs) {
    long remaining;
    while ((remaining = deadlineNs - System.nanoTime()) > 0) {
      if (remaining > 200_000) {
        LockSupport.parkNanos(remaining - 100_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  @Override
  public DriverProducer createProducer(int topic, int producer, Acknowledgements acks) {
    return new DriverProducer() {
      @Override
      public void send(int partition, byte[] payload) {
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
