package io.brokerbench.brokers.zeromq;

import org.zeromq.ZMQ;

/**
 * Connects a jeromq socket with a short handshake timeout, the one way brokerbench connects ZeroMQ
 * sockets over TCP.
 *
 * <p>Why: jeromq 0.6.0 sometimes completes the TCP connect of a connecting socket but never starts
 * the ZMTP handshake (a race in its poller when a channel is registered again; jeromq pull request
 * 1022). Measured here: 1 fresh connection in 40 between two JVMs on loopback stayed silent, the
 * peer's greeting unread in the socket. jeromq tears such a connection down only after {@code
 * ZMQ_HANDSHAKE_IVL}, 30 s by default, enough to void a trial or make a 30 s "recovery". A
 * handshake on loopback takes well under a millisecond, so after {@value #HANDSHAKE_INTERVAL_MS} ms
 * the socket gives up on a stalled one and reconnects; a slow but live handshake is only retried.
 */
public final class ZmqConnect {
  /** How long a connection may take to finish its ZMTP handshake before it is retried. */
  public static final int HANDSHAKE_INTERVAL_MS = 1_000;

  private ZmqConnect() {}

  /** Sets the handshake timeout on {@code socket} and connects it to {@code endpoint}. */
  public static void connect(ZMQ.Socket socket, String endpoint) {
    socket.setHandshakeIvl(HANDSHAKE_INTERVAL_MS);
    socket.connect(endpoint);
  }
}
