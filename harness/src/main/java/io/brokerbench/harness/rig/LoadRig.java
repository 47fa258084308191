package io.brokerbench.harness.rig;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Backoff;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.measure.DeliveryTally;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.measure.SubscriptionTally;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Runs one trial of a topology through a {@link BrokerDriver}: starts every consumer, creates every
 * producer, then sends in phases ({@link #send}), each producer from its own thread, and keeps the
 * books.
 *
 * <p>Each producer stamps every message with the harness header (its id, the partition, its next
 * sequence number and the intended send time), spreads its messages over the partitions round
 * robin, and keeps a bounded in-flight window ({@link RigSettings#inFlightWindowMessages()}). When
 * a phase is paced, intended send times follow the plan's schedule (a fixed rate, or Poisson
 * arrivals at that mean rate: {@link Arrivals}) and the delay of each actual send behind its
 * intended time is recorded ({@link #sendDelayNs()}); unpaced, the intended time is the moment the
 * window let the message go. A paced producer that falls behind sends its late messages at once, so
 * the phase may last longer than planned: see {@link PacedPhase} for judging whether a system kept
 * up.
 *
 * <p>Three HdrHistogram {@link Recorder}s, in nanoseconds, collect the trial's latencies:
 * end-to-end ({@link #endToEndNs()}, written by the {@link Receiver}s), publish (until the broker's
 * acknowledgement, {@link #publishNs()}, written by the {@link Acknowledgements}) and send delay.
 * Any thread may take interval histograms from them; taking one after a warm-up phase discards the
 * warm-up. {@link #report()} gives the delivery accounting.
 *
 * <p>The rig borrows the driver: closing the rig closes the producers and consumers it made, and
 * the owner closes the driver afterwards.
 */
public final class LoadRig implements AutoCloseable {
  /** Three significant digits: 0.1% resolution, the HdrHistogram default in benchmarks. */
  private static final int SIGNIFICANT_DIGITS = 3;

  /**
   * The recorders' range, 1 ns to 2^62 ns (146 years): no latency can leave it, so no value is ever
   * refused. A fixed range makes a {@link Recorder} record into an {@code AtomicHistogram} (two
   * atomic increments per value) instead of an auto-resizing {@code ConcurrentHistogram} (four,
   * with a phaser of its own); at millions of values per second that was a quarter of a consumer's
   * time. It costs memory instead: about 440 KiB per histogram, two per recorder.
   */
  private static final long HIGHEST_TRACKABLE_NS = 1L << 62;

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final BrokerDriver driver;
  private final Topology topology;
  private final GuaranteeTier tier;
  private final RigSettings settings;
  private final NanoClock clock;
  private final Recorder endToEndNs = new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
  private final Recorder publishNs = new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
  private final Recorder sendDelayNs = new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);

  /** Indexed by {@link #consumerIndex}. */
  private final List<Receiver> receivers = new ArrayList<>();

  private final List<DriverConsumer> consumers = new ArrayList<>();

  /** Indexed by producer id. */
  private final List<Acknowledgements> acknowledgements = new ArrayList<>();

  private final List<DriverProducer> producers = new ArrayList<>();

  /** Per producer id: messages handed to the driver, which is also its next sequence number. */
  private final PerProducer sent;

  /** Per producer: nanoseconds spent waiting at a full in-flight window. */
  private final PerProducer windowWaitNs;

  /** The current phase's producer threads; replaced per phase, read by close() too. */
  private volatile List<Thread> sending = List.of();

  private volatile boolean stopping;
  private boolean closed;

  private LoadRig(
      BrokerDriver driver, Topology topology, GuaranteeTier tier, RigSettings settings) {
    this.driver = driver;
    this.topology = topology;
    this.tier = tier;
    this.settings = settings;
    this.clock = settings.clock();
    this.sent = new PerProducer(topology.totalProducers());
    this.windowWaitNs = new PerProducer(topology.totalProducers());
  }

  /**
   * Prepares the trial on {@code driver} and starts all its consumers, then creates all its
   * producers. On failure, whatever was started is closed again.
   *
   * @throws TierNotOfferedException if the driver's system does not offer {@code tier}
   * @throws DriverException if the driver could not set the trial up
   */
  public static LoadRig start(
      BrokerDriver driver, Topology topology, GuaranteeTier tier, RigSettings settings)
      throws DriverException {
    LoadRig rig = new LoadRig(driver, topology, tier, settings);
    try {
      rig.setUp();
    } catch (DriverException | RuntimeException e) {
      rig.closeQuietly();
      throw e;
    }
    return rig;
  }

  private void setUp() throws DriverException {
    driver.prepare(topology, tier);
    if (!driver.offers(tier)) {
      throw new IllegalStateException(
          driver.getClass().getName()
              + " prepared tier '"
              + tier
              + "' that it says it does not offer: a driver must throw TierNotOfferedException");
    }
    // Consumers first: every message sent after startConsumer returns must reach them.
    for (int t = 0; t < topology.topics(); t++) {
      for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
        for (int c = 0; c < topology.consumersPerSubscription(); c++) {
          Receiver receiver = new Receiver(topology, t, endToEndNs, clock);
          receivers.add(receiver);
          consumers.add(driver.startConsumer(t, s, c, receiver));
        }
      }
    }
    for (int t = 0; t < topology.topics(); t++) {
      for (int p = 0; p < topology.producersPerTopic(); p++) {
        Acknowledgements acks = new Acknowledgements(topology.producerId(t, p), publishNs, clock);
        acknowledgements.add(acks);
        producers.add(driver.createProducer(t, p, acks));
      }
    }
  }

  private int consumerIndex(int topic, int subscription, int consumer) {
    return (topic * topology.subscriptionsPerTopic() + subscription)
            * topology.consumersPerSubscription()
        + consumer;
  }

  /**
   * Sends one phase: every producer from its own thread, until the plan's count or duration is
   * reached. Sequence numbers continue from the previous phase. Returns when every producer has
   * stopped; the messages may still be on their way (see {@link #awaitDelivery}).
   *
   * @throws DriverException if a send failed, or a consumer or producer reported a failure; the
   *     other producers are stopped first
   */
  public SendResult send(SendPlan plan) throws DriverException, InterruptedException {
    if (closed) {
      throw new IllegalStateException("the rig is closed");
    }
    requireNoFailure();
    int total = topology.totalProducers();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    boolean[] stalled = new boolean[total];
    long[] scheduled = new long[total];
    long before = totalSent();
    stopping = false;
    long startNs = clock.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int id = 0; id < total; id++) {
      ProducerLoop loop = new ProducerLoop(id, plan, startNs, stalled, scheduled, failure);
      Thread thread = new Thread(loop, "bb-producer-" + id);
      thread.setDaemon(true);
      threads.add(thread);
    }
    sending = List.copyOf(threads);
    threads.forEach(Thread::start);
    try {
      for (Thread thread : threads) {
        while (thread.isAlive()) {
          thread.join(100);
          if (!stopping && (failure.get() != null || anyFailure() != null)) {
            // Interrupt too: a producer may be blocked in a send that will never complete.
            stopping = true;
            threads.forEach(Thread::interrupt);
          }
        }
      }
    } catch (InterruptedException e) {
      stopping = true;
      threads.forEach(Thread::interrupt);
      throw e;
    } finally {
      stopSending();
    }
    long elapsedNs = clock.nanoTime() - startNs;
    Throwable cause = failure.get();
    if (cause instanceof DriverException) {
      throw (DriverException) cause;
    }
    if (cause != null) {
      throw new DriverException("a producer failed: " + cause, cause);
    }
    requireNoFailure();
    int stalledCount = 0;
    for (boolean s : stalled) {
      stalledCount += s ? 1 : 0;
    }
    long scheduledCount = 0;
    for (long s : scheduled) {
      scheduledCount += s;
    }
    return new SendResult(totalSent() - before, elapsedNs, stalledCount, scheduledCount);
  }

  private void stopSending() throws InterruptedException {
    for (Thread thread : sending) {
      thread.interrupt();
      thread.join(CLOSE_WAIT.toMillis());
    }
  }

  private void requireNoFailure() throws DriverException {
    String failure = anyFailure();
    if (failure != null) {
      throw new DriverException("the trial failed: " + failure);
    }
  }

  /** The first consumer or producer failure a driver reported, or null. */
  private String anyFailure() {
    for (int i = 0; i < receivers.size(); i++) {
      String failure = receivers.get(i).failure();
      if (failure != null) {
        return "consumer " + consumerName(i) + ": " + failure;
      }
    }
    for (int id = 0; id < acknowledgements.size(); id++) {
      String failure = acknowledgements.get(id).failure();
      if (failure != null) {
        return "producer "
            + id
            + " of "
            + topology.topicName(topology.topicOf(id))
            + ": "
            + failure;
      }
    }
    return null;
  }

  private String consumerName(int index) {
    int c = index % topology.consumersPerSubscription();
    int subscriptionIndex = index / topology.consumersPerSubscription();
    int t = subscriptionIndex / topology.subscriptionsPerTopic();
    int s = subscriptionIndex % topology.subscriptionsPerTopic();
    return topology.subscriptionName(t, s) + "-c" + c;
  }

  /**
   * Waits until every message sent so far has reached every subscription (or, without
   * subscriptions, has been acknowledged; at tier {@code none} without subscriptions there is
   * nothing to wait for), not counting sends reported failed.
   *
   * @return true when all arrived; false when {@code timeout} passed first (messages were lost, see
   *     {@link #report()}) or a consumer or producer reported a failure
   */
  public boolean awaitDelivery(Duration timeout) throws InterruptedException {
    long deadline = clock.nanoTime() + timeout.toNanos();
    Backoff backoff = new Backoff();
    while (anyFailure() == null) {
      if (allDelivered()) {
        return true;
      }
      if (clock.nanoTime() - deadline > 0) {
        return false;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      backoff.idle();
    }
    return false;
  }

  private boolean allDelivered() {
    for (int id = 0; id < sent.length(); id++) {
      if (outstanding(id) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Messages of producer {@code id} sent but not yet received by its slowest subscription, less
   * those reported failed. Without subscriptions: sent but not acknowledged (tier {@code none}: 0).
   */
  private long outstanding(int id) {
    Acknowledgements acks = acknowledgements.get(id);
    long done = acks.failed();
    if (topology.subscriptionsPerTopic() == 0) {
      done += tier == GuaranteeTier.NONE ? sent.get(id) : acks.acknowledged();
    } else {
      done += minDelivered(id);
    }
    return sent.get(id) - done;
  }

  private long minDelivered(int id) {
    int topic = topology.topicOf(id);
    int producerIndex = id - topology.producerId(topic, 0);
    long min = Long.MAX_VALUE;
    for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
      long delivered = 0;
      for (int c = 0; c < topology.consumersPerSubscription(); c++) {
        delivered += receivers.get(consumerIndex(topic, s, c)).delivered(producerIndex);
      }
      min = Math.min(min, delivered);
    }
    return min;
  }

  /**
   * Nanoseconds the producers have spent waiting at a full in-flight window so far, summed over
   * producers. Near zero over a phase, the window never held a producer back: something else (the
   * system's own flow control, or its speed) set the pace. For a share of a phase: sample it twice.
   */
  public long windowWaitNs() {
    long total = 0;
    for (int id = 0; id < windowWaitNs.length(); id++) {
      total += windowWaitNs.get(id);
    }
    return total;
  }

  /**
   * First deliveries so far, summed over consumers: a message counts once per subscription that
   * received it (a duplicate across two consumers of one subscription counts twice; {@link
   * #report()} has the exact figures). For delivered throughput: sample it twice.
   */
  public long delivered() {
    long total = 0;
    for (int t = 0; t < topology.topics(); t++) {
      for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
        for (int c = 0; c < topology.consumersPerSubscription(); c++) {
          Receiver receiver = receivers.get(consumerIndex(t, s, c));
          for (int p = 0; p < topology.producersPerTopic(); p++) {
            total += receiver.delivered(p);
          }
        }
      }
    }
    return total;
  }

  /**
   * Messages acknowledged by the broker so far, all producers (at tier {@code none}: 0); from any
   * thread.
   */
  public long acknowledged() {
    long total = 0;
    for (Acknowledgements acks : acknowledgements) {
      total += acks.acknowledged();
    }
    return total;
  }

  /** Sends reported failed so far, all producers; from any thread. */
  public long failedSends() {
    long total = 0;
    for (Acknowledgements acks : acknowledgements) {
      total += acks.failed();
    }
    return total;
  }

  /** Messages handed to the drivers so far, all producers. */
  public long totalSent() {
    long total = 0;
    for (int id = 0; id < sent.length(); id++) {
      total += sent.get(id);
    }
    return total;
  }

  /**
   * The delivery accounting so far. Exact once {@link #send} has returned and the messages have
   * arrived ({@link #awaitDelivery}); safe to call at any time.
   */
  public DeliveryReport report() {
    List<SendTracker> sends = new ArrayList<>();
    long acknowledged = 0;
    long failed = 0;
    List<String> failures = new ArrayList<>();
    for (int id = 0; id < acknowledgements.size(); id++) {
      SendTracker tracker = acknowledgements.get(id).snapshot();
      sends.add(tracker);
      acknowledged += tracker.acknowledgedCount();
      failed += tracker.failedCount();
      String producer = "producer " + id + " of " + topology.topicName(topology.topicOf(id));
      if (acknowledgements.get(id).failure() != null) {
        failures.add(producer + ": " + acknowledgements.get(id).failure());
      }
      if (tracker.firstFailure() != null) {
        failures.add(
            producer
                + ": "
                + tracker.failedCount()
                + " send(s) failed, the first with "
                + tracker.firstFailure());
      }
    }
    for (int i = 0; i < receivers.size(); i++) {
      if (receivers.get(i).failure() != null) {
        failures.add("consumer " + consumerName(i) + ": " + receivers.get(i).failure());
      }
    }
    List<SubscriptionTally> subscriptions = new ArrayList<>();
    for (int t = 0; t < topology.topics(); t++) {
      int first = topology.producerId(t, 0);
      long[] sentByTopic = new long[topology.producersPerTopic()];
      for (int p = 0; p < sentByTopic.length; p++) {
        sentByTopic[p] = sent.get(first + p);
      }
      List<SendTracker> topicSends = sends.subList(first, first + sentByTopic.length);
      for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
        List<SequenceTracker> snapshots = new ArrayList<>();
        for (int c = 0; c < topology.consumersPerSubscription(); c++) {
          snapshots.add(receivers.get(consumerIndex(t, s, c)).snapshot());
        }
        subscriptions.add(DeliveryTally.subscription(t, s, sentByTopic, topicSends, snapshots));
      }
    }
    return new DeliveryReport(totalSent(), acknowledged, failed, subscriptions, failures);
  }

  /** End-to-end latency, intended send to receive, nanoseconds; first deliveries only. */
  public Recorder endToEndNs() {
    return endToEndNs;
  }

  /** Publish latency, intended send to the broker's acknowledgement, nanoseconds. */
  public Recorder publishNs() {
    return publishNs;
  }

  /** How late each paced send was behind its intended time, nanoseconds; empty when unpaced. */
  public Recorder sendDelayNs() {
    return sendDelayNs;
  }

  public Topology topology() {
    return topology;
  }

  public GuaranteeTier tier() {
    return tier;
  }

  /**
   * Stops any sending, closes the producers (which waits for their outstanding acknowledgements),
   * then the consumers. The driver stays open: its owner closes it.
   *
   * @throws DriverException naming every producer and consumer that did not close cleanly
   */
  @Override
  public void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    List<String> problems = new ArrayList<>();
    try {
      stopSending();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while stopping the producers");
    }
    for (int id = 0; id < producers.size(); id++) {
      try {
        producers.get(id).close();
      } catch (DriverException | RuntimeException e) {
        problems.add("producer " + id + ": " + e.getMessage());
      }
    }
    for (int i = 0; i < consumers.size(); i++) {
      try {
        consumers.get(i).close();
      } catch (DriverException | RuntimeException e) {
        problems.add("consumer " + consumerName(i) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new DriverException("closing the trial failed: " + String.join("; ", problems));
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (DriverException e) {
      // The failure that made us close is the one to report.
    }
  }

  /**
   * One counter per producer, each on cache lines of its own: a producer writes its counter at
   * every send, and producers whose counters shared a line would take the line from each other's
   * cores at every send. Any thread may read them.
   */
  private static final class PerProducer {
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

  /** One producer's sending phase, on its own thread. */
  private final class ProducerLoop implements Runnable {
    private final int id;
    private final int producerIndex;
    private final int partitions;
    private final SendPlan plan;
    private final long phaseStartNs;
    private final boolean[] stalled;
    private final long[] scheduled;
    private final AtomicReference<Throwable> failure;
    private final Acknowledgements acks;
    private final DriverProducer producer;
    private final int window = settings.inFlightWindowMessages();
    private final boolean windowed;
    private final Backoff backoff = new Backoff();

    /** Known to be done (received by all subscriptions, or failed); only grows. */
    private long doneLowerBound;

    ProducerLoop(
        int id,
        SendPlan plan,
        long phaseStartNs,
        boolean[] stalled,
        long[] scheduled,
        AtomicReference<Throwable> failure) {
      this.id = id;
      this.producerIndex = id - topology.producerId(topology.topicOf(id), 0);
      this.partitions = topology.partitionsPerTopic();
      this.plan = plan;
      this.phaseStartNs = phaseStartNs;
      this.stalled = stalled;
      this.scheduled = scheduled;
      this.failure = failure;
      this.acks = acknowledgements.get(id);
      this.producer = producers.get(id);
      // Alone, at tier none, nothing ever comes back to free a window.
      this.windowed = topology.subscriptionsPerTopic() > 0 || tier != GuaranteeTier.NONE;
    }

    @Override
    public void run() {
      try {
        sendAll();
      } catch (InterruptedException e) {
        // Stopped by the rig: the phase ends here.
      } catch (Throwable e) {
        failure.compareAndSet(
            null,
            e instanceof DriverException
                ? new DriverException(
                    "producer "
                        + id
                        + " of "
                        + topology.topicName(topology.topicOf(id))
                        + ": "
                        + e.getMessage(),
                    e)
                : e);
      }
    }

    private void sendAll() throws DriverException, InterruptedException {
      long firstSequence = sent.get(id);
      long lastSequence =
          plan.messagesPerProducer() == Long.MAX_VALUE
              ? SequenceTracker.MAX_SEQUENCE
              : Math.min(
                  SequenceTracker.MAX_SEQUENCE, firstSequence + plan.messagesPerProducer() - 1);
      long deadlineNs =
          plan.durationNs() == Long.MAX_VALUE ? Long.MAX_VALUE : phaseStartNs + plan.durationNs();
      Schedule schedule =
          plan.paced() ? new Schedule(plan, id, topology.totalProducers(), firstSequence) : null;
      try {
        sendEach(firstSequence, lastSequence, deadlineNs, schedule);
      } finally {
        scheduled[id] =
            schedule == null
                ? sent.get(id) - firstSequence
                : schedule.withinPhase(lastSequence - firstSequence + 1);
      }
    }

    private void sendEach(long firstSequence, long lastSequence, long deadlineNs, Schedule schedule)
        throws DriverException, InterruptedException {
      // Round robin over the partitions from (producerIndex + sequence) % partitions, counted on
      // rather than divided at every send.
      int partition = (int) ((producerIndex + firstSequence) % partitions);
      for (long sequence = firstSequence; sequence <= lastSequence; sequence++) {
        if (stopping) {
          return;
        }
        long intendedNs = 0;
        if (schedule != null) {
          intendedNs = phaseStartNs + schedule.next();
          if (intendedNs - deadlineNs >= 0) {
            return;
          }
          waitUntil(intendedNs);
        } else if (deadlineNs != Long.MAX_VALUE && clock.nanoTime() - deadlineNs >= 0) {
          return;
        }
        if (windowed && !awaitWindow(sequence, deadlineNs)) {
          return;
        }
        long nowNs = clock.nanoTime();
        if (schedule != null) {
          sendDelayNs.recordValue(Math.max(0, nowNs - intendedNs));
        } else {
          intendedNs = nowNs;
        }
        byte[] payload = new byte[plan.messageBytes()];
        PayloadHeader.write(payload, id, partition, sequence, intendedNs);
        producer.send(partition, payload);
        sent.setRelease(id, sequence + 1);
        partition = partition + 1 == partitions ? 0 : partition + 1;
      }
    }

    private void waitUntil(long intendedNs) throws InterruptedException {
      long remainingNs;
      while ((remainingNs = intendedNs - clock.nanoTime()) > 0) {
        if (stopping || Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (remainingNs > 200_000) {
          // Parks overshoot by ~50 µs on Linux: park short of the mark, spin the rest.
          LockSupport.parkNanos(remainingNs - 100_000);
        } else {
          Thread.yield();
        }
      }
    }

    /**
     * Waits while {@code sequence} (the number sent so far) would exceed the window. False when the
     * phase should end instead: its deadline passed, or no progress for the stall timeout.
     */
    private boolean awaitWindow(long sentSoFar, long deadlineNs) throws InterruptedException {
      if (sentSoFar - doneLowerBound < window) {
        return true;
      }
      long waitStartNs = clock.nanoTime();
      try {
        return awaitWindowSlowly(sentSoFar, deadlineNs);
      } finally {
        windowWaitNs.getAndAdd(id, clock.nanoTime() - waitStartNs);
      }
    }

    private boolean awaitWindowSlowly(long sentSoFar, long deadlineNs) throws InterruptedException {
      backoff.reset();
      long lastDone = -1;
      long lastProgressNs = clock.nanoTime();
      long stallNs = settings.stallTimeout().toNanos();
      while (true) {
        long done = sentSoFar - outstanding(id);
        doneLowerBound = Math.max(doneLowerBound, done);
        if (sentSoFar - done < window) {
          return true;
        }
        long nowNs = clock.nanoTime();
        if (done != lastDone) {
          lastDone = done;
          lastProgressNs = nowNs;
        } else if (nowNs - lastProgressNs > stallNs) {
          stalled[id] = true;
          return false;
        }
        if (deadlineNs != Long.MAX_VALUE && nowNs - deadlineNs >= 0) {
          return false;
        }
        if (stopping || Thread.interrupted()) {
          throw new InterruptedException();
        }
        backoff.idle();
      }
    }
  }
}
