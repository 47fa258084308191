package io.brokerbench.bench.durability;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * One crash trial through a {@link BrokerDriver}: one producer sends numbered messages at a steady
 * rate to one topic with one consumer; part-way, a fault runs in a thread of its own (SIGKILL of a
 * broker and its restart, say) while the producer goes on; then the producer stops, the consumers
 * drain, and the {@link Ledger} is settled from what was acknowledged and what arrived.
 *
 * <p>Clients that reconnect by themselves (Kafka's) run through the fault. Clients whose connection
 * dies with the broker (RabbitMQ's, which brokerbench runs without automatic recovery so that
 * nothing is papered over) get a new driver once the fault is over: it attaches to the same
 * topology (declaring a queue that survived is a no-op), and the producer goes on with the next
 * sequence number under the same producer id. The sends that failed in between are in the ledger as
 * failed.
 *
 * <p>Where the broker keeps a log that can be read again from the start (Kafka), a {@link
 * FinalRead} replaces the consumers' view: the ledger then counts what the log holds after the
 * recovery, which is what "durable" is about.
 */
public final class CrashTrial {

  /** The fault, run in its own thread once the producer has sent for {@code faultAfter}. */
  @FunctionalInterface
  public interface Fault {
    /**
     * Injects the fault and recovers from it (a kill, then a restart); returns a note or "".
     *
     * @param down to run the moment the fault has taken effect (the killed process is gone): the
     *     time to recover is measured from then, and only messages sent after it count for it
     */
    String inject(Runnable down) throws Exception;
  }

  /** Reads the whole topic again after the trial, into a tracker of the topology's topic 0. */
  @FunctionalInterface
  public interface FinalRead {
    SequenceTracker readAll(Topology topology) throws Exception;
  }

  /**
   * Consumers outside the trial's JVM, child processes that the fault crashes: the trial then only
   * produces, and asks them at the end what they received.
   */
  public interface OutsideConsumers {
    /**
     * Starts them: called once the trial has declared its topic or queue, before the first send.
     */
    void start() throws Exception;

    /** What the consumers have received so far, for what is at risk when the fault comes. */
    List<SequenceTracker> receivedNow() throws Exception;

    /**
     * Waits until the consumers have received all they will, stops them, and reads what each
     * process received.
     *
     * @param faultNs when the fault took effect, or -1 for none
     * @param acknowledged messages the broker acknowledged: until as many have arrived, the
     *     consumers get longer to go quiet (a consumer starved of CPU on a busy machine is not a
     *     loss)
     */
    RecordedDeliveries collect(long faultNs, long acknowledged) throws Exception;
  }

  /**
   * @param messageBytes size of each message, header included
   * @param ratePerSecond the producer's steady rate
   * @param faultAfter when the fault starts, from the first send
   * @param duration how long the producer sends in all
   * @param drainIdle the drain ends once nothing new arrived for this long
   * @param drainMax and at the latest after this
   * @param reconnectMax how long a producer whose client died waits for the fault to end and a new
   *     driver to connect
   * @param afterRecovery the producer sends at least this long after the fault has ended (the
   *     restarted broker answers), even past {@code duration}: the time to recover needs messages
   *     sent after the recovery, and a slow restart must not leave none
   * @param faultAtMessages the fault starts once this many messages are acknowledged (at tier
   *     {@code none}: sent and not refused), the same count for every system, so that each is
   *     exposed alike; at the latest at twice {@code faultAfter}, should the acknowledgements lag.
   *     0 starts the fault at {@code faultAfter}
   * @param backlogMessages the live consumer pauses (its consumer is closed) this many acknowledged
   *     messages before the fault, so that about as many are acknowledged and not yet consumed, at
   *     risk, when the fault comes; it resumes (a new consumer) once the fault is over. 0 keeps it
   *     consuming throughout
   * @param producerPauses the producer stops sending when the fault starts and resumes once it is
   *     over (the killed broker answers again), whatever its client would do by itself (Kafka's
   *     buffers and retries, RabbitMQ's fails): every system gets the same sends. False: it carries
   *     on through the fault, as against a cluster that should stay available
   */
  public record Settings(
      int messageBytes,
      int ratePerSecond,
      Duration faultAfter,
      Duration duration,
      Duration drainIdle,
      Duration drainMax,
      Duration reconnectMax,
      Duration afterRecovery,
      long faultAtMessages,
      long backlogMessages,
      boolean producerPauses) {

    /** A fault at {@code faultAfter}, the consumer never paused, the producer carrying on. */
    public Settings(
        int messageBytes,
        int ratePerSecond,
        Duration faultAfter,
        Duration duration,
        Duration drainIdle,
        Duration drainMax,
        Duration reconnectMax,
        Duration afterRecovery) {
      this(
          messageBytes,
          ratePerSecond,
          faultAfter,
          duration,
          drainIdle,
          drainMax,
          reconnectMax,
          afterRecovery,
          0,
          0,
          false);
    }

    public Settings {
      if (faultAtMessages < 0 || backlogMessages < 0 || backlogMessages > faultAtMessages) {
        throw new IllegalArgumentException(
            "faultAtMessages ("
                + faultAtMessages
                + ") and backlogMessages ("
                + backlogMessages
                + ") must be 0 or more, the backlog at most the fault's count");
      }
      if (messageBytes < PayloadHeader.BYTES) {
        throw new IllegalArgumentException(
            "messageBytes must hold the " + PayloadHeader.BYTES + "-byte header");
      }
      if (ratePerSecond <= 0) {
        throw new IllegalArgumentException("ratePerSecond must be positive");
      }
      if (faultAfter.compareTo(duration) >= 0) {
        throw new IllegalArgumentException("the fault must start before the producer stops");
      }
    }
  }

  /**
   * What the trial found.
   *
   * @param ledger the settled ledger
   * @param recoveryMs from the fault to the first delivery of a message sent after it; null when
   *     none arrived
   * @param note the fault's note and what the trial had to do (reconnects), for the report
   * @param failures the first failure of each client, one line each
   * @param atRisk acknowledged (at tier {@code none}: sent and not refused) and not yet received
   *     when the fault started: what the fault could take
   * @param refused sends the harness never handed to the system (its client was known dead), among
   *     the ledger's failed ones
   * @param readBack how the ledger's "received" was settled after the recovery, or "" when by the
   *     live consumers alone
   */
  public record Outcome(
      Ledger ledger,
      Long recoveryMs,
      String note,
      List<String> failures,
      long atRisk,
      long refused,
      String readBack) {
    public Outcome {
      failures = List.copyOf(failures);
      if (atRisk < 0 || refused < 0) {
        throw new IllegalArgumentException(
            "atRisk (" + atRisk + ") and refused (" + refused + ") must be 0 or more");
      }
    }

    /** Nothing counted at risk or refused, the ledger settled by the live consumers. */
    public Outcome(Ledger ledger, Long recoveryMs, String note, List<String> failures) {
      this(ledger, recoveryMs, note, failures, 0, 0, "");
    }
  }

  /** How a {@link FinalRead} settles the ledger, for the row's {@code readBack}. */
  static final String FINAL_READ =
      "fresh consumer from offset 0 of the partition after the recovery";

  /** How a paused consumer's successor settles the ledger where the broker keeps no log. */
  static final String QUEUE_READ =
      "fresh consumer on the queue after the recovery, reading from its head what the broker kept,"
          + " with what the live consumer had received before it paused";

  private final Topology topology;
  private final GuaranteeTier tier;
  private final DriverFactory drivers;
  private final boolean clientsSurvive;
  private final Settings settings;
  private final List<Session> sessions = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Recorder endToEnd = new Recorder(3);
  private final Recorder publish = new Recorder(3);
  private final List<Receiver> pausedReceivers = new ArrayList<>();

  /** The producer's session now, for a consumer resumed from the fault's thread. */
  private volatile Session current;

  /** The live consumer was paused before the fault. */
  private volatile boolean consumerPaused;

  /** A consumer for the paused one is started or being started. */
  private final java.util.concurrent.atomic.AtomicBoolean resuming =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Sends to a client known dead, never handed over: refused by the harness, not failed. */
  private SendTracker refusedSends;

  private long refused;
  private volatile long faultNs = Long.MAX_VALUE;
  private OutsideConsumers outside;

  /** Makes a new driver connected to the system under test. */
  @FunctionalInterface
  public interface DriverFactory {
    BrokerDriver open() throws DriverException;
  }

  /**
   * @param trialId names the trial's topic or queue
   * @param clientsSurvive true when the client reconnects by itself after the broker came back
   */
  public CrashTrial(
      String trialId,
      GuaranteeTier tier,
      DriverFactory drivers,
      boolean clientsSurvive,
      Settings settings) {
    this.topology = new Topology(trialId, 1, 1, 1, 1, 1);
    this.tier = tier;
    this.drivers = drivers;
    this.clientsSurvive = clientsSurvive;
    this.settings = settings;
  }

  /**
   * Runs the trial.
   *
   * @param fault the fault, or {@code null} for a trial without one
   * @param finalRead the re-read of the whole topic, or {@code null} to count what the consumers
   *     received
   */
  public Outcome run(Fault fault, FinalRead finalRead) throws Exception {
    return run(fault, finalRead, null);
  }

  /**
   * Runs the trial with the consumers outside: the producer sends through the fault (which crashes
   * and restarts a consumer, say), and the ledger counts what {@code consumers} received.
   */
  public Outcome runWithOutsideConsumers(Fault fault, OutsideConsumers consumers) throws Exception {
    return run(fault, null, consumers);
  }

  private Outcome run(Fault fault, FinalRead finalRead, OutsideConsumers consumers)
      throws Exception {
    this.outside = consumers;
    ExecutorService faultThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "brokerbench-fault");
              thread.setDaemon(true);
              return thread;
            });
    Future<String> faultDone = null;
    String faultNote = "";
    int reconnects = 0;
    long sent = 0;
    long atRisk = 0;
    long countAtFault = -1;
    boolean pauses = fault != null && outside == null && settings.backlogMessages() > 0;
    try {
      int producerId = topology.producerId(0, 0);
      refusedSends = new SendTracker(producerId);
      Session session = open();
      if (outside != null) {
        outside.start();
      }
      long periodNs = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
      long startNs = System.nanoTime();
      long faultAtNs =
          startNs + (settings.faultAtMessages() > 0 ? 2 : 1) * settings.faultAfter().toNanos();
      long endNs = startNs + settings.duration().toNanos();
      long intendedNs = startNs;
      boolean extended = false;
      while (true) {
        long now = System.nanoTime();
        if (!extended && faultDone != null && faultDone.isDone()) {
          extended = true;
          endNs = Math.max(endNs, now + settings.afterRecovery().toNanos());
        }
        current = session;
        if (consumerPaused
            && faultDone != null
            && faultDone.isDone()
            && session.consumer == null
            && !resuming.get()) {
          session = resumeConsumer(session);
        }
        boolean faultPending = fault != null && faultDone == null;
        if (now >= endNs && !faultPending) {
          break;
        }
        long counted = counted(sent);
        if (pauses
            && !consumerPaused
            && counted >= settings.faultAtMessages() - settings.backlogMessages()) {
          pause(session);
          consumerPaused = true;
        }
        if (faultPending
            && (settings.faultAtMessages() > 0 && counted >= settings.faultAtMessages()
                || now >= faultAtNs)) {
          countAtFault = counted;
          atRisk = atRisk(sent);
          Fault injected = fault;
          faultDone = faultThread.submit(() -> injected.inject(this::onDown));
          if (settings.producerPauses()) {
            // No sends while the broker is down: await the restart, then go on.
            faultNote = awaitFault(faultDone);
            faultDone = null;
            fault = null;
            if (!clientsSurvive) {
              // The old session is closed with the others at the end: its set-up connection, were
              // it alive, would delete the queue.
              session = reconnect();
              reconnects++;
            } else if (consumerPaused) {
              session = resumeConsumer(session);
            }
            intendedNs = System.nanoTime();
            extended = true;
            endNs = Math.max(endNs, intendedNs + settings.afterRecovery().toNanos());
            continue;
          }
        }
        if (intendedNs > now) {
          LockSupport.parkNanos(intendedNs - now);
        } else if (now - intendedNs > TimeUnit.SECONDS.toNanos(1)) {
          // Far behind (the client blocked through an outage): go on from now, no catch-up burst.
          intendedNs = now;
        }
        byte[] payload = new byte[settings.messageBytes()];
        PayloadHeader.write(payload, producerId, 0, sent, intendedNs);
        boolean dead = !clientsSurvive && session.failed();
        if (!dead) {
          try {
            session.producer.send(0, payload);
          } catch (DriverException e) {
            session.acknowledgements.onFailed(payload, e);
            dead = true;
          }
        } else {
          refusedSends.failed(producerId, sent, new DriverException("client gone"));
          refused++;
        }
        sent++;
        intendedNs += periodNs;
        if (dead) {
          if (clientsSurvive) {
            Thread.sleep(100);
          } else {
            faultNote = awaitFault(faultDone);
            faultDone = null;
            fault = null;
            // Its close fails (the connection is gone); that is the fault, not news.
            session.closeQuietly(new ArrayList<>());
            session = reconnect();
            reconnects++;
            intendedNs = System.nanoTime();
            extended = true;
            endNs = Math.max(endNs, intendedNs + settings.afterRecovery().toNanos());
          }
        }
      }
      if (faultDone != null) {
        faultNote = awaitFault(faultDone);
      }
      if (consumerPaused && session.consumer == null && !resuming.get()) {
        session = resumeConsumer(session);
      }
      session.closeProducer(failures);
      Ledger ledger;
      Long recoveryMs;
      String readBack = "";
      if (outside == null) {
        drain();
        ledger = settle(sent, finalRead, null);
        recoveryMs = recoveryMs();
        if (finalRead != null) {
          readBack = FINAL_READ;
        } else if (consumerPaused) {
          readBack = QUEUE_READ;
        }
      } else {
        RecordedDeliveries deliveries =
            outside.collect(faultNs == Long.MAX_VALUE ? -1 : faultNs, counted(sent));
        ledger = settle(sent, null, deliveries.received());
        recoveryMs = deliveries.recoveryMs(faultNs == Long.MAX_VALUE ? -1 : faultNs);
      }
      List<String> notes = new ArrayList<>();
      if (!faultNote.isEmpty()) {
        notes.add(faultNote);
      }
      if (countAtFault >= 0 && settings.faultAtMessages() > 0) {
        notes.add(
            "fault at "
                + countAtFault
                + (tier == GuaranteeTier.NONE ? " sent" : " acknowledged")
                + (consumerPaused
                    ? ", the consumer paused " + settings.backlogMessages() + " before"
                    : "")
                + (settings.producerPauses()
                    ? ", the producer paused until the broker answered again"
                    : ", the producer carried on"));
      }
      if (reconnects > 0) {
        notes.add(
            "the client's connection died with the broker: reconnected " + reconnects + " time(s)");
      }
      return new Outcome(
          ledger, recoveryMs, String.join("; ", notes), failures, atRisk, refused, readBack);
    } finally {
      for (Session s : sessions) {
        s.closeQuietly(failures);
      }
      faultThread.shutdownNow();
    }
  }

  /**
   * What counts towards the fault's moment: acknowledged messages, or at tier {@code none}, where
   * nothing is acknowledged, the sends the client did not refuse.
   */
  private long counted(long sent) {
    long acknowledged = 0;
    long failed = 0;
    for (Session s : sessions) {
      if (s.acknowledgements != null) {
        acknowledged += s.acknowledgements.acknowledged();
        failed += s.acknowledgements.failed();
      }
    }
    return tier == GuaranteeTier.NONE ? sent - failed : acknowledged;
  }

  /**
   * Acknowledged (at tier {@code none}: sent and not failed) and not yet received, now: a ledger
   * settled at this moment from what the consumers have so far.
   */
  private synchronized long atRisk(long sent) {
    Ledger now = Ledger.settle(sent, tier != GuaranteeTier.NONE, sendSnapshots(), receivedSoFar());
    return tier == GuaranteeTier.NONE
        ? now.unackedLost() - (now.failed() - now.recovered())
        : now.ackedLost();
  }

  /** Stops the live consumer: what is acknowledged from now on waits in the broker. */
  private synchronized void pause(Session session) {
    if (session.consumer == null) {
      return;
    }
    try {
      session.consumer.close();
    } catch (Exception e) {
      failures.add("pausing the consumer: " + e.getMessage());
    }
    session.consumer = null;
    pausedReceivers.add(session.receiver);
    session.receiver = null;
  }

  /**
   * A new consumer for the paused one, once the fault is over: on the session's driver where the
   * client survived the fault, else on a new connection (whose session starts its own).
   */
  private Session resumeConsumer(Session session) throws Exception {
    if (!session.failed() && startConsumerOn(session)) {
      return session;
    }
    return reconnect();
  }

  /**
   * Starts a consumer for the paused one on {@code session}'s driver, once: true when it runs or
   * another thread is starting it, false when it could not start.
   */
  private boolean startConsumerOn(Session session) {
    if (!resuming.compareAndSet(false, true)) {
      return true;
    }
    try {
      Receiver receiver = new Receiver(topology, 0, endToEnd, NanoClock.SYSTEM);
      synchronized (this) {
        if (faultNs != Long.MAX_VALUE) {
          receiver.watchFrom(faultNs);
        }
      }
      DriverConsumer consumer = session.driver.startConsumer(0, 0, 0, receiver);
      synchronized (this) {
        session.receiver = receiver;
        session.consumer = consumer;
      }
      return true;
    } catch (DriverException | RuntimeException e) {
      synchronized (this) {
        failures.add("resuming the consumer: " + e.getMessage());
      }
      resuming.set(false);
      return false;
    }
  }

  /**
   * The fault has taken effect. Where the producer carries on (the system should stay up), the
   * paused consumer resumes now, in a thread of its own so that the producer never waits for it:
   * its first delivery measures the failover, not the killed node's restart.
   */
  private void onDown() {
    markDown();
    Session session = current;
    if (consumerPaused && !settings.producerPauses() && outside == null && session != null) {
      Thread resume = new Thread(() -> startConsumerOn(session), "brokerbench-resume-consumer");
      resume.setDaemon(true);
      resume.start();
    }
  }

  /** From the fault to the first delivery since, by the trial's own consumers; null for none. */
  private Long recoveryMs() {
    long first = Long.MAX_VALUE;
    for (Receiver receiver : receivers()) {
      long at = receiver.firstDeliverySinceWatchNs();
      if (at >= 0) {
        first = Math.min(first, at);
      }
    }
    return faultNs == Long.MAX_VALUE || first == Long.MAX_VALUE
        ? null
        : TimeUnit.NANOSECONDS.toMillis(first - faultNs);
  }

  /** The trial's topology: one topic (named after the trial), one partition, one of each client. */
  public Topology topology() {
    return topology;
  }

  /** The fault has taken effect: recovery is measured from now. */
  private synchronized void markDown() {
    long now = System.nanoTime();
    faultNs = now;
    for (Receiver receiver : receivers()) {
      receiver.watchFrom(now);
    }
  }

  /** Every consumer's receiver, paused or live. */
  private synchronized List<Receiver> receivers() {
    List<Receiver> all = new ArrayList<>(pausedReceivers);
    for (Session s : sessions) {
      if (s.receiver != null) {
        all.add(s.receiver);
      }
    }
    return all;
  }

  private synchronized List<SendTracker> sendSnapshots() {
    List<SendTracker> sends = new ArrayList<>();
    sends.add(refusedSends.copy());
    for (Session s : sessions) {
      if (s.acknowledgements != null) {
        sends.add(s.acknowledgements.snapshot());
      }
    }
    return sends;
  }

  private List<SequenceTracker> receivedSoFar() {
    if (outside != null) {
      try {
        return outside.receivedNow();
      } catch (Exception e) {
        throw new IllegalStateException("reading what the consumers received: " + e, e);
      }
    }
    List<SequenceTracker> received = new ArrayList<>();
    for (Receiver receiver : receivers()) {
      received.add(receiver.snapshot());
    }
    return received;
  }

  private String awaitFault(Future<String> faultDone) throws Exception {
    if (faultDone == null) {
      return "";
    }
    try {
      return faultDone.get(settings.reconnectMax().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the fault failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the fault did not end within " + settings.reconnectMax().toSeconds() + " s", e);
    }
  }

  private Session reconnect() throws Exception {
    long deadline = System.nanoTime() + settings.reconnectMax().toNanos();
    DriverException last = null;
    while (System.nanoTime() < deadline) {
      try {
        Session session = open();
        synchronized (this) {
          if (session.receiver != null) {
            session.receiver.watchFrom(faultNs);
          }
        }
        return session;
      } catch (DriverException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException(
        "could not reconnect within " + settings.reconnectMax().toSeconds() + " s: " + last, last);
  }

  private Session open() throws DriverException {
    BrokerDriver driver = drivers.open();
    Session session = new Session(driver);
    synchronized (this) {
      sessions.add(session);
    }
    driver.prepare(topology, tier);
    if (outside == null) {
      session.receiver = new Receiver(topology, 0, endToEnd, NanoClock.SYSTEM);
      session.consumer = driver.startConsumer(0, 0, 0, session.receiver);
    }
    session.acknowledgements =
        new Acknowledgements(topology.producerId(0, 0), publish, NanoClock.SYSTEM);
    session.producer = driver.createProducer(0, 0, session.acknowledgements);
    return session;
  }

  /** Waits until the live consumers received nothing new for {@code drainIdle}. */
  private void drain() throws InterruptedException {
    awaitIdle(
        () -> {
          long delivered = 0;
          for (Receiver receiver : receivers()) {
            delivered += receiver.delivered(0);
          }
          return delivered;
        },
        settings.drainIdle(),
        settings.drainMax());
  }

  /** Something that counts what has arrived so far. */
  @FunctionalInterface
  interface Count {
    long now() throws Exception;
  }

  /**
   * Waits until {@code count} has not changed for {@code idle}, and at most {@code max}: the end of
   * a drain, however the arrivals are counted (deliveries, bytes of files).
   */
  static void awaitIdle(Count count, Duration idle, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long last = -1;
    long lastChangeNs = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now;
      try {
        now = count.now();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("counting what arrived: " + e.getMessage(), e);
      }
      if (now != last) {
        last = now;
        lastChangeNs = System.nanoTime();
      } else if (System.nanoTime() - lastChangeNs >= idle.toNanos()) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /**
   * @param outsideReceived what consumers outside the trial received, or null for the trial's own
   */
  private Ledger settle(long sent, FinalRead finalRead, List<SequenceTracker> outsideReceived)
      throws Exception {
    List<SendTracker> sends = sendSnapshots();
    List<SequenceTracker> received = receivedSoFar();
    for (Receiver receiver : receivers()) {
      if (receiver.failure() != null) {
        failures.add("consumer: " + receiver.failure());
      }
    }
    for (Session s : sessions) {
      if (s.acknowledgements != null && s.acknowledgements.failure() != null) {
        failures.add("producer: " + s.acknowledgements.failure());
      }
    }
    if (finalRead != null) {
      received = List.of(finalRead.readAll(topology));
    } else if (outsideReceived != null) {
      received = outsideReceived;
    }
    return Ledger.settle(sent, tier != GuaranteeTier.NONE, sends, received);
  }

  /** One driver with its consumer and producer. */
  private static final class Session {
    final BrokerDriver driver;
    Receiver receiver;
    DriverConsumer consumer;
    Acknowledgements acknowledgements;
    DriverProducer producer;
    boolean producerClosed;
    boolean closed;

    Session(BrokerDriver driver) {
      this.driver = driver;
    }

    boolean failed() {
      return (acknowledgements != null && acknowledgements.failure() != null)
          || (receiver != null && receiver.failure() != null);
    }

    void closeProducer(List<String> problems) {
      if (producer != null && !producerClosed) {
        producerClosed = true;
        try {
          producer.close();
        } catch (DriverException | RuntimeException e) {
          problems.add("closing the producer: " + e.getMessage());
        }
      }
    }

    void closeQuietly(List<String> problems) {
      if (closed) {
        return;
      }
      closed = true;
      closeProducer(problems);
      List<AutoCloseable> parts = new ArrayList<>();
      if (consumer != null) {
        parts.add(consumer);
      }
      parts.add(driver);
      for (AutoCloseable part : parts) {
        try {
          part.close();
        } catch (Exception e) {
          problems.add("closing: " + e.getMessage());
        }
      }
    }
  }
}
