package io.brokerbench.harness.driver.inmemory;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker in the harness's own memory: one bounded FIFO queue per partition, subscription and
 * producer, and one thread per consumer that drains its partitions' queues into its {@link
 * Receiver}.
 *
 * <p>Two jobs. It is the test double the harness's own tests and the {@code DriverContract} run
 * against; and it is the harness's speed ceiling, since it costs about what a queue hand-off costs,
 * so a real system's figures can be read against it (the harness is never the bottleneck). For that
 * a queue is a lock-free {@link OneToOneRing}: one producer thread writes it and one consumer
 * thread drains it in batches, so a message costs a slot store and an ordered counter store, not a
 * lock. Messages of one producer to one partition arrive in order; messages of different producers
 * to one partition have no order between them, which is all the harness checks (order per producer
 * and partition) and all a consumer of several real producers can rely on.
 *
 * <p>It offers {@link GuaranteeTier#NONE} and {@link GuaranteeTier#ACK} by default: a send is
 * acknowledged once the message is in every subscription's queue. It does not offer {@link
 * GuaranteeTier#DURABLE}, because nothing in it survives a crash; {@link Builder#offering} can
 * change the offer (to test "not offered", say).
 *
 * <p>For testing the accounting it can misbehave on purpose: {@link Builder#drop} loses given
 * sequence numbers of a producer (after acknowledging them, as a broker that crashed would) and
 * {@link Builder#duplicate} delivers given ones twice, in every subscription. To do so it reads the
 * payload header, which no real driver does.
 */
public final class InMemoryDriver implements BrokerDriver {

  /** The name of this system in results. */
  public static final String SYSTEM = "in-memory";

  /**
   * Messages per queue: with 1 KiB messages, 8 MiB per partition, subscription and producer, deep
   * enough that the consumer, not the queue, sets the pace; a full queue blocks the producer as a
   * broker's flow control would.
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  /** Past this a queue's slot array (a power of two) would not fit an array index. */
  private static final int MAX_QUEUE_CAPACITY = 1 << 30;

  private final Set<GuaranteeTier> offered;
  private final int queueCapacity;
  private final Map<Integer, Set<Long>> drops;
  private final Map<Integer, Set<Long>> duplicates;
  private final List<InMemoryConsumer> consumers = new CopyOnWriteArrayList<>();
  private final List<InMemoryProducer> producers = new ArrayList<>();
  private Topology topology;
  private GuaranteeTier tier;

  /** Indexed by topic, subscription, partition, then the topic's producer. */
  private volatile OneToOneRing[][][][] queues;

  private boolean closed;

  private InMemoryDriver(Builder builder) {
    this.offered = EnumSet.copyOf(builder.offered);
    this.queueCapacity = builder.queueCapacity;
    this.drops = copy(builder.drops);
    this.duplicates = copy(builder.duplicates);
  }

  private static Map<Integer, Set<Long>> copy(Map<Integer, Set<Long>> faults) {
    Map<Integer, Set<Long>> copy = new HashMap<>();
    faults.forEach((producer, sequences) -> copy.put(producer, Set.copyOf(sequences)));
    return Map.copyOf(copy);
  }

  /** A well-behaved driver offering {@code none} and {@code ack}. */
  public static InMemoryDriver create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean offers(GuaranteeTier tier) {
    return offered.contains(tier);
  }

  @Override
  public synchronized void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (this.topology != null) {
      throw new IllegalStateException("prepare was called twice; a driver serves one trial");
    }
    if (!offers(tier)) {
      throw new TierNotOfferedException(SYSTEM, tier);
    }
    OneToOneRing[][][][] byTopic =
        new OneToOneRing[topology.topics()][topology.subscriptionsPerTopic()]
            [topology.partitionsPerTopic()][topology.producersPerTopic()];
    for (OneToOneRing[][][] bySubscription : byTopic) {
      for (OneToOneRing[][] byPartition : bySubscription) {
        for (OneToOneRing[] byProducer : byPartition) {
          for (int p = 0; p < byProducer.length; p++) {
            byProducer[p] = new OneToOneRing(queueCapacity);
          }
        }
      }
    }
    this.queues = byTopic;
    this.topology = topology;
    this.tier = tier;
  }

  @Override
  public synchronized DriverConsumer startConsumer(
      int topic, int subscription, int consumer, Receiver receiver) {
    requirePrepared();
    List<OneToOneRing> mine = new ArrayList<>();
    for (int p : topology.partitionsOf(consumer)) {
      mine.addAll(List.of(queues[topic][subscription][p]));
    }
    String name =
        "in-memory-consumer-" + topology.subscriptionName(topic, subscription) + "-c" + consumer;
    for (InMemoryConsumer other : consumers) {
      if (other.name().equals(name) && other.isAlive()) {
        throw new IllegalStateException(
            name + " is still running; a queue has one reader: close the consumer before its next");
      }
    }
    InMemoryConsumer started = new InMemoryConsumer(name, mine, receiver);
    consumers.add(started);
    started.start();
    return started;
  }

  @Override
  public synchronized DriverProducer createProducer(
      int topic, int producer, Acknowledgements acknowledgements) {
    requirePrepared();
    // By partition, then subscription: the queues one send puts a message into.
    OneToOneRing[][] mine =
        new OneToOneRing[topology.partitionsPerTopic()][topology.subscriptionsPerTopic()];
    for (int p = 0; p < mine.length; p++) {
      for (int s = 0; s < mine[p].length; s++) {
        mine[p][s] = queues[topic][s][p][producer];
      }
    }
    for (InMemoryProducer other : producers) {
      if (other.topic == topic && other.index == producer && other.isOpen()) {
        throw new IllegalStateException(
            "producer "
                + producer
                + " of "
                + topology.topicName(topic)
                + " is still open; a queue has one writer: close the producer before its next");
      }
    }
    InMemoryProducer created =
        new InMemoryProducer(
            topic, producer, mine, acknowledgements, tier != GuaranteeTier.NONE, drops, duplicates);
    producers.add(created);
    return created;
  }

  private void requirePrepared() {
    if (topology == null || closed) {
      throw new IllegalStateException(
          closed ? "the driver is closed" : "prepare must be called before anything else");
    }
  }

  /**
   * Waits until every message put into a queue has been handed to a {@link Receiver}: an exact end
   * for tests that lose messages on purpose, where waiting for "all delivered" would never end.
   * Dropped messages never enter a queue; a duplicate enters twice.
   *
   * @return true when drained, false when {@code timeout} passed first
   */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!drained()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  private boolean drained() {
    OneToOneRing[][][][] all = queues;
    if (all == null) {
      return true;
    }
    for (OneToOneRing[][][] bySubscription : all) {
      for (OneToOneRing[][] byPartition : bySubscription) {
        for (OneToOneRing[] byProducer : byPartition) {
          for (OneToOneRing queue : byProducer) {
            if (!queue.isEmpty()) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    List<String> stuck = new ArrayList<>();
    for (InMemoryConsumer consumer : consumers) {
      try {
        consumer.close();
      } catch (DriverException e) {
        stuck.add(e.getMessage());
      }
    }
    consumers.clear();
    queues = null;
    if (!stuck.isEmpty()) {
      throw new DriverException(String.join("; ", stuck));
    }
  }

  /** Configures an {@link InMemoryDriver}. */
  public static final class Builder {
    private final Set<GuaranteeTier> offered = EnumSet.of(GuaranteeTier.NONE, GuaranteeTier.ACK);
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private final Map<Integer, Set<Long>> drops = new HashMap<>();
    private final Map<Integer, Set<Long>> duplicates = new HashMap<>();

    private Builder() {}

    /** The tiers to offer, instead of {@code none} and {@code ack}. */
    public Builder offering(GuaranteeTier... tiers) {
      offered.clear();
      offered.addAll(List.of(tiers));
      return this;
    }

    /** Messages per partition, subscription and producer before a send blocks. */
    public Builder queueCapacity(int messages) {
      if (messages < 1 || messages > MAX_QUEUE_CAPACITY) {
        throw new IllegalArgumentException(
            "queueCapacity must be 1 to " + MAX_QUEUE_CAPACITY + ", was " + messages);
      }
      this.queueCapacity = messages;
      return this;
    }

    /** Loses these sequence numbers of producer {@code producerId} (trial-wide id). */
    public Builder drop(int producerId, long... sequences) {
      add(drops, producerId, sequences);
      return this;
    }

    /** Delivers these sequence numbers of producer {@code producerId} twice. */
    public Builder duplicate(int producerId, long... sequences) {
      add(duplicates, producerId, sequences);
      return this;
    }

    private static void add(Map<Integer, Set<Long>> faults, int producerId, long... sequences) {
      Set<Long> set = faults.computeIfAbsent(producerId, id -> new HashSet<>());
      for (long sequence : sequences) {
        set.add(sequence);
      }
    }

    public InMemoryDriver build() {
      return new InMemoryDriver(this);
    }
  }
}
