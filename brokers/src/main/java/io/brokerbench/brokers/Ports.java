package io.brokerbench.brokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports on 127.0.0.1: picking free ones, and refusing busy ones with a message that says what to
 * do.
 */
public final class Ports {
  /** The only address brokerbench binds or connects to when it starts brokers itself. */
  public static final String LOOPBACK = "127.0.0.1";

  // Ports handed out in this JVM: two launchers asking at once must not get the same one.
  private static final Set<Integer> handedOut = new HashSet<>();

  private Ports() {}

  /** A port that nothing listens on now and that this JVM has not handed out before. */
  public static synchronized int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        int port = socket.getLocalPort();
        if (handedOut.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not find a free port on " + LOOPBACK, e);
      }
    }
    throw new IllegalStateException("could not find a free port on " + LOOPBACK + " in 100 tries");
  }

  /** True when a listener could bind {@code port} on 127.0.0.1 now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Throws {@link PortBusyException} unless {@code port} is free.
   *
   * @param owner the broker that wants the port ("kafka-1")
   * @param role what the port is for ("PLAINTEXT listener")
   */
  public static void requireFree(String owner, String role, int port) {
    if (!isFree(port)) {
      throw new PortBusyException(owner, role, port);
    }
  }

  /** A port that {@link #requireFree} found taken. */
  public static final class PortBusyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PortBusyException(String owner, String role, int port) {
      super(
          String.format(
              "%s cannot start: port %d on %s (its %s) is already in use. Find the holder with"
                  + " `ss -ltnp 'sport = :%d'` and stop it, or let brokerbench pick free ports"
                  + " (leave the port unset).",
              owner, port, LOOPBACK, role, port));
    }
  }
}
