package io.brokerbench.bench.durability;

import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.zeromq.ZmqConnect;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  static final int PRODUCER = 0;

  /**
   * What one fault found.
   *
   * @param ledger settled over every send, a refused one counted failed (ZeroMQ acknowledges
   *     nothing, so a send fails only when the harness gives up on it)
   * @param atRisk accepted and not yet received when the fault came
   * @param refused sends the harness gave up on ({@link ZeroMqConsumerCrash#SEND_TIMEOUT_MS}):
   *     never accepted
   */
  record Result(Ledger ledger, long atRisk, long refused, Long recoveryMs, String note) {
    Result(Ledger ledger, Long recoveryMs, String note) {
      this(ledger, 0, 0, recoveryMs, note);
    }
  }

  /** The durability suite's settings: size, rate, timing, and where the consumer crash comes. */
  private final DurabilitySettings settings;

  ZeroMqFaults(DurabilitySettings settings) {
    this.settings = settings;
  }

  /**
   * PUSH/PULL with the consumer in a child JVM that records every message it receives to a file:
   * see {@link ZeroMqConsumerCrash#run}.
   */
  Result consumerCrash(Path workDir) throws Exception {
    return new ZeroMqConsumerCrash(settings).run(workDir);
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
      sent = publish(pub, settings.duration(), 0);
      stop.set(true);
      subscriber.join(TimeUnit.SECONDS.toMillis(60));
    }
    Ledger ledger =
        Ledger.settle(sent, false, List.of(new SendTracker(PRODUCER)), List.of(tracker));
    return new Result(
        ledger,
        null,
        "publisher at "
            + settings.ratePerSecond()
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
                LockSupport.parkNanos(settings.faultAfter().toNanos());
                ZmqConnect.connect(sub, endpoint);
                receiveUntilIdle(sub, tracker, stop, Duration.ZERO);
              },
              "brokerbench-late-joiner");
      subscriber.start();
      sent = publish(pub, settings.duration(), 0);
      stop.set(true);
      subscriber.join(TimeUnit.SECONDS.toMillis(60));
    }
    Ledger ledger =
        Ledger.settle(sent, false, List.of(new SendTracker(PRODUCER)), List.of(tracker));
    return new Result(
        ledger,
        null,
        "subscriber connected "
            + settings.faultAfter().toMillis()
            + " ms after the publisher started at "
            + settings.ratePerSecond()
            + " msg/s");
  }

  private long publish(ZMQ.Socket pub, Duration forHowLong, long firstSequence) {
    long periodNs = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
    long startNs = System.nanoTime();
    long endNs = startNs + forHowLong.toNanos();
    long intendedNs = startNs;
    long sequence = firstSequence;
    while (System.nanoTime() < endNs) {
      long now = System.nanoTime();
      if (intendedNs > now) {
        LockSupport.parkNanos(intendedNs - now);
      }
      byte[] payload = new byte[settings.messageBytes()];
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
