package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.zeromq.ZmqConnect;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The plainest jeromq exchange there is, as the reference for ZeroMQ: one PUSH socket sends {@code
 * messages} messages as fast as it can to one PULL socket over TCP on 127.0.0.1, each on its own
 * thread with jeromq's defaults; the figure is messages received per second, from the first send to
 * the last receive. It runs three times in one JVM and reports the median, so that the figure is of
 * compiled code, as the JMH trial's is after its warm-up.
 */
public final class JeromqLoop {
  private static final int RUNS = 3;

  private JeromqLoop() {}

  public static VendorResult run(int messages, int messageBytes) throws InterruptedException {
    VendorResult[] runs = new VendorResult[RUNS];
    for (int i = 0; i < RUNS; i++) {
      runs[i] = once(messages, messageBytes);
    }
    Arrays.sort(runs, Comparator.comparingDouble(VendorResult::msgPerSec));
    VendorResult median = runs[RUNS / 2];
    return new VendorResult(
        median.tool(),
        median.msgPerSec(),
        median.command(),
        String.format(
            "median of %d runs (%,.0f, %,.0f, %,.0f msg/s)",
            RUNS, runs[0].msgPerSec(), runs[1].msgPerSec(), runs[2].msgPerSec()));
  }

  private static VendorResult once(int messages, int messageBytes) throws InterruptedException {
    try (ZContext context = new ZContext()) {
      ZMQ.Socket pull = context.createSocket(SocketType.PULL);
      pull.bind("tcp://127.0.0.1:*");
      String endpoint = pull.getLastEndpoint();
      AtomicLong lastReceiveNs = new AtomicLong();
      Thread receiver =
          new Thread(
              () -> {
                for (int i = 0; i < messages; i++) {
                  if (pull.recv() == null) {
                    return;
                  }
                }
                lastReceiveNs.set(System.nanoTime());
              },
              "jeromq-loop-pull");
      receiver.start();
      ZMQ.Socket push = context.createSocket(SocketType.PUSH);
      ZmqConnect.connect(push, endpoint);
      byte[] payload = new byte[messageBytes];
      long firstSendNs = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        ByteBuffer.wrap(payload).putLong(0, i);
        push.send(payload);
      }
      receiver.join(120_000);
      if (lastReceiveNs.get() == 0) {
        throw new IllegalStateException("the jeromq loop did not receive all " + messages);
      }
      double perSec = messages * 1e9 / (lastReceiveNs.get() - firstSendNs);
      return new VendorResult(
          "jeromq PUSH/PULL loop",
          perSec,
          "JeromqLoop " + messages + " x " + messageBytes + " B over tcp://127.0.0.1",
          String.format(
              "%d messages in %.3f s", messages, (lastReceiveNs.get() - firstSendNs) / 1e9));
    }
  }
}
