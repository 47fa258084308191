package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMonitor;
import zmq.ZError;

/**
 * One producer: a PUSH or XPUB socket connected to every consumer of its topic, ready once every
 * connection is (see {@link #create}). At tier {@code none} there is nothing to acknowledge: a send
 * returns once ZeroMQ has queued the message for its consumer(s), and blocks while their queues are
 * at the high-water mark.
 */
final class ZeroMqProducer implements DriverProducer {
  /**
   * How long one blocked send waits before the loop looks at the interrupt flag and the deadline; a
   * send that does not block never waits.
   */
  private static final int SEND_POLL_MS = 100;

  private final ZMQ.Socket socket;
  private final byte[][] keys;
  private final ZeroMqConfig config;
  private final String name;
  private boolean closed;

  private ZeroMqProducer(ZMQ.Socket socket, byte[][] keys, ZeroMqConfig config, String name) {
    this.socket = socket;
    this.keys = keys;
    this.config = config;
    this.name = name;
  }

  /**
   * Connects a new socket to {@code endpoints} and returns when every connection is ready: for
   * PUSH, when a socket monitor has seen the ZMTP handshake with each endpoint; for XPUB, when
   * {@code subscriptions} subscriptions have arrived (an XPUB with {@code ZMQ_XPUB_VERBOSE} passes
   * each one up, also the same prefix from several consumers).
   *
   * @throws DriverException if the connections were not ready within the config's timeout
   */
  static ZeroMqProducer create(
      ZMQ.Context context,
      boolean pubSub,
      boolean keyed,
      List<String> endpoints,
      int subscriptions,
      int partitions,
      ZeroMqConfig config,
      String monitorAddress,
      String name)
      throws DriverException {
    ZMQ.Socket socket = context.socket(pubSub ? SocketType.XPUB : SocketType.PUSH);
    ZMQ.Socket monitor = null;
    try {
      socket.setSndHWM(config.sendHighWaterMark());
      socket.setLinger((int) config.linger().toMillis());
      socket.setSendTimeOut(SEND_POLL_MS);
      if (pubSub) {
        socket.setXpubVerbose(true);
        socket.setXpubNoDrop(!config.dropAtHighWaterMark());
        socket.setReceiveTimeOut(SEND_POLL_MS);
      } else {
        socket.monitor(monitorAddress, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        monitor = context.socket(SocketType.PAIR);
        monitor.setReceiveTimeOut(SEND_POLL_MS);
        // Before the connects: the monitor drops events while nobody is connected to it.
        monitor.connect(monitorAddress);
      }
      for (String endpoint : endpoints) {
        connect(socket, endpoint);
      }
      long deadline = System.nanoTime() + config.timeout().toNanos();
      int expected = pubSub ? subscriptions : endpoints.size();
      int ready = 0;
      while (ready < expected && System.nanoTime() - deadline < 0) {
        if (pubSub) {
          byte[] subscription = socket.recv(0);
          ready += subscription != null && subscription.length > 0 && subscription[0] == 1 ? 1 : 0;
        } else {
          ZEvent event = ZEvent.recv(monitor);
          ready += event != null && event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL ? 1 : 0;
        }
      }
      if (ready < expected) {
        throw new DriverException(
            name
                + ": only "
                + ready
                + " of "
                + expected
                + (pubSub ? " subscriptions arrived" : " connections were ready")
                + " within "
                + config.timeout().toSeconds()
                + " s of connecting to "
                + endpoints);
      }
      if (!pubSub) {
        socket.monitor(null, 0);
      }
    } catch (DriverException | RuntimeException e) {
      socket.setLinger(0);
      socket.close();
      throw e instanceof DriverException
          ? (DriverException) e
          : new DriverException(name + ": connecting to " + endpoints + " failed: " + e, e);
    } finally {
      if (monitor != null) {
        monitor.close();
      }
    }
    byte[][] keys = null;
    if (keyed) {
      keys = new byte[partitions][];
      for (int p = 0; p < partitions; p++) {
        keys[p] = ZeroMqDriver.partitionKey(p);
      }
    }
    return new ZeroMqProducer(socket, keys, config, name);
  }

  @Override
  public void send(int partition, byte[] payload) throws DriverException, InterruptedException {
    if (keys != null) {
      sendFrame(keys[partition], ZMQ.SNDMORE);
    }
    sendFrame(payload, 0);
  }

  private void sendFrame(byte[] frame, int flags) throws DriverException, InterruptedException {
    try {
      if (socket.send(frame, flags)) {
        return;
      }
      long deadline = System.nanoTime() + config.timeout().toNanos();
      while (!socket.send(frame, flags)) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (System.nanoTime() - deadline > 0) {
          throw new DriverException(
              name
                  + ": a send was blocked at the high-water mark for "
                  + config.timeout().toSeconds()
                  + " s; the consumers stopped reading");
        }
      }
    } catch (ZMQException e) {
      if (e.getErrorCode() == ZError.EINTR) {
        // jeromq's word for a thread interrupted while it waited.
        throw new InterruptedException();
      }
      throw new DriverException(name + ": sending failed: " + e, e);
    }
  }

  /**
   * Connects {@code socket} to {@code endpoint}, the one way the driver connects a socket: jeromq
   * 0.6.0 sometimes leaves a fresh connection without its ZMTP handshake until {@code
   * ZMQ_HANDSHAKE_IVL} (30 s) runs out (brokers' {@code ZmqConnect} says more), so a stalled
   * handshake is retried after 1 s.
   */
  static void connect(ZMQ.Socket socket, String endpoint) {
    socket.setHandshakeIvl(1_000);
    socket.connect(endpoint);
  }

  /**
   * Closes the socket. ZeroMQ tells nobody when a queued message has gone out, so the hand-over of
   * what is still queued is the socket's linger, which the driver's close waits for.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    socket.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
