package io.brokerbench.bench.startup;

import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.zeromq.ZmqConnect;
import io.brokerbench.brokers.zeromq.ZmqPeerProcess;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * ZeroMQ has no broker: what starts is a peer JVM that echoes what it receives. The round trip goes
 * to it and back; "acknowledged" is what the sending socket accepted (ZeroMQ has no
 * acknowledgement).
 */
final class ZmqEcho implements Broker {
  private final int toPeer = Ports.free();
  private final int fromPeer = Ports.free();
  private final ZmqPeerProcess peer =
      new ZmqPeerProcess(
          "zeromq-echo",
          Map.of("PULL", toPeer),
          List.of("echo", endpoint(toPeer), endpoint(fromPeer)));

  private static String endpoint(int port) {
    return "tcp://" + Ports.LOOPBACK + ":" + port;
  }

  int[] roundTrip(int messages) {
    try (ZContext context = new ZContext()) {
      ZMQ.Socket replies = context.createSocket(SocketType.PULL);
      replies.setReceiveTimeOut(10_000);
      replies.bind(endpoint(fromPeer));
      ZMQ.Socket requests = context.createSocket(SocketType.PUSH);
      ZmqConnect.connect(requests, endpoint(toPeer));
      int accepted = 0;
      for (long seq = 0; seq < messages; seq++) {
        if (requests.send(
            ByteBuffer.allocate(StartupScenario.MESSAGE_BYTES).putLong(0, seq).array())) {
          accepted++;
        }
      }
      Set<Long> back = new HashSet<>();
      while (back.size() < accepted) {
        byte[] reply = replies.recv();
        if (reply == null) {
          break;
        }
        back.add(ByteBuffer.wrap(reply).getLong());
      }
      return new int[] {accepted, back.size()};
    }
  }

  @Override
  public String name() {
    return peer.name();
  }

  @Override
  public void start() {
    peer.start();
  }

  @Override
  public void stop() {
    peer.stop();
  }

  @Override
  public void kill() {
    peer.kill();
  }

  @Override
  public void pause() {
    peer.pause();
  }

  @Override
  public void resume() {
    peer.resume();
  }

  @Override
  public boolean isRunning() {
    return peer.isRunning();
  }

  @Override
  public Duration lastStartToReady() {
    return peer.lastStartToReady();
  }

  @Override
  public Description describe() {
    return peer.describe();
  }
}
