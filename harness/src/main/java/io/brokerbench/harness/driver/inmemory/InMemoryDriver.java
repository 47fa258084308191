package io.brokerbench.harness.driver.inmemory;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Backoff;
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

  /** Consumers are stopped and joined within this; they never wait longer than a park. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Most payloads a consumer hands over from one queue before it frees their slots: the producer
   * can refill while the consumer works on, and a consumer of several queues takes turns.
   */
  private static final int DRAIN_BATCH = 1024;

  /** Past this a queue's slot array (a power of two) would not fit an array index. */
  private static final int MAX_QUEUE_CAPACITY = 1 << 30;

  private final Set<GuaranteeTier> offered;
  private final int queueCapacity;
  private final Map<Integer, Set<Long>> drops;
  private final Map<Integer, Set<Long>> duplicates;
  private final boolean faulty;
  private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
  private final List<Producer> producers = new ArrayList<>();
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
    this.faulty = !drops.isEmpty() || !duplicates.isEmpty();
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
    for (Consumer other : consumers) {
      if (other.thread.getName().equals(name) && other.thread.isAlive()) {
        throw new IllegalStateException(
            name + " is still running; a queue has one reader: close the consumer before its next");
      }
    }
    Consumer started = new Consumer(name, mine, receiver);
    consumers.add(started);
    started.thread.start();
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
    for (Producer other : producers) {
      if (other.topic == topic && other.index == producer && other.open) {
        throw new IllegalStateException(
            "producer "
                + producer
                + " of "
                + topology.topicName(topic)
                + " is still open; a queue has one writer: close the producer before its next");
      }
    }
    Producer created =
        new Producer(topic, producer, mine, acknowledgements, tier != GuaranteeTier.NONE);
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
    for (Consumer consumer : consumers) {
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

  private final class Producer implements DriverProducer {
    /** By partition, then subscription; this producer's own queues, so it is their one writer. */
    private final OneToOneRing[][] queues;

    private final int topic;
    private final int index;
    private final Acknowledgements acknowledgements;
    private final boolean acknowledge;
    private volatile boolean open = true;

    Producer(
        int topic,
        int index,
        OneToOneRing[][] queues,
        Acknowledgements acknowledgements,
        boolean acknowledge) {
      this.topic = topic;
      this.index = index;
      this.queues = queues;
      this.acknowledgements = acknowledgements;
      this.acknowledge = acknowledge;
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

  private final class Consumer implements DriverConsumer {
    private final Thread thread;
    private final OneToOneRing[] queues;
    private final Receiver receiver;
    private volatile boolean running = true;

    Consumer(String name, List<OneToOneRing> queues, Receiver receiver) {
      this.queues = queues.toArray(new OneToOneRing[0]);
      this.receiver = receiver;
      this.thread = new Thread(this::run, name);
      thread.setDaemon(true);
    }

    /**
     * Drains every queue in turn; idle, it waits like every waiter of the rig ({@link Backoff}).
     */
    private void run() {
      Backoff backoff = new Backoff();
      while (running) {
        boolean any = false;
        for (OneToOneRing queue : queues) {
          any |= queue.drainTo(receiver, DRAIN_BATCH) > 0;
        }
        if (any) {
          backoff.reset();
        } else {
          backoff.idle();
        }
      }
    }

    @Override
    public void close() throws DriverException {
      running = false;
      try {
        thread.join(CLOSE_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        throw new DriverException(
            SYSTEM
                + ": consumer thread "
                + thread.getName()
                + " did not stop within "
                + CLOSE_TIMEOUT.toSeconds()
                + " s");
      }
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
