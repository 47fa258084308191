package io.brokerbench.bench.durability;

import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.zeromq.ZmqConnect;
import io.brokerbench.brokers.zeromq.ZmqPeerProcess;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The ZeroMQ faults: ZeroMQ has no broker, so what fails is a peer, and what a claim like "not
 * reliable delivery-wise" is about is what its sockets do with a dead, slow or late peer. Each is
 * measured with jeromq sockets and the harness's numbered payloads, and settled in the same {@link
 * Ledger} as the brokers' trials (tier {@code none}: ZeroMQ acknowledges nothing).
 */
final class ZeroMqFaults {
  private static final int PRODUCER = 0;

  /**
   * What one fault found.
   *
   * @param ledger settled over every send, a refused one counted failed (ZeroMQ acknowledges
   *     nothing, so a send fails only when the harness gives up on it)
   * @param atRisk accepted and not yet received when the fault came
   * @param refused sends the harness gave up on ({@link #SEND_TIMEOUT_MS}): never accepted
   */
  record Result(Ledger ledger, long atRisk, long refused, Long recoveryMs, String note) {
    Result(Ledger ledger, Long recoveryMs, String note) {
      this(ledger, 0, 0, recoveryMs, note);
    }
  }

  /**
   * How long a PUSH send may wait for room (the high-water mark is full while no peer takes
   * messages) before the harness gives up on it: a send ZeroMQ refused, not one it lost.
   */
  static final int SEND_TIMEOUT_MS = 100;

  private final int messageBytes;
  private final int ratePerSecond;
  private final Duration faultAfter;
  private final Duration duration;
  private final Duration outage;
  private final long faultAtMessages;
  private final long backlogMessages;

