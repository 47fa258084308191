package io.brokerbench.brokers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something accepts TCP connections on a port of 127.0.0.1. */
public final class TcpProbe {
  private TcpProbe() {}

  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
