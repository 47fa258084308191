package io.brokerbench.brokers.zeromq;

import io.brokerbench.brokers.DeliveryLog;
import io.brokerbench.brokers.JavaPeerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The {@code main} of a ZeroMQ peer in a child JVM: ZeroMQ has no broker, so the process that can
 * crash is a peer. Started by {@link ZmqPeerProcess}; prints {@value #READY} once its sockets are
 * bound or connected, and a final {@code DONE <count>} line.
 *
 * <p>Roles:
 *
 * <ul>
 *   <li>{@code echo <pullEndpoint> <pushEndpoint>}: binds a PULL socket, connects a PUSH socket,
 *       and forwards every message it receives until killed.
 *   <li>{@code sink <pullEndpoint> <count>}: binds a PULL socket and receives {@code count}
 *       messages.
 *   <li>{@code source <pushEndpoint> <count> <messageBytes>}: connects a PUSH socket and sends
 *       {@code count} messages numbered from 0.
 *   <li>{@code record <pullEndpoint> <file> <headerBytes>}: binds a PULL socket and appends every
 *       message it receives to a {@link DeliveryLog} in {@code file}: what a killed recorder had
 *       received is in the file.
 * </ul>
 */
public final class ZmqPeer {
  /** The line a peer prints once it can exchange messages. */
  public static final String READY = JavaPeerProcess.READY;

  private ZmqPeer() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    if (args.length < 2) {
      out.println("usage: ZmqPeer echo|sink|source <endpoint> ...");
      return 2;
    }
    try (ZContext context = new ZContext()) {
      switch (args[0].toLowerCase(Locale.ROOT)) {
        case "echo":
          return echo(context, args[1], args[2], out);
        case "sink":
          return sink(context, args[1], Long.parseLong(args[2]), out);
        case "record":
          return record(context, args[1], Path.of(args[2]), Integer.parseInt(args[3]), out);
        case "source":
          return source(context, args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]), out);
        default:
          out.println("unknown role " + args[0] + ": expected echo, sink or source");
          return 2;
      }
    }
  }

  private static int echo(
      ZContext context, String pullEndpoint, String pushEndpoint, PrintStream out) {
    ZMQ.Socket pull = context.createSocket(SocketType.PULL);
    pull.bind(pullEndpoint);
    ZMQ.Socket push = context.createSocket(SocketType.PUSH);
    ZmqConnect.connect(push, pushEndpoint);
    out.println(READY);
    out.flush();
    long count = 0;
    while (!Thread.currentThread().isInterrupted()) {
      byte[] message = pull.recv();
      if (message == null) {
        break;
      }
      push.send(message);
      count++;
    }
    out.println("DONE " + count);
    return 0;
  }

  private static int sink(ZContext context, String pullEndpoint, long expected, PrintStream out) {
    ZMQ.Socket pull = context.createSocket(SocketType.PULL);
    pull.bind(pullEndpoint);
    out.println(READY);
    out.flush();
    long count = 0;
    while (count < expected && pull.recv() != null) {
      count++;
    }
    out.println("DONE " + count);
    return 0;
  }

  private static int record(
      ZContext context, String pullEndpoint, Path file, int headerBytes, PrintStream out) {
    ZMQ.Socket pull = context.createSocket(SocketType.PULL);
    pull.bind(pullEndpoint);
    try (DeliveryLog log = new DeliveryLog(file, headerBytes)) {
      out.println(READY);
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        byte[] message = pull.recv();
        if (message == null) {
          break;
        }
        log.append(message, System.nanoTime());
      }
      out.println("DONE " + log.count());
      return 0;
    } catch (IOException e) {
      out.println("cannot write " + file + ": " + e);
      return 1;
    }
  }

  private static int source(
      ZContext context, String pushEndpoint, long count, int messageBytes, PrintStream out) {
    ZMQ.Socket push = context.createSocket(SocketType.PUSH);
    ZmqConnect.connect(push, pushEndpoint);
    out.println(READY);
    out.flush();
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(Long.BYTES, messageBytes));
    for (long seq = 0; seq < count; seq++) {
      buffer.clear();
      buffer.putLong(0, seq);
      push.send(buffer.array());
    }
    // Linger (the context's default) lets queued messages go out before the socket closes.
    out.println("DONE " + count);
    return 0;
  }
}
