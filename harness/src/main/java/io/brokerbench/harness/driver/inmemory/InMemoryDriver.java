package io.brokerbench.harness.driver.inmemory;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A broker in the harness's own memory: one bounded FIFO queue per partition and subscription, and
 * one thread per consumer that drains its partitions' queues into its {@link Receiver}.
 *
 * <p>Two jobs. It is the test double the harness's own tests and the {@code DriverContract} run
 * against; and it is the harness's speed ceiling, since it costs about what a queue hand-off costs,
 * so a real system's figures can be read against it (the harness is never the bottleneck).
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
   * Messages per queue: with 1 KiB messages, 8 MiB per partition and subscription, deep enough that
   * the consumer, not the queue, sets the pace; a full queue blocks the producer as a broker's flow
   * control would.
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  /** Consumers are stopped and joined within this; they never wait longer than a park. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Set<GuaranteeTier> offered;
  private final int queueCapacity;
  private final Map<Integer, Set<Long>> drops;
  private final Map<Integer, Set<Long>> duplicates;
  private final boolean faulty;
  private final LongAdder enqueued = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
  private Topology topology;
  private GuaranteeTier tier;
  private List<List<List<ArrayBlockingQueue<byte[]>>>> queues;
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
    List<List<List<ArrayBlockingQueue<byte[]>>>> byTopic = new ArrayList<>();
    for (int t = 0; t < topology.topics(); t++) {
      List<List<ArrayBlockingQueue<byte[]>>> bySubscription = new ArrayList<>();
      for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
        List<ArrayBlockingQueue<byte[]>> byPartition = new ArrayList<>();
        for (int p = 0; p < topology.partitionsPerTopic(); p++) {
          byPartition.add(new ArrayBlockingQueue<>(queueCapacity));
        }
        bySubscription.add(byPartition);
      }
      byTopic.add(bySubscription);
    }
    this.queues = byTopic;
    this.topology = topology;
    this.tier = tier;
  }

  @Override
  public synchronized DriverConsumer startConsumer(
      int topic, int subscription, int consumer, Receiver receiver) {
    requirePrepared();
    List<ArrayBlockingQueue<byte[]>> partitions = queues.get(topic).get(subscription);
    List<ArrayBlockingQueue<byte[]>> mine = new ArrayList<>();
    for (int p : topology.partitionsOf(consumer)) {
      mine.add(partitions.get(p));
    }
    String name =
        "in-memory-consumer-" + topology.subscriptionName(topic, subscription) + "-c" + consumer;
    Consumer started = new Consumer(name, mine, receiver);
    consumers.add(started);
    started.thread.start();
    return started;
  }

  @Override
  public synchronized DriverProducer createProducer(
      int topic, int producer, Acknowledgements acknowledgements) {
    requirePrepared();
    return new Producer(queues.get(topic), acknowledgements, tier != GuaranteeTier.NONE);
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
    while (delivered.sum() != enqueued.sum()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(1);
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
    private final List<List<ArrayBlockingQueue<byte[]>>> subscriptions;
    private final Acknowledgements acknowledgements;
    private final boolean acknowledge;

    Producer(
        List<List<ArrayBlockingQueue<byte[]>>> subscriptions,
        Acknowledgements acknowledgements,
        boolean acknowledge) {
      this.subscriptions = subscriptions;
      this.acknowledgements = acknowledgements;
      this.acknowledge = acknowledge;
    }

    @Override
    public void send(int partition, byte[] payload) throws InterruptedException {
      int copies = faulty ? copies(payload) : 1;
      for (List<ArrayBlockingQueue<byte[]>> partitions : subscriptions) {
        ArrayBlockingQueue<byte[]> queue = partitions.get(partition);
        for (int i = 0; i < copies; i++) {
          // Counted before the put, so awaitDrained never sees delivered > enqueued.
          enqueued.increment();
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
    }
  }

  private final class Consumer implements DriverConsumer {
    private final Thread thread;
    private final List<ArrayBlockingQueue<byte[]>> partitions;
    private final Receiver receiver;
    private volatile boolean running = true;

    Consumer(String name, List<ArrayBlockingQueue<byte[]>> partitions, Receiver receiver) {
      this.partitions = partitions;
      this.receiver = receiver;
      this.thread = new Thread(this::run, name);
      thread.setDaemon(true);
    }

    private void run() {
      // Draining in batches takes each queue's lock once per batch, not once per message.
      List<byte[]> batch = new ArrayList<>(256);
      int idle = 0;
      while (running) {
        boolean any = false;
        for (ArrayBlockingQueue<byte[]> queue : partitions) {
          if (queue.drainTo(batch, 256) > 0) {
            any = true;
            for (byte[] payload : batch) {
              receiver.onPayload(payload);
            }
            delivered.add(batch.size());
            batch.clear();
          }
        }
        idle = any ? 0 : idle(idle);
      }
    }

    /**
     * Spin a little, then yield, then park for up to 100 µs: two cores are shared by producers,
     * consumers and the JIT, so an idle consumer must give its core away quickly, but not sleep so
     * long that it adds to the latency it measures.
     */
    private int idle(int idleRounds) {
      if (idleRounds < 20) {
        Thread.onSpinWait();
      } else if (idleRounds < 70) {
        Thread.yield();
      } else {
        long parkNs = Math.min(100_000L, 1_000L << Math.min(idleRounds - 70, 7));
        LockSupport.parkNanos(parkNs);
      }
      return idleRounds + 1;
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

    /** Messages per partition and subscription before a send blocks. */
    public Builder queueCapacity(int messages) {
      if (messages < 1) {
        throw new IllegalArgumentException("queueCapacity must be 1 or more, was " + messages);
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
