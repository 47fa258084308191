package io.brokerbench.harness.driver.inmemory;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.measure.PayloadHeader;
import java.util.Map;
import java.util.Set;

/**
 * An {@link InMemoryDriver} producer: puts each payload into the partition's queue of every
 * subscription, and acknowledges it once it is in all of them. Its own class, as every driver's
 * producer is, so that the driver reads as the trial's set-up.
 */
final class InMemoryProducer implements DriverProducer {
  /** By partition, then subscription; this producer's own queues, so it is their one writer. */
  private final OneToOneRing[][] queues;

  final int topic;
  final int index;
  private final Acknowledgements acknowledgements;
  private final boolean acknowledge;
  private final Map<Integer, Set<Long>> drops;
  private final Map<Integer, Set<Long>> duplicates;
  private final boolean faulty;
  private volatile boolean open = true;

  /**
   * @param drops sequence numbers to lose, by producer id ({@link InMemoryDriver.Builder#drop})
   * @param duplicates sequence numbers to deliver twice, by producer id
   */
  InMemoryProducer(
      int topic,
      int index,
      OneToOneRing[][] queues,
      Acknowledgements acknowledgements,
      boolean acknowledge,
      Map<Integer, Set<Long>> drops,
      Map<Integer, Set<Long>> duplicates) {
    this.topic = topic;
    this.index = index;
    this.queues = queues;
    this.acknowledgements = acknowledgements;
    this.acknowledge = acknowledge;
    this.drops = drops;
    this.duplicates = duplicates;
    this.faulty = !drops.isEmpty() || !duplicates.isEmpty();
  }

  /** Until closed; its queues have one writer, so its topic and index take no other till then. */
  boolean isOpen() {
    return open;
  }

  @Override
  public void send(int partition, byte[] payload) throws InterruptedException {
    int copies = faulty ? copies(payload) : 1;
    for (OneToOneRing queue : queues[partition]) {
      for (int i = 0; i < copies; i++) {
        queue.put(payload);
      }
    }
    if (acknowledge) {
      acknowledgements.onAcknowledged(payload);
    }
  }

  /** 0 to drop, 2 to duplicate, 1 otherwise: fault injection reads the header. */
  private int copies(byte[] payload) {
    if (!PayloadHeader.isHeader(payload)) {
      return 1;
    }
    int producer = PayloadHeader.producerId(payload);
    long sequence = PayloadHeader.sequence(payload);
    if (drops.getOrDefault(producer, Set.of()).contains(sequence)) {
      return 0;
    }
    if (duplicates.getOrDefault(producer, Set.of()).contains(sequence)) {
      return 2;
    }
    return 1;
  }

  @Override
  public void close() {
    // Sends complete (and are acknowledged) inside send(): nothing is outstanding.
    open = false;
  }
}
