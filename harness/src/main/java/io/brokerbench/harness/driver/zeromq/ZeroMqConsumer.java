package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Receiver;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One consumer: a PULL or SUB socket bound to an ephemeral port on 127.0.0.1 (or, behind a proxy, a
 * SUB connected to the proxy's XPUB), and a thread that owns it, receives in a loop and hands each
 * payload to the {@link Receiver}.
 *
 * <p>The thread is started before {@link #start} returns. That matters beyond receiving: jeromq
 * attaches a connection accepted by a bound socket (and a SUB sends its subscriptions on it) only
 * when the socket's own thread processes commands, which a receiving thread does all the time.
 */
final class ZeroMqConsumer implements DriverConsumer {
  /**
   * How long one receive call waits before the loop looks at whether it should stop: an idle
   * consumer wakes ten times a second; a busy one never waits.
   */
  private static final int RECEIVE_POLL_MS = 100;

  private final ZMQ.Socket socket;
  private final boolean keyed;
  private final int subscriptions;
  private final Receiver receiver;
  private final ZeroMqConfig config;
  private final String name;
  private final String endpoint;
  private final Thread thread;
  private volatile boolean running = true;

  private ZeroMqConsumer(
      ZMQ.Socket socket,
      boolean keyed,
      int subscriptions,
      Receiver receiver,
      ZeroMqConfig config,
      String name) {
    this.socket = socket;
    this.keyed = keyed;
    this.subscriptions = subscriptions;
    this.receiver = receiver;
    this.config = config;
    this.name = name;
    this.endpoint = socket.getLastEndpoint();
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /**
   * Binds (or connects) and starts receiving.
   *
   * @param pubSub a SUB socket with {@code subscriptions}; else a PULL socket
   * @param keyed messages are two frames, partition key and payload
   * @param proxy the endpoint of the proxy's XPUB to connect to; null: bind a port of its own for
   *     the producers to connect to
   */
  static ZeroMqConsumer start(
      ZMQ.Context context,
      boolean pubSub,
      boolean keyed,
      List<byte[]> subscriptions,
      String proxy,
      ZeroMqConfig config,
      Receiver receiver,
      String name)
      throws DriverException {
    ZMQ.Socket socket = context.socket(pubSub ? SocketType.SUB : SocketType.PULL);
    try {
      socket.setRcvHWM(config.receiveHighWaterMark());
      // Nothing is ever sent from here: nothing to linger for.
      socket.setLinger(0);
      socket.setReceiveTimeOut(RECEIVE_POLL_MS);
      for (byte[] prefix : subscriptions) {
        socket.subscribe(prefix);
      }
      if (proxy == null) {
        socket.bind("tcp://127.0.0.1:*");
      } else {
        ZeroMqProducer.connect(socket, proxy);
      }
    } catch (ZMQException | IllegalArgumentException e) {
      socket.close();
      throw new DriverException(
          name
              + (proxy == null
                  ? ": binding a socket on 127.0.0.1 failed: "
                  : ": connecting to the proxy at " + proxy + " failed: ")
              + e,
          e);
    }
    ZeroMqConsumer consumer =
        new ZeroMqConsumer(socket, keyed, subscriptions.size(), receiver, config, name);
    consumer.thread.start();
    return consumer;
  }

  /**
   * The endpoint the producers connect to, e.g. {@code tcp://127.0.0.1:40123}; behind a proxy, the
   * proxy's endpoint this consumer connected to.
   */
  String endpoint() {
    return endpoint;
  }

  /** How many subscriptions a SUB socket sends to each producer; 0 for PULL. */
  int subscriptions() {
    return subscriptions;
  }

  private void run() {
    try {
      while (running) {
        byte[] frame = socket.recv(0);
        if (frame == null) {
          continue; // the poll interval passed
        }
        if (keyed && socket.hasReceiveMore()) {
          // The key frame selected this consumer; the payload is the next frame, already here
          // (ZeroMQ delivers a multi-frame message whole or not at all).
          frame = socket.recv(0);
        }
        receiver.onPayload(frame);
      }
    } catch (RuntimeException e) {
      // ZMQException, or jeromq's own unchecked errors: the consumer can go no further.
      if (running) {
        receiver.onFailure(new DriverException(name + ": receiving failed: " + e, e));
      }
    } finally {
      socket.close();
    }
  }

  /** Stops the receive thread, which closes the socket; waits up to the config's timeout. */
  @Override
  public void close() throws DriverException {
    running = false;
    awaitStop(thread, config, name + ": the receive thread");
  }

  /**
   * Waits up to the config's timeout for {@code thread}, already told to stop, to end.
   *
   * @throws DriverException naming {@code what} if it is still running
   */
  static void awaitStop(Thread thread, ZeroMqConfig config, String what) throws DriverException {
    try {
      thread.join(config.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new DriverException(
          what + " did not stop within " + config.timeout().toSeconds() + " s");
    }
  }

  @Override
  public String toString() {
    return name + " at " + endpoint;
  }
}
