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

    /**
     * Waits until the consumers have received all they will, stops them, and reads what each
     * process received.
     *
     * @param faultNs when the fault took effect, or -1 for none
     */
    RecordedDeliveries collect(long faultNs) throws Exception;
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
   */
  public record Settings(
      int messageBytes,
      int ratePerSecond,
      Duration faultAfter,
      Duration duration,
      Duration drainIdle,
      Duration drainMax,
      Duration reconnectMax,
      Duration afterRecovery) {
    public Settings {
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
   */
  public record Outcome(Ledger ledger, Long recoveryMs, String note, List<String> failures) {
    public Outcome {
      failures = List.copyOf(failures);
    }
  }

  private final Topology topology;
  private final GuaranteeTier tier;
  private final DriverFactory drivers;
  private final boolean clientsSurvive;
  private final Settings settings;
  private final List<Session> sessions = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Recorder endToEnd = new Recorder(3);
  private final Recorder publish = new Recorder(3);
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
    try {
      Session session = open();
      if (outside != null) {
        outside.start();
      }
      int producerId = topology.producerId(0, 0);
      long periodNs = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
      long startNs = System.nanoTime();
      long faultAtNs = startNs + settings.faultAfter().toNanos();
      long endNs = startNs + settings.duration().toNanos();
      long intendedNs = startNs;
      boolean extended = false;
      while (true) {
        long now = System.nanoTime();
        if (!extended && faultDone != null && faultDone.isDone()) {
          extended = true;
          endNs = Math.max(endNs, now + settings.afterRecovery().toNanos());
        }
        if (now >= endNs) {
          break;
        }
        if (faultDone == null && fault != null && now >= faultAtNs) {
          Fault injected = fault;
          faultDone = faultThread.submit(() -> injected.inject(this::markDown));
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
          session.acknowledgements.onFailed(payload, new DriverException("client gone"));
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
      session.closeProducer(failures);
      Ledger ledger;
      Long recoveryMs;
      if (outside == null) {
        drain();
        ledger = settle(sent, finalRead, null);
        recoveryMs = recoveryMs();
      } else {
        RecordedDeliveries deliveries = outside.collect(faultNs == Long.MAX_VALUE ? -1 : faultNs);
        ledger = settle(sent, null, deliveries.received());
        recoveryMs = deliveries.recoveryMs(faultNs == Long.MAX_VALUE ? -1 : faultNs);
      }
      String note =
          faultNote
              + (reconnects > 0
                  ? (faultNote.isEmpty() ? "" : "; ")
                      + "the client's connection died with the broker: reconnected "
                      + reconnects
                      + " time(s)"
                  : "");
      return new Outcome(ledger, recoveryMs, note, failures);
    } finally {
      for (Session s : sessions) {
        s.closeQuietly(failures);
      }
      faultThread.shutdownNow();
    }
  }

  /** From the fault to the first delivery since, by the trial's own consumers; null for none. */
  private Long recoveryMs() {
    long first = Long.MAX_VALUE;
    for (Session s : sessions) {
      long at = s.receiver == null ? -1 : s.receiver.firstDeliverySinceWatchNs();
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
    for (Session s : sessions) {
      if (s.receiver != null) {
        s.receiver.watchFrom(now);
      }
    }
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
    sessions.add(session);
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
          for (Session s : sessions) {
            if (s.receiver != null) {
              delivered += s.receiver.delivered(0);
            }
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
    List<SendTracker> sends = new ArrayList<>();
    List<SequenceTracker> received = new ArrayList<>();
    for (Session s : sessions) {
      if (s.acknowledgements != null) {
        sends.add(s.acknowledgements.snapshot());
      }
      if (s.receiver != null) {
        received.add(s.receiver.snapshot());
        if (s.receiver.failure() != null) {
          failures.add("consumer: " + s.receiver.failure());
        }
      }
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
