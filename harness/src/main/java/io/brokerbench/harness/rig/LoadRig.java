package io.brokerbench.harness.rig;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Backoff;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
  final RigSettings settings;
  private final NanoClock clock;
  private final Recorder endToEndNs = new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
  private final Recorder publishNs = new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
  private final Recorder sendDelayNs = new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);

  /** What each producer sent and each consumer received: the trial's books. */
  final TrialBooks books;

  private final List<DriverConsumer> consumers = new ArrayList<>();

  /** Indexed by producer id. */
  private final List<DriverProducer> producers = new ArrayList<>();

  /** The current phase's producer threads; replaced per phase, read by close() too. */
  private volatile List<Thread> sending = List.of();

  /** Tells the producers' loops to stop; they read it at every send. */
  volatile boolean stopping;

  private boolean closed;

  private LoadRig(
      BrokerDriver driver, Topology topology, GuaranteeTier tier, RigSettings settings) {
    this.driver = driver;
    this.topology = topology;
    this.tier = tier;
    this.settings = settings;
    this.clock = settings.clock();
    this.books = new TrialBooks(topology, tier);
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
          Deliveries receiver = new Deliveries(topology, t, endToEndNs, clock);
          books.receivers.add(receiver);
          consumers.add(driver.startConsumer(t, s, c, receiver));
        }
      }
    }
    for (int t = 0; t < topology.topics(); t++) {
      for (int p = 0; p < topology.producersPerTopic(); p++) {
        Acknowledgements acks = new Acknowledgements(topology.producerId(t, p), publishNs, clock);
        books.acknowledgements.add(acks);
        producers.add(driver.createProducer(t, p, acks));
      }
    }
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
    long before = totalSent();
    stopping = false;
    long startNs = clock.nanoTime();
    List<ProducerLoop> loops = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int id = 0; id < total; id++) {
      ProducerLoop loop = new ProducerLoop(this, id, plan, startNs, failure, producers.get(id));
      loops.add(loop);
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
          if (!stopping && (failure.get() != null || books.anyFailure() != null)) {
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
    long scheduledCount = 0;
    for (ProducerLoop loop : loops) {
      ProducerLoop.Outcome outcome = loop.outcome();
      stalledCount += outcome.stalled() ? 1 : 0;
      scheduledCount += outcome.scheduled();
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
    String failure = books.anyFailure();
    if (failure != null) {
      throw new DriverException("the trial failed: " + failure);
    }
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
    while (books.anyFailure() == null) {
      if (books.allDelivered()) {
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

  /**
   * Nanoseconds the producers have spent waiting at a full in-flight window so far, summed over
   * producers. Near zero over a phase, the window never held a producer back: something else (the
   * system's own flow control, or its speed) set the pace. For a share of a phase: sample it twice.
   */
  public long windowWaitNs() {
    return books.windowWaitNs();
  }

  /**
   * First deliveries so far, summed over consumers: a message counts once per subscription that
   * received it (a duplicate across two consumers of one subscription counts twice; {@link
   * #report()} has the exact figures). For delivered throughput: sample it twice.
   */
  public long delivered() {
    return books.delivered();
  }

  /**
   * Messages acknowledged by the broker so far, all producers (at tier {@code none}: 0); from any
   * thread.
   */
  public long acknowledged() {
    return books.acknowledged();
  }

  /** Sends reported failed so far, all producers; from any thread. */
  public long failedSends() {
    return books.failedSends();
  }

  /** Messages handed to the drivers so far, all producers. */
  public long totalSent() {
    return books.totalSent();
  }

  /**
   * The delivery accounting so far. Exact once {@link #send} has returned and the messages have
   * arrived ({@link #awaitDelivery}); safe to call at any time.
   */
  public DeliveryReport report() {
    return books.report();
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
        problems.add("consumer " + books.consumerName(i) + ": " + e.getMessage());
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
}
