package io.brokerbench.bench.durability;

import io.brokerbench.bench.durability.ZeroMqFaults.Result;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.zeromq.ZmqConnect;
import io.brokerbench.brokers.zeromq.ZmqPeerProcess;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * ZeroMQ's consumer crash, the one {@link ZeroMqFaults} fault that runs its consumer in child JVMs:
 * the PUSH producer's paced loop, the recorders it starts, pauses and kills, and the reading of
 * their files. Apart from the PUB/SUB faults, which run in one JVM and share nothing of this.
 */
final class ZeroMqConsumerCrash {
  private static final int PRODUCER = ZeroMqFaults.PRODUCER;

  /**
   * How long a PUSH send may wait for room (the high-water mark is full while no peer takes
   * messages) before the harness gives up on it: a send ZeroMQ refused, not one it lost.
   */
  static final int SEND_TIMEOUT_MS = 100;

  private final DurabilitySettings settings;

  ZeroMqConsumerCrash(DurabilitySettings settings) {
    this.settings = settings;
  }

  /**
   * PUSH/PULL with the consumer in a child JVM that records every message it receives to a file.
   * The consumer stops reading (SIGSTOP) {@code backlogMessages} accepted sends before the crash,
   * so that what ZeroMQ accepted meanwhile sits in the consumer's socket buffers and queues; at
   * {@code faultAtMessages} accepted it is SIGKILLed, and a new one binds the same endpoint after
   * the outage. The producer stops at the crash and resumes once the new consumer runs, as the
   * brokers' producers do; PUSH reconnects by itself. A send that waits longer than {@link
   * #SEND_TIMEOUT_MS} is refused: the harness gave up on it, ZeroMQ never had it.
   */
  Result run(Path workDir) throws Exception {
    int port = Ports.free();
    String endpoint = "tcp://" + Ports.LOOPBACK + ":" + port;
    Files.createDirectories(workDir);
    List<Path> files = new ArrayList<>();
    SendTracker sends = new SendTracker(PRODUCER);
    long sent = 0;
    long refused = 0;
    long atRisk = 0;
    long acceptedAtFault = -1;
    long faultNs = -1;
    boolean paused = false;
    long acceptedAtPause = -1;
    ZmqPeerProcess consumer = recorder(endpoint, port, workDir, files);
    try (ZContext context = new ZContext()) {
      ZMQ.Socket push = context.createSocket(SocketType.PUSH);
      push.setSendTimeOut(SEND_TIMEOUT_MS);
      push.setLinger(2_000);
      ZmqConnect.connect(push, endpoint);
      long periodNs = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
      long startNs = System.nanoTime();
      long faultAtNs =
          startNs + (settings.faultAtMessages() > 0 ? 2 : 1) * settings.faultAfter().toNanos();
      long endNs = startNs + settings.duration().toNanos();
      long intendedNs = startNs;
      while (System.nanoTime() < endNs || faultNs < 0) {
        long now = System.nanoTime();
        long accepted = sent - refused;
        // Stop the consumer only once it has recorded a message: paused before the PUSH/PULL
        // connection came up, it would hold nothing, and the crash would find nothing at risk.
        if (!paused
            && settings.backlogMessages() > 0
            && accepted >= settings.faultAtMessages() - settings.backlogMessages()
            && Files.size(files.get(0)) > 0) {
          consumer.pause();
          paused = true;
          acceptedAtPause = accepted;
        }
        if (faultNs < 0
            && (settings.faultAtMessages() > 0 && accepted >= settings.faultAtMessages()
                || now >= faultAtNs)) {
          if (!firstRecorded(files.get(0), FIRST_RECORD_WAIT)) {
            // Not ZeroMQ losing messages: the connection never came up, and a ledger would
            // blame the crash for it; say so instead.
            throw new IllegalStateException(
                "the consumer peer received nothing before the fault (its log: "
                    + consumer.logFile()
                    + "); the PUSH/PULL connection never came up, so the crash was not measured");
          }
          acceptedAtFault = accepted;
          atRisk = acceptedNotReceived(sent, sends, RecordedDeliveries.read(files, PRODUCER, -1));
          consumer.kill();
          faultNs = System.nanoTime();
          // The producer waits out the outage and the new consumer's start, as against a broker.
          Thread.sleep(settings.outage().toMillis());
          consumer = recorder(endpoint, port, workDir, files);
          intendedNs = System.nanoTime();
          endNs = Math.max(endNs, intendedNs + settings.outage().multipliedBy(2).toNanos());
          continue;
        }
        if (intendedNs > now) {
          LockSupport.parkNanos(intendedNs - now);
        } else if (now - intendedNs > TimeUnit.SECONDS.toNanos(1)) {
          intendedNs = now;
        }
        byte[] payload = new byte[settings.messageBytes()];
        PayloadHeader.write(payload, PRODUCER, 0, sent, intendedNs);
        if (!push.send(payload)) {
          sends.failed(PRODUCER, sent, new IllegalStateException("send timed out at the HWM"));
          refused++;
        }
        sent++;
        intendedNs += periodNs;
      }
      // Let the live consumer take what PUSH still queues, then stop it cleanly.
      Thread.sleep(1_000);
    } finally {
      consumer.stop();
    }
    RecordedDeliveries deliveries = RecordedDeliveries.read(files, PRODUCER, faultNs);
    Ledger ledger = Ledger.settle(sent, false, List.of(sends), deliveries.received());
    Long recoveryMs = deliveries.recoveryMs(faultNs);
    return new Result(
        ledger,
        atRisk,
        refused,
        recoveryMs,
        pauseNote(paused, acceptedAtPause)
            + ", SIGKILLed at "
            + acceptedAtFault
            + " accepted; the producer paused "
            + settings.outage().toMillis()
            + " ms until a new one bound the endpoint; "
            + files.size()
            + " consumer processes in all");
  }

  private String pauseNote(boolean paused, long acceptedAtPause) {
    if (paused) {
      return "consumer JVM stopped reading (SIGSTOP) at " + acceptedAtPause + " accepted";
    }
    return settings.backlogMessages() == 0
        ? "consumer JVM kept reading"
        : "consumer JVM was never stopped (it had recorded nothing when the pause was due)";
  }

  /**
   * How long the crash waits for the first consumer's first record when the fault is due and it has
   * none: on the shared machine a child JVM's connection can come up seconds late, and the sends
   * queued meanwhile in PUSH arrive once it does.
   */
  static final Duration FIRST_RECORD_WAIT = Duration.ofSeconds(15);

  /** Whether the recorder's file holds a record, waiting up to {@code wait} for one. */
  private static boolean firstRecorded(Path file, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (Files.size(file) == 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Accepted (sent and not refused) and not yet received, by the recorders' files now. */
  private static long acceptedNotReceived(
      long sent, SendTracker sends, RecordedDeliveries received) {
    Ledger now = Ledger.settle(sent, false, List.of(sends.copy()), received.received());
    return now.unackedLost() - (now.failed() - now.recovered());
  }

  private ZmqPeerProcess recorder(String endpoint, int port, Path workDir, List<Path> files) {
    Path file = workDir.resolve("received-" + files.size() + ".bin");
    files.add(file);
    ZmqPeerProcess peer =
        new ZmqPeerProcess(
            "zeromq-recorder-" + files.size(),
            Map.of("PULL", port),
            List.of("record", endpoint, file.toString(), Integer.toString(PayloadHeader.BYTES)));
    peer.start();
    return peer;
  }
}
