package io.brokerbench.bench.durability;

import io.brokerbench.bench.durability.CrashTrial.FinalRead;
import io.brokerbench.bench.durability.CrashTrial.OutsideConsumers;
import io.brokerbench.bench.durability.CrashTrial.Settings;
import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Recorder;

/**
 * The clients of one {@link TrialRun}: every session it opened (a driver with its consumer and
 * producer, a new one after each reconnect), the live consumer paused and resumed, the moment the
 * fault took effect, and what was sent, refused and received, down to the settled {@link Ledger}.
 * Its methods lock this object, so that the fault's thread and the producer see one state.
 */
final class TrialClients {
  private final Topology topology;
  private final GuaranteeTier tier;
  private final CrashTrial.DriverFactory drivers;
  private final Settings settings;
  private final OutsideConsumers outside;
  private final List<Session> sessions = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Recorder endToEnd = new Recorder(3);
  private final Recorder publish = new Recorder(3);
  private final List<RecoveryWatch> pausedReceivers = new ArrayList<>();

  /** A consumer for the paused one is started or being started. */
  private final AtomicBoolean resuming = new AtomicBoolean();

  /** Sends to a client known dead, never handed over: refused by the harness, not failed. */
  private final SendTracker refusedSends;

  private long refused;
  private volatile long faultNs = Long.MAX_VALUE;

  /**
   * @param outside consumers outside the trial's JVM, or null for the trial's own
   */
  TrialClients(
      Topology topology,
      GuaranteeTier tier,
      CrashTrial.DriverFactory drivers,
      Settings settings,
      OutsideConsumers outside) {
    this.topology = topology;
    this.tier = tier;
    this.drivers = drivers;
    this.settings = settings;
    this.outside = outside;
    this.refusedSends = new SendTracker(topology.producerId(0, 0));
  }

  Topology topology() {
    return topology;
  }

  GuaranteeTier tier() {
    return tier;
  }

  Settings settings() {
    return settings;
  }

  /** Consumers outside the trial's JVM, or null for the trial's own. */
  OutsideConsumers outside() {
    return outside;
  }

  /** A send not handed to a client known dead: failed in the ledger, counted as refused. */
  void refuse(int producerId, long sequence) {
    refusedSends.failed(producerId, sequence, new DriverException("client gone"));
    refused++;
  }

  long refused() {
    return refused;
  }

  /** When the fault took effect, or {@code Long.MAX_VALUE} before it. */
  long faultNs() {
    return faultNs;
  }

  /** A consumer for the paused one is started or being started. */
  boolean resuming() {
    return resuming.get();
  }

  /** The first failure of each client so far, one line each (a live list). */
  List<String> failures() {
    return failures;
  }

  /** Closes every session, noting what failed to close. */
  void closeAll() {
    for (Session s : sessions) {
      s.closeQuietly(failures);
    }
  }

  /**
   * What counts towards the fault's moment: acknowledged messages, or at tier {@code none}, where
   * nothing is acknowledged, the sends the client did not refuse.
   */
  long counted(long sent) {
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
  synchronized long atRisk(long sent) {
    Ledger now = Ledger.settle(sent, tier != GuaranteeTier.NONE, sendSnapshots(), receivedSoFar());
    return tier == GuaranteeTier.NONE
        ? now.unackedLost() - (now.failed() - now.recovered())
        : now.ackedLost();
  }

  /** Stops the live consumer: what is acknowledged from now on waits in the broker. */
  synchronized void pause(Session session) {
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
  Session resumeConsumer(Session session) throws Exception {
    if (!session.failed() && startConsumerOn(session)) {
      return session;
    }
    return reconnect();
  }

  /**
   * Starts a consumer for the paused one on {@code session}'s driver, once: true when it runs or
   * another thread is starting it, false when it could not start.
   */
  boolean startConsumerOn(Session session) {
    if (!resuming.compareAndSet(false, true)) {
      return true;
    }
    try {
      RecoveryWatch receiver =
          new RecoveryWatch(new Deliveries(topology, 0, endToEnd, NanoClock.SYSTEM));
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

  /** From the fault to the first delivery since, by the trial's own consumers; null for none. */
  Long recoveryMs() {
    long first = Long.MAX_VALUE;
    for (RecoveryWatch receiver : receivers()) {
      long at = receiver.firstDeliverySinceWatchNs();
      if (at >= 0) {
        first = Math.min(first, at);
      }
    }
    return faultNs == Long.MAX_VALUE || first == Long.MAX_VALUE
        ? null
        : TimeUnit.NANOSECONDS.toMillis(first - faultNs);
  }

  /** The fault has taken effect: recovery is measured from now. */
  synchronized void markDown() {
    long now = System.nanoTime();
    faultNs = now;
    for (RecoveryWatch receiver : receivers()) {
      receiver.watchFrom(now);
    }
  }

  /** Every consumer's receiver, paused or live. */
  private synchronized List<RecoveryWatch> receivers() {
    List<RecoveryWatch> all = new ArrayList<>(pausedReceivers);
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
    for (RecoveryWatch receiver : receivers()) {
      received.add(receiver.deliveries().snapshot());
    }
    return received;
  }

  Session reconnect() throws Exception {
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

  Session open() throws DriverException {
    BrokerDriver driver = drivers.open();
    Session session = new Session(driver);
    synchronized (this) {
      sessions.add(session);
    }
    driver.prepare(topology, tier);
    if (outside == null) {
      session.receiver = new RecoveryWatch(new Deliveries(topology, 0, endToEnd, NanoClock.SYSTEM));
      session.consumer = driver.startConsumer(0, 0, 0, session.receiver);
    }
    session.acknowledgements =
        new Acknowledgements(topology.producerId(0, 0), publish, NanoClock.SYSTEM);
    session.producer = driver.createProducer(0, 0, session.acknowledgements);
    return session;
  }

  /** Waits until the live consumers received nothing new for {@code drainIdle}. */
  void drain() throws InterruptedException {
    CrashTrial.awaitIdle(
        () -> {
          long delivered = 0;
          for (RecoveryWatch receiver : receivers()) {
            delivered += receiver.deliveries().delivered(0);
          }
          return delivered;
        },
        settings.drainIdle(),
        settings.drainMax());
  }

  /**
   * @param outsideReceived what consumers outside the trial received, or null for the trial's own
   */
  Ledger settle(long sent, FinalRead finalRead, List<SequenceTracker> outsideReceived)
      throws Exception {
    List<SendTracker> sends = sendSnapshots();
    List<SequenceTracker> received = receivedSoFar();
    for (RecoveryWatch receiver : receivers()) {
      if (receiver.deliveries().failure() != null) {
        failures.add("consumer: " + receiver.deliveries().failure());
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
  static final class Session {
    final BrokerDriver driver;
    RecoveryWatch receiver;
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
          || (receiver != null && receiver.deliveries().failure() != null);
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
