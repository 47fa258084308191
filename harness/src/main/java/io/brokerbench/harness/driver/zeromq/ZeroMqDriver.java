package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Closing;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The ZeroMQ adapter, on jeromq (ZeroMQ in pure Java): no broker, producers connect straight to
 * consumers over TCP on 127.0.0.1.
 *
 * <h2>Tiers</h2>
 *
 * Only {@code none}. ZeroMQ acknowledges nothing to the sender and keeps nothing on disk, so {@code
 * ack} and {@code durable} are not offered: {@link #offers} says so and {@link #prepare} throws
 * {@link TierNotOfferedException}.
 *
 * <h2>Topology: the M x N mesh</h2>
 *
 * Every consumer binds one socket of its own on {@code tcp://127.0.0.1:<ephemeral port>}; every
 * producer of a topic connects one socket to every consumer of every subscription of that topic.
 * That is {@code producersPerTopic x subscriptionsPerTopic x consumersPerSubscription} TCP
 * connections per topic, the M x N problem of claim Z4 ({@link #connections}, {@link
 * #meshConnections}). The consumers bind, the producers connect, because the life cycle starts the
 * consumers first; the connections also make clear who depends on whom.
 *
 * <ul>
 *   <li><b>One subscription</b> ({@link ZeroMqConfig.Pattern#AUTO}): PUSH to PULL, ZeroMQ's
 *       pipeline and what the vendor loop measures. A producer's PUSH socket hands each message to
 *       one of its consumers, round robin over those whose queue has room, so a subscription's
 *       consumers get disjoint shares. ZeroMQ has no partitions: the partition is only in the
 *       harness header, and a consumer gets messages of every partition, each partition's in order.
 *   <li><b>Several subscriptions</b> (or {@link ZeroMqConfig.Pattern#PUB_SUB}): PUB to SUB, which
 *       gives every message to every subscriber. To split a subscription among several consumers
 *       (PUB/SUB itself cannot load-balance) each message goes out as two frames, a 4-byte
 *       partition key and the payload, and consumer {@code c} subscribes to the keys of its
 *       partitions ({@link Topology#partitionsOf}); with one consumer per subscription a message is
 *       one frame and the consumer subscribes to everything. The producer's socket is an XPUB with
 *       {@code ZMQ_XPUB_NODROP}, so a full subscriber queue blocks the send as in PUSH/PULL instead
 *       of dropping (unless {@link ZeroMqConfig#dropAtHighWaterMark}).
 * </ul>
 *
 * A topic without subscriptions is refused: with no broker there is nowhere for its messages to go.
 *
 * <h2>Topology: the XSUB/XPUB proxy</h2>
 *
 * With {@link ZeroMqConfig.Pattern#PROXY} every topic gets a proxy of its own ({@code ZeroMqProxy},
 * in a jeromq context of its own): it binds an XSUB and an XPUB, producers connect their XPUB to
 * its XSUB, consumers connect their SUB to its XPUB, and it forwards messages one way and
 * subscriptions the other. That is {@code producersPerTopic + subscriptionsPerTopic x
 * consumersPerSubscription} connections per topic ({@link #proxyConnections}) at the price of a hop
 * that every message makes: ZeroMQ's usual answer to the M x N mesh. It is PUB/SUB whatever the
 * number of subscriptions, keyed as above.
 *
 * <h2>No message is lost to a slow joiner</h2>
 *
 * {@link #createProducer} returns only when every connection is ready: for PUSH when a socket
 * monitor has reported the ZMTP handshake with every consumer (until then round robin would count a
 * consumer that is not there yet), for PUB when the XPUB socket ({@code ZMQ_XPUB_VERBOSE}) has
 * received every consumer's subscriptions, since a PUB drops whatever it sends before a
 * subscription arrived. Consumers must therefore all be started before the producers of their
 * topic, as the {@link BrokerDriver} life cycle has it.
 *
 * <h2>Threads</h2>
 *
 * One jeromq context per trial with {@link ZeroMqConfig#ioThreads} I/O threads; each consumer has a
 * receive thread that owns its socket; each producer's socket is used by the one thread that sends
 * (ZeroMQ sockets are not thread-safe; they move between threads only across the happens-before of
 * the harness's thread start and join).
 */
public final class ZeroMqDriver implements BrokerDriver {

  /** The name of this system in results. */
  public static final String SYSTEM = "zeromq";

  private final ZeroMqConfig config;
  private final List<ZeroMqConsumer> consumers = new CopyOnWriteArrayList<>();
  private final List<ZeroMqProducer> producers = new CopyOnWriteArrayList<>();
  private ZMQ.Context context;
  private Topology topology;
  private boolean pubSub;
  private boolean keyed;

  /** One per topic with {@link ZeroMqConfig.Pattern#PROXY}; null without a proxy. */
  private ZeroMqProxy[] proxies;

  /** [topic][subscription][consumer]: the consumers started so far, null until started. */
  private ZeroMqConsumer[][][] started;

  private boolean[] producing;
  private int connections;
  private int monitors;
  private boolean closed;

  public ZeroMqDriver(ZeroMqConfig config) {
    this.config = config;
  }

  /** A driver with {@link ZeroMqConfig#defaults()}. */
  public static ZeroMqDriver create() {
    return new ZeroMqDriver(ZeroMqConfig.defaults());
  }

  public ZeroMqConfig config() {
    return config;
  }

  /** Only {@code none}: ZeroMQ has neither acknowledgements nor durability. */
  @Override
  public boolean offers(GuaranteeTier tier) {
    return tier == GuaranteeTier.NONE;
  }

  @Override
  public synchronized void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (this.topology != null) {
      throw new IllegalStateException("prepare was called twice; a driver serves one trial");
    }
    if (closed) {
      throw new IllegalStateException("the driver is closed");
    }
    if (!offers(tier)) {
      throw new TierNotOfferedException(SYSTEM, tier);
    }
    if (topology.subscriptionsPerTopic() == 0) {
      throw new DriverException(
          SYSTEM
              + ": trial "
              + topology.trialId()
              + " has topics without subscriptions; ZeroMQ has no broker to keep messages for"
              + " nobody, so give subscriptionsPerTopic 1 or more");
    }
    this.topology = topology;
    boolean proxied = config.pattern() == ZeroMqConfig.Pattern.PROXY;
    this.pubSub =
        proxied
            || config.pattern() == ZeroMqConfig.Pattern.PUB_SUB
            || topology.subscriptionsPerTopic() > 1;
    this.keyed = pubSub && topology.consumersPerSubscription() > 1;
    this.started =
        new ZeroMqConsumer[topology.topics()][topology.subscriptionsPerTopic()]
            [topology.consumersPerSubscription()];
    this.producing = new boolean[topology.topics()];
    this.context = ZMQ.context(config.ioThreads());
    if (proxied) {
      proxies = new ZeroMqProxy[topology.topics()];
      for (int t = 0; t < topology.topics(); t++) {
        // close() stops those started so far if a later one fails.
        proxies[t] = ZeroMqProxy.start(config, SYSTEM + " proxy of " + topology.topicName(t));
      }
    }
  }

  /**
   * The TCP connections the brokerless mesh of {@code topology} needs: each producer to each
   * consumer of each subscription of its topic, {@code topics x producersPerTopic x
   * subscriptionsPerTopic x consumersPerSubscription}.
   */
  public static long meshConnections(Topology topology) {
    return (long) topology.totalProducers()
        * topology.subscriptionsPerTopic()
        * topology.consumersPerSubscription();
  }

  /**
   * The TCP connections the same topology needs through {@link ZeroMqConfig.Pattern#PROXY} proxies:
   * each producer and each consumer to its topic's proxy, {@code topics x (producersPerTopic +
   * subscriptionsPerTopic x consumersPerSubscription)}.
   */
  public static long proxyConnections(Topology topology) {
    return (long) topology.totalProducers() + topology.totalConsumers();
  }

  /** The TCP connections the producers and consumers created so far have opened. */
  public synchronized int connections() {
    return connections;
  }

  /** Whether the trial runs PUB/SUB (true) or PUSH/PULL (false); after {@link #prepare}. */
  public synchronized boolean pubSub() {
    requirePrepared();
    return pubSub;
  }

  @Override
  public synchronized DriverConsumer startConsumer(
      int topic, int subscription, int consumer, Receiver receiver) throws DriverException {
    requirePrepared();
    String name = topology.subscriptionName(topic, subscription) + "-c" + consumer;
    if (producing[topic]) {
      throw new DriverException(
          SYSTEM
              + ": consumer "
              + name
              + " was started after a producer of "
              + topology.topicName(topic)
              + "; ZeroMQ producers connect to the consumers they know when they are created, so"
              + " start every consumer of a topic first");
    }
    if (started[topic][subscription][consumer] != null) {
      throw new IllegalStateException("consumer " + name + " was started twice");
    }
    List<byte[]> subscriptions = new ArrayList<>();
    if (keyed) {
      for (int p : topology.partitionsOf(consumer)) {
        subscriptions.add(partitionKey(p));
      }
    } else if (pubSub) {
      subscriptions.add(new byte[0]);
    }
    ZeroMqConsumer created =
        ZeroMqConsumer.start(
            context,
            pubSub,
            keyed,
            subscriptions,
            proxies == null ? null : proxies[topic].backend(),
            config,
            receiver,
            SYSTEM + " consumer " + name);
    started[topic][subscription][consumer] = created;
    consumers.add(created);
    if (proxies != null) {
      connections++;
    }
    return created;
  }

  @Override
  public synchronized DriverProducer createProducer(
      int topic, int producer, Acknowledgements acknowledgements) throws DriverException {
    requirePrepared();
    String name = topology.topicName(topic) + "-producer-" + producer;
    List<String> endpoints = new ArrayList<>();
    int subscriptions = 0;
    for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
      for (int c = 0; c < topology.consumersPerSubscription(); c++) {
        ZeroMqConsumer consumer = started[topic][s][c];
        if (consumer == null) {
          throw new DriverException(
              SYSTEM
                  + ": producer "
                  + name
                  + " was created before consumer "
                  + topology.subscriptionName(topic, s)
                  + "-c"
                  + c
                  + " was started; start every consumer of a topic before its producers");
        }
        endpoints.add(consumer.endpoint());
        subscriptions += consumer.subscriptions();
      }
    }
    producing[topic] = true;
    if (proxies != null) {
      // Every consumer's subscriptions must be at the proxy before a producer sends: the proxy's
      // XPUB drops what no subscription has asked for yet. The proxy's XSUB then hands the
      // producer each distinct prefix once: every partition key, or the one empty prefix.
      try {
        proxies[topic].awaitSubscriptions(subscriptions);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException(SYSTEM + ": producer " + name + " was interrupted", e);
      }
      endpoints = List.of(proxies[topic].frontend());
      subscriptions = keyed ? topology.partitionsPerTopic() : 1;
    }
    ZeroMqProducer created =
        ZeroMqProducer.create(
            context,
            pubSub,
            keyed,
            endpoints,
            subscriptions,
            topology.partitionsPerTopic(),
            config,
            "inproc://brokerbench-monitor-" + monitors++,
            SYSTEM + " producer " + name);
    connections += endpoints.size();
    producers.add(created);
    return created;
  }

  /** The first frame of a keyed PUB/SUB message: the partition, 4 bytes big-endian. */
  static byte[] partitionKey(int partition) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
  }

  private void requirePrepared() {
    if (topology == null || closed) {
      throw new IllegalStateException(
          closed ? "the driver is closed" : "prepare must be called before anything else");
    }
  }

  /**
   * Closes the producers' sockets, stops the consumers' threads, and terminates the context, which
   * waits up to {@link ZeroMqConfig#linger} for messages the producers still had queued.
   */
  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    List<String> problems = new ArrayList<>();
    for (ZeroMqProducer producer : producers) {
      producer.close();
    }
    boolean allStopped = Closing.closeAll(consumers, problems);
    if (proxies != null) {
      // Those started (a failed prepare may have left the later ones null). Each has a context of
      // its own, so a proxy that does not stop leaves the trial's context free to end.
      Closing.closeAll(Arrays.stream(proxies).filter(Objects::nonNull).toList(), problems);
    }
    if (context != null) {
      if (allStopped) {
        try {
          // Returns when every socket is closed and has lingered: bounded by the linger.
          context.term();
        } catch (ZMQException e) {
          problems.add(SYSTEM + ": terminating the context failed: " + e);
        }
      } else {
        problems.add(SYSTEM + ": the context is left open, a consumer thread still holds a socket");
      }
    }
    if (!problems.isEmpty()) {
      throw new DriverException(String.join("; ", problems));
    }
  }
}
