package io.brokerbench.brokers.zeromq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.Ports;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A ZeroMQ peer in a child JVM exchanges 1,000 messages with the test, then is killed. */
class ZmqPeerProcessIT {
  private static final int MESSAGES = 1_000;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void echoPeerExchangesMessagesAndCanBeKilled() {
    int toPeer = Ports.free();
    int fromPeer = Ports.free();
    String toPeerEndpoint = "tcp://" + Ports.LOOPBACK + ":" + toPeer;
    String fromPeerEndpoint = "tcp://" + Ports.LOOPBACK + ":" + fromPeer;
    try (ZContext context = new ZContext();
        ZmqPeerProcess peer =
            new ZmqPeerProcess(
                "zeromq-echo",
                Map.of("PULL", toPeer),
                List.of("echo", toPeerEndpoint, fromPeerEndpoint))) {
      ZMQ.Socket replies = context.createSocket(SocketType.PULL);
      replies.bind(fromPeerEndpoint);
      replies.setReceiveTimeOut(1_000);
      peer.start();
      System.out.printf("zeromq peer: start-to-ready %d ms%n", peer.lastStartToReady().toMillis());

      ZMQ.Socket requests = context.createSocket(SocketType.PUSH);
      ZmqConnect.connect(requests, toPeerEndpoint);
      for (long seq = 0; seq < MESSAGES; seq++) {
        requests.send(ByteBuffer.allocate(Long.BYTES).putLong(0, seq).array());
      }
      // A loaded CI machine can hold the peer back for seconds: wait up to a minute, in 1 s polls,
      // and say what the peer was doing if the messages never come back.
      Set<Long> echoed = new TreeSet<>();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (echoed.size() < MESSAGES && System.nanoTime() < deadline && peer.isRunning()) {
        byte[] reply = replies.recv();
        if (reply != null) {
          echoed.add(ByteBuffer.wrap(reply).getLong());
        } else if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
      assertEquals(
          MESSAGES,
          echoed.size(),
          () ->
              "every message came back from the peer (peer running: "
                  + peer.isRunning()
                  + ", test thread interrupted: "
                  + Thread.currentThread().isInterrupted()
                  + ", errno "
                  + replies.errno()
                  + "); peer log:\n"
                  + logOf(peer));

      long pid = peer.pid();
      peer.kill();
      assertFalse(peer.isRunning());
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertTrue(peer.describe().pids().isEmpty());
    }
  }

  private static String logOf(ZmqPeerProcess peer) {
    try {
      return Files.readString(peer.logFile());
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
