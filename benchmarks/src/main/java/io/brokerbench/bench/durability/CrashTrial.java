package io.brokerbench.bench.durability;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;

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
 *
 * <p>This class holds the trial's contract: its hooks, {@link Settings} and {@link Outcome}. One
 * run's paced producer is {@link TrialRun}; the clients it opens and what they sent and received
 * are {@link TrialClients}.
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

    /** Notes one payload the read found: its producer's sequence number, or a foreign one. */
    static void record(SequenceTracker tracker, byte[] payload) {
      if (PayloadHeader.isHeader(payload)) {
        tracker.record(
            PayloadHeader.producerId(payload),
            PayloadHeader.partition(payload),
            PayloadHeader.sequence(payload));
      } else {
        tracker.recordForeign();
      }
    }
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
    TrialClients clients = new TrialClients(topology, tier, drivers, settings, consumers);
    return new TrialRun(clients, clientsSurvive).run(fault, finalRead);
  }

  /** The trial's topology: one topic (named after the trial), one partition, one of each client. */
  public Topology topology() {
    return topology;
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
}
