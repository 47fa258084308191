package io.brokerbench.brokers.zeromq;

import io.brokerbench.brokers.JavaPeerProcess;
import java.util.List;
import java.util.Map;
import org.zeromq.ZMQ;

/**
 * A ZeroMQ peer ({@link ZmqPeer}) in a child JVM, so that a test can crash one side of a brokerless
 * exchange. Ready when the peer prints {@link ZmqPeer#READY}: its sockets are bound or connected.
 * The peer runs with the harness's own classpath (jeromq is pure Java).
 */
public final class ZmqPeerProcess extends JavaPeerProcess {

  /**
   * @param name the peer's name in messages
   * @param ports the ports the peer binds, role to port, for the description and the busy check
   * @param args the arguments of {@link ZmqPeer#main}: role and endpoints
   */
  public ZmqPeerProcess(String name, Map<String, Integer> ports, List<String> args) {
    super(name, ZmqPeer.class.getName(), ports, args, "ZeroMQ (jeromq)", jeromqVersion());
  }

  private static String jeromqVersion() {
    Package jeromq = ZMQ.class.getPackage();
    String version = jeromq == null ? null : jeromq.getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