  /**
   * @param faultAtMessages the consumer crash comes once ZeroMQ has accepted this many sends (at
   *     the latest at twice {@code faultAfter}); 0: at {@code faultAfter}
   * @param backlogMessages the consumer stops reading (SIGSTOP) this many accepted sends before the
   *     crash, so that what ZeroMQ accepted waits in the consumer's socket buffers and queues
   */
  ZeroMqFaults(
      int messageBytes,
      int ratePerSecond,
      Duration faultAfter,
      Duration duration,
      Duration outage,
      long faultAtMessages,
      long backlogMessages) {
    if (backlogMessages < 0 || backlogMessages > faultAtMessages) {
      throw new IllegalArgumentException(
          "backlogMessages must be 0 to faultAtMessages ("
              + faultAtMessages
              + "), was "
              + backlogMessages);
    }
    this.messageBytes = messageBytes;
    this.ratePerSecond = ratePerSecond;
    this.faultAfter = faultAfter;
    this.duration = duration;
    this.outage = outage;
    this.faultAtMessages = faultAtMessages;
    this.backlogMessages = backlogMessages;
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
  Result consumerCrash(Path workDir) throws Exception {
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
      long periodNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
      long startNs = System.nanoTime();
      long faultAtNs = startNs + (faultAtMessages > 0 ? 2 : 1) * faultAfter.toNanos();
      long endNs = startNs + duration.toNanos();
      long intendedNs = startNs;
      while (System.nanoTime() < endNs || faultNs < 0) {
        long now = System.nanoTime();
        long accepted = sent - refused;
        // Stop the consumer only once it has recorded a message: paused before the PUSH/PULL
        // connection came up, it would hold nothing, and the crash would find nothing at risk.
        if (!paused
            && backlogMessages > 0
            && accepted >= faultAtMessages - backlogMessages
            && Files.size(files.get(0)) > 0) {
          consumer.pause();
          paused = true;
          acceptedAtPause = accepted;
        }
        if (faultNs < 0
            && (faultAtMessages > 0 && accepted >= faultAtMessages || now >= faultAtNs)) {
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
          Thread.sleep(outage.toMillis());
          consumer = recorder(endpoint, port, workDir, files);
          intendedNs = System.nanoTime();
          endNs = Math.max(endNs, intendedNs + outage.multipliedBy(2).toNanos());
          continue;
        }
        if (intendedNs > now) {
          LockSupport.parkNanos(intendedNs - now);
        } else if (now - intendedNs > TimeUnit.SECONDS.toNanos(1)) {
          intendedNs = now;
        }
        byte[] payload = new byte[messageBytes];
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
            + outage.toMillis()
            + " ms until a new one bound the endpoint; "
            + files.size()
            + " consumer processes in all");
  }

  private String pauseNote(boolean paused, long acceptedAtPause) {
    if (paused) {
      return "consumer JVM stopped reading (SIGSTOP) at " + acceptedAtPause + " accepted";
    }
    return backlogMessages == 0
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

  /**
   * The kernel's socket buffers of the slow-subscriber run, each side: Linux sizes loopback buffers
   * automatically up to several MiB, which hold thousands of 1 KiB messages beyond any high-water
   * mark, so a short run would show the kernel's buffering and not ZeroMQ's policy (measured: a 4 s
   * smoke run lost nothing with the defaults). 128 KiB keeps the mark the deciding queue; the row's
   * note says so.
   */
  static final int SLOW_SUBSCRIBER_SOCKET_BUFFER = 128 * 1024;

  /**
   * PUB/SUB with a subscriber that takes {@code perMessage} of work per message, slower than the
   * publisher's rate, and a high-water mark of {@code highWaterMark} messages on both sides: PUB
   * drops what does not fit, without telling anybody. Measured in one JVM: the sockets, not the
   * processes, decide what is dropped.
   */
  Result slowSubscriber(int highWaterMark, Duration perMessage) throws Exception {
    int port = Ports.free();
    String endpoint = "tcp://" + Ports.LOOPBACK + ":" + port;
    SequenceTracker tracker = new SequenceTracker(PRODUCER, 1, 1);
    AtomicBoolean stop = new AtomicBoolean();
    long sent;
    try (ZContext context = new ZContext()) {
      // The subscriber binds and the publisher connects (ZeroMQ allows either): a socket buffer
      // size applies to a connected channel, and a bound PUB's listening channel refuses SO_SNDBUF.
      ZMQ.Socket sub = context.createSocket(SocketType.SUB);
      sub.setRcvHWM(highWaterMark);
      sub.setReceiveBufferSize(SLOW_SUBSCRIBER_SOCKET_BUFFER);
      sub.setReceiveTimeOut(100);
      sub.subscribe(new byte[0]);
      sub.bind(endpoint);
      ZMQ.Socket pub = context.createSocket(SocketType.PUB);
      pub.setSndHWM(highWaterMark);
      pub.setSendBufferSize(SLOW_SUBSCRIBER_SOCKET_BUFFER);
      pub.setLinger(0);
      ZmqConnect.connect(pub, endpoint);
      awaitSubscription(pub, sub);
      Thread subscriber =
          new Thread(
              () -> receiveUntilIdle(sub, tracker, stop, perMessage),
              "brokerbench-slow-subscriber");
      subscriber.start();
      sent = publish(pub, duration, 0);
      stop.set(true);
      subscriber.join(TimeUnit.SECONDS.toMillis(60));
    }
    Ledger ledger =
        Ledger.settle(sent, false, List.of(new SendTracker(PRODUCER)), List.of(tracker));
    return new Result(
        ledger,
        null,
        "publisher at "
            + ratePerSecond
            + " msg/s, subscriber working "
            + perMessage.toNanos() / 1_000
            + " µs per message, high-water mark "
            + highWaterMark
            + " on PUB and SUB, socket buffers "
            + SLOW_SUBSCRIBER_SOCKET_BUFFER / 1024
            + " KiB");
  }

  /**
   * PUB/SUB where the subscriber connects {@code faultAfter} after the publisher started: what was
   * published before it joined never reaches it.
   */
  Result lateJoiner() throws Exception {
    int port = Ports.free();
    String endpoint = "tcp://" + Ports.LOOPBACK + ":" + port;
    SequenceTracker tracker = new SequenceTracker(PRODUCER, 1, 1);
    AtomicBoolean stop = new AtomicBoolean();
    long sent;
    try (ZContext context = new ZContext()) {
      ZMQ.Socket pub = context.createSocket(SocketType.PUB);
      pub.setLinger(0);
      pub.bind(endpoint);
      ZMQ.Socket sub = context.createSocket(SocketType.SUB);
      sub.setReceiveTimeOut(100);
      sub.subscribe(new byte[0]);
      Thread subscriber =
          new Thread(
              () -> {
                LockSupport.parkNanos(faultAfter.toNanos());
                ZmqConnect.connect(sub, endpoint);
                receiveUntilIdle(sub, tracker, stop, Duration.ZERO);
              },
              "brokerbench-late-joiner");
      subscriber.start();
      sent = publish(pub, duration, 0);
      stop.set(true);
      subscriber.join(TimeUnit.SECONDS.toMillis(60));
    }
    Ledger ledger =
        Ledger.settle(sent, false, List.of(new SendTracker(PRODUCER)), List.of(tracker));
    return new Result(
        ledger,
        null,
        "subscriber connected "
            + faultAfter.toMillis()
            + " ms after the publisher started at "
            + ratePerSecond
            + " msg/s");
  }

  private long publish(ZMQ.Socket pub, Duration forHowLong, long firstSequence) {
    long periodNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    long startNs = System.nanoTime();
    long endNs = startNs + forHowLong.toNanos();
    long intendedNs = startNs;
    long sequence = firstSequence;
    while (System.nanoTime() < endNs) {
      long now = System.nanoTime();
      if (intendedNs > now) {
        LockSupport.parkNanos(intendedNs - now);
      }
      byte[] payload = new byte[messageBytes];
      PayloadHeader.write(payload, PRODUCER, 0, sequence, intendedNs);
      pub.send(payload);
      sequence++;
      intendedNs += periodNs;
    }
    return sequence - firstSequence;
  }

  /**
   * PUB drops everything until the subscription has reached it; a probe message that is not a
   * harness payload is published until the subscriber sees one, so the slow-subscriber run starts
   * with a connected subscriber and measures only the high-water mark.
   */
  private static void awaitSubscription(ZMQ.Socket pub, ZMQ.Socket sub) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      pub.send(new byte[] {0});
      byte[] probe = sub.recv();
      if (probe != null) {
        // Drain further probes.
        sub.setReceiveTimeOut(50);
        while (sub.recv() != null) {
          // a probe
        }
        sub.setReceiveTimeOut(100);
        return;
      }
    }
    throw new IOException("the subscriber did not connect to the publisher within 10 s");
  }

  /**
   * Receives into {@code tracker}, working {@code perMessage} after each message, until {@code
   * stop} is set and nothing more came for 500 ms.
   */
  private static void receiveUntilIdle(
      ZMQ.Socket sub, SequenceTracker tracker, AtomicBoolean stop, Duration perMessage) {
    long idleSince = -1;
    while (true) {
      byte[] message = sub.recv();
      if (message == null) {
        if (stop.get()) {
          if (idleSince < 0) {
            idleSince = System.nanoTime();
          } else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(500)) {
            return;
          }
        }
        continue;
      }
      idleSince = -1;
      record(tracker, message);
      if (!perMessage.isZero()) {
        LockSupport.parkNanos(perMessage.toNanos());
      }
    }
  }

  private static void record(SequenceTracker tracker, byte[] message) {
    if (PayloadHeader.isHeader(message)) {
      tracker.record(
          PayloadHeader.producerId(message),
          PayloadHeader.partition(message),
          PayloadHeader.sequence(message));
    } else if (message.length != 1) {
      tracker.recordForeign();
    }
  }
}
