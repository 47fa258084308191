package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.DriverException;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One topic's XSUB/XPUB proxy, ZeroMQ's answer to the M x N mesh: producers connect a PUB-side
 * socket to its XSUB, consumers connect a SUB to its XPUB, so a topic needs {@code M + N}
 * connections instead of {@code M x N}. Both sockets bind an ephemeral port on 127.0.0.1.
 *
 * <p>It runs in a context of its own, with its own I/O thread, as a proxy process would: it is a
 * hop between producers and consumers, not a part of either. One thread owns both sockets and moves
 * messages between them: data (every frame of a multi-frame message) from the XSUB to the XPUB,
 * subscriptions from the XPUB to the XSUB, which hands them on to every producer.
 *
 * <p>Unlike {@code zmq_proxy} it counts the subscriptions it has passed on ({@link #subscriptions};
 * its XPUB is {@code ZMQ_XPUB_VERBOSE}, so every consumer's counts, also when another sent the same
 * prefix): the driver waits for all of them before it connects a producer, because a PUB drops what
 * it sends before a subscription has reached it, and here that is the proxy's XPUB too. Its XPUB
 * has {@code ZMQ_XPUB_NODROP} (unless {@link ZeroMqConfig#dropAtHighWaterMark}): when a consumer's
 * queue is full the proxy waits, stops reading from its XSUB, and the producers block in turn, as
 * they do in the mesh.
 */
final class ZeroMqProxy implements AutoCloseable {
  /** How long one poll or one blocked send waits before the loop looks at whether to stop. */
  private static final int POLL_MS = 100;

  /** The most messages moved one way before the loop looks at the other. */
  private static final int BATCH = 1_024;

  private final ZMQ.Context context;
  private final ZMQ.Socket frontend;
  private final ZMQ.Socket backend;
  private final ZeroMqConfig config;
  private final String name;
  private final String frontendEndpoint;
  private final String backendEndpoint;
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Exception failure;

  private ZeroMqProxy(
      ZMQ.Context context,
      ZMQ.Socket frontend,
      ZMQ.Socket backend,
      ZeroMqConfig config,
      String name) {
    this.context = context;
    this.frontend = frontend;
    this.backend = backend;
    this.config = config;
    this.name = name;
    this.frontendEndpoint = frontend.getLastEndpoint();
    this.backendEndpoint = backend.getLastEndpoint();
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Binds both sockets and starts the thread that moves messages between them. */
  static ZeroMqProxy start(ZeroMqConfig config, String name) throws DriverException {
    ZMQ.Context context = ZMQ.context(1);
    ZMQ.Socket frontend = context.socket(SocketType.XSUB);
    ZMQ.Socket backend = context.socket(SocketType.XPUB);
    try {
      frontend.setRcvHWM(config.receiveHighWaterMark());
      frontend.setLinger(0);
      backend.setSndHWM(config.sendHighWaterMark());
      backend.setLinger((int) config.linger().toMillis());
      backend.setXpubVerbose(true);
      backend.setXpubNoDrop(!config.dropAtHighWaterMark());
      backend.setSendTimeOut(POLL_MS);
      frontend.bind("tcp://127.0.0.1:*");
      backend.bind("tcp://127.0.0.1:*");
    } catch (ZMQException | IllegalArgumentException e) {
      frontend.close();
      backend.close();
      context.term();
      throw new DriverException(
          name + ": binding the proxy's sockets on 127.0.0.1 failed: " + e, e);
    }
    ZeroMqProxy proxy = new ZeroMqProxy(context, frontend, backend, config, name);
    proxy.thread.start();
    return proxy;
  }

  /** Where producers connect: the XSUB, e.g. {@code tcp://127.0.0.1:40123}. */
  String frontend() {
    return frontendEndpoint;
  }

  /** Where consumers connect: the XPUB. */
  String backend() {
    return backendEndpoint;
  }

  /** The subscriptions the consumers have sent and the proxy has passed on so far. */
  int subscriptions() {
    return subscriptions.get();
  }

  /**
   * Waits until {@code expected} subscriptions have passed through, up to the config's timeout.
   *
   * @throws DriverException if they did not, or the proxy failed
   */
  void awaitSubscriptions(int expected) throws DriverException, InterruptedException {
    long deadline = System.nanoTime() + config.timeout().toNanos();
    while (subscriptions.get() < expected && failure == null) {
      if (System.nanoTime() - deadline > 0) {
        throw new DriverException(
            name
                + ": only "
                + subscriptions.get()
                + " of "
                + expected
                + " consumer subscriptions reached the proxy within "
                + config.timeout().toSeconds()
                + " s");
      }
      Thread.sleep(1);
    }
    if (failure != null) {
      throw new DriverException(name + ": the proxy failed: " + failure, failure);
    }
  }

  private void run() {
    ZMQ.Poller poller = context.poller(2);
    try {
      poller.register(frontend, ZMQ.Poller.POLLIN);
      poller.register(backend, ZMQ.Poller.POLLIN);
      while (running) {
        if (poller.poll(POLL_MS) <= 0) {
          continue;
        }
        if (poller.pollin(1)) {
          // Subscriptions (and unsubscriptions) from the consumers, on to the producers.
          forward(backend, frontend, true);
        }
        if (poller.pollin(0)) {
          forward(frontend, backend, false);
        }
      }
    } catch (RuntimeException e) {
      if (running) {
        failure = e;
      }
    } finally {
      poller.close();
      frontend.close();
      backend.close();
    }
  }

  /**
   * Moves up to {@link #BATCH} messages that {@code from} has ready, without waiting, to {@code
   * to}: whole messages, frame by frame; a send blocked at the high-water mark waits, looking at
   * whether to stop every poll. The bound lets a steady stream of data not starve the other
   * direction.
   */
  private void forward(ZMQ.Socket from, ZMQ.Socket to, boolean counting) {
    byte[] frame;
    for (int moved = 0;
        moved < BATCH && running && (frame = from.recv(ZMQ.DONTWAIT)) != null;
        moved++) {
      if (counting && frame.length > 0 && frame[0] == 1) {
        subscriptions.incrementAndGet();
      }
      boolean more = from.hasReceiveMore();
      send(to, frame, more ? ZMQ.SNDMORE : 0);
      while (more && running) {
        frame = from.recv(0);
        more = from.hasReceiveMore();
        send(to, frame, more ? ZMQ.SNDMORE : 0);
      }
    }
  }

  private void send(ZMQ.Socket to, byte[] frame, int flags) {
    while (running && !to.send(frame, flags)) {
      // At the high-water mark: wait for room, or for close.
    }
  }

  /** Stops the thread, which closes the sockets, then ends the proxy's context. */
  @Override
  public void close() throws DriverException {
    running = false;
    ZeroMqConsumer.awaitStop(thread, config, name + ": the proxy thread");
    context.term();
  }

  @Override
  public String toString() {
    return name + " at " + frontendEndpoint + " -> " + backendEndpoint;
  }
}
