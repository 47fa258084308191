package io.brokerbench.harness.driver.rabbitmq;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How the {@link RabbitMqDriver} talks to RabbitMQ. Every default below differs from what a bare
 * amqp-client program would do only where a comment gives the reason; the tiers themselves
 * (confirms, persistence, acknowledgement mode) are fixed by {@link
 * io.brokerbench.harness.workload.GuaranteeTier} and are not settings.
 *
 * @param uris one AMQP URI per node, e.g. {@code amqp://guest:guest@127.0.0.1:5672/%2F}; the
 *     credentials and virtual host are taken from the first, the host and port of each one are the
 *     nodes. Each new connection starts at the next node in turn, so producers and consumers are
 *     spread over a cluster's nodes; the client falls back to the following ones if a node does not
 *     answer.
 * @param durableQueueType the queue type at tier {@code durable}; tiers {@code none} and {@code
 *     ack} always use transient classic queues (a quorum queue is always durable and stores every
 *     message on disk, which would be a stronger guarantee than those tiers ask for), tier {@code
 *     replicated} always quorum queues
 * @param classicQueueVersion the storage implementation of classic queues, {@code x-queue-version}
 *     1 or 2; 0 leaves it to the broker. Not used for quorum queues
 * @param prefetch unacknowledged deliveries the broker may push to each consumer at tiers {@code
 *     ack} and {@code durable} ({@code basic.qos}, per consumer); 0 means unlimited. Not used at
 *     tier {@code none}, where consumers auto-acknowledge and the broker does not count
 * @param ackEvery at tiers {@code ack} and {@code durable} a consumer acknowledges every {@code
 *     ackEvery}-th delivery with {@code multiple=true}, covering the ones before it; 1 acknowledges
 *     each delivery on its own ({@code multiple=false}). At most {@code prefetch} (unless that is
 *     unlimited), or a consumer would wait for deliveries the broker holds back
 * @param maxUnconfirmed per producer at tiers {@code ack} and {@code durable}: publishes awaiting
 *     their publisher confirm before {@code send} blocks (PerfTest's {@code --confirm})
 * @param timeout for connecting, for each broker round trip of the set-up (declare, bind, consume),
 *     for a producer's close to collect its outstanding confirms, and for a send blocked at {@code
 *     maxUnconfirmed}
 */
public record RabbitMqConfig(
    List<String> uris,
    QueueType durableQueueType,
    int classicQueueVersion,
    int prefetch,
    int ackEvery,
    int maxUnconfirmed,
    Duration timeout) {

  /** The queue type at tier {@code durable}. */
  public enum QueueType {
    /** A classic queue on one node: the single-node default. */
    CLASSIC,
    /** A Raft-replicated queue over the cluster's nodes: for cluster runs (claim R2). */
    QUORUM;

    /** {@code classic} or {@code quorum}, as in {@code x-queue-type}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * 2, where RabbitMQ 3.10 to 3.12 default to 1 (Debian 12 ships 3.10.8): version 2 is the classic
   * queue storage RabbitMQ made the default in 3.13 and the only one in 4.x, so the figures
   * describe the RabbitMQ people run. On this machine's 3.10.8 it delivered about twice as much at
   * tier {@code none} (31,000 to 36,000 msg/s against 15,000, 1 KiB, one queue) and a third more at
   * {@code durable}: with version 1, the messages the harness's in-flight window keeps in flight
   * stand in the queue, which version 1 serves slowly. PerfTest must get the same queue argument
   * ({@code --queue-args x-queue-version=2}) for a like-with-like comparison.
   */
  public static final int DEFAULT_CLASSIC_QUEUE_VERSION = 2;

  /**
   * 1,000: comfortably above what is in flight between broker and consumer at ~20,000 msg/s over
   * loopback (a round trip is well under a millisecond, so 20 or so messages plus an
   * acknowledgement batch), so the consumer never waits for the broker; bounded, so a slow consumer
   * holds at most this many messages in its client's memory (unlimited, PerfTest's default, lets
   * the broker flood it). It is also the value the RabbitMQ documentation's PerfTest examples use.
   */
  public static final int DEFAULT_PREFETCH = 1_000;

  /**
   * 100, with {@code multiple=true}: one acknowledgement frame (and socket write) per 100
   * deliveries instead of one per delivery, CPU that the broker and the consumer get back on two
   * shared cores: measured here, a quarter more delivered at tier {@code durable} than with 1. Well
   * below {@link #DEFAULT_PREFETCH}, so the broker never waits for an acknowledgement to send on.
   * PerfTest does the same with {@code --multi-ack-every 100}, which the suite must pass it for a
   * like-with-like comparison. The price: up to 99 delivered messages per consumer stay
   * unacknowledged until the next batch or the consumer's close, and a broker crash redelivers them
   * (the harness counts them as duplicates); crash experiments may want 1.
   */
  public static final int DEFAULT_ACK_EVERY = 100;

  /**
   * 1,000: enough outstanding confirms to keep the broker busy while confirms come back in batches
   * ({@code multiple=true}, typically tens at a time). Measured here, 10,000 delivered no more but
   * with ten times the end-to-end latency (the messages wait in the queue instead of the producer).
   * PerfTest's equivalent is {@code --confirm 1000}.
   */
  public static final int DEFAULT_MAX_UNCONFIRMED = 1_000;

  /**
   * 30 s: longer than any pause of a healthy node on a shared two-core machine (an fsync burst, a
   * GC of a big queue), short enough that a dead broker voids the trial instead of hanging it. The
   * client's own defaults are 60 s to connect and 10 minutes per round trip.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public RabbitMqConfig {
    if (uris == null || uris.isEmpty()) {
      throw new IllegalArgumentException("uris: give at least one AMQP URI, e.g. amqp://127.0.0.1");
    }
    uris = List.copyOf(uris);
    for (String uri : uris) {
      checkUri(uri);
    }
    if (durableQueueType == null) {
      throw new IllegalArgumentException("durableQueueType: give classic or quorum");
    }
    if (classicQueueVersion < 0 || classicQueueVersion > 2) {
      throw new IllegalArgumentException(
          "classicQueueVersion: must be 1, 2, or 0 for the broker's default, was "
              + classicQueueVersion);
    }
    if (prefetch < 0 || prefetch > 65_535) {
      throw new IllegalArgumentException(
          "prefetch: must be 0 (unlimited) to 65535 (AMQP's limit), was " + prefetch);
    }
    if (ackEvery < 1) {
      throw new IllegalArgumentException("ackEvery: must be 1 or more, was " + ackEvery);
    }
    if (prefetch > 0 && ackEvery > prefetch) {
      throw new IllegalArgumentException(
          "ackEvery: "
              + ackEvery
              + " is more than prefetch "
              + prefetch
              + "; a consumer would wait forever for deliveries the broker holds back until it"
              + " acknowledges. Make ackEvery at most prefetch");
    }
    if (maxUnconfirmed < 1) {
      throw new IllegalArgumentException(
          "maxUnconfirmed: must be 1 or more, was " + maxUnconfirmed);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
    }
    if (timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout: must be under 24 days, was " + timeout);
    }
  }

  private static void checkUri(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      // The reason alone: the exception's message repeats the URI, password and all.
      throw new IllegalArgumentException(
          "uris: '"
              + redact(uri)
              + "' is not a URI: "
              + e.getReason()
              + " at index "
              + e.getIndex());
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("uris: a URI is missing (null)", e);
    }
    if (!"amqp".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
      throw new IllegalArgumentException(
          "uris: '"
              + redact(uri)
              + "' is not an AMQP URI; write amqp://user:password@host:port/vhost");
    }
  }

  /**
   * Whether the driver offers tier {@code replicated}: a quorum queue needs three nodes to keep a
   * majority through the loss of one, so {@link #uris} must name at least three.
   */
  public boolean offersReplicated() {
    return uris.size() >= 3;
  }

  /** The defaults, for the nodes at {@code uris}. */
  public static RabbitMqConfig of(String... uris) {
    return of(List.of(uris));
  }

  /** The defaults, for the nodes at {@code uris}. */
  public static RabbitMqConfig of(List<String> uris) {
    return new RabbitMqConfig(
        uris,
        QueueType.CLASSIC,
        DEFAULT_CLASSIC_QUEUE_VERSION,
        DEFAULT_PREFETCH,
        DEFAULT_ACK_EVERY,
        DEFAULT_MAX_UNCONFIRMED,
        DEFAULT_TIMEOUT);
  }

  public RabbitMqConfig withDurableQueueType(QueueType type) {
    return new RabbitMqConfig(
        uris, type, classicQueueVersion, prefetch, ackEvery, maxUnconfirmed, timeout);
  }

  public RabbitMqConfig withClassicQueueVersion(int version) {
    return new RabbitMqConfig(
        uris, durableQueueType, version, prefetch, ackEvery, maxUnconfirmed, timeout);
  }

  public RabbitMqConfig withPrefetch(int messages) {
    return new RabbitMqConfig(
        uris, durableQueueType, classicQueueVersion, messages, ackEvery, maxUnconfirmed, timeout);
  }

  public RabbitMqConfig withAckEvery(int messages) {
    return new RabbitMqConfig(
        uris, durableQueueType, classicQueueVersion, prefetch, messages, maxUnconfirmed, timeout);
  }

  public RabbitMqConfig withMaxUnconfirmed(int messages) {
    return new RabbitMqConfig(
        uris, durableQueueType, classicQueueVersion, prefetch, ackEvery, messages, timeout);
  }

  public RabbitMqConfig withTimeout(Duration newTimeout) {
    return new RabbitMqConfig(
        uris,
        durableQueueType,
        classicQueueVersion,
        prefetch,
        ackEvery,
        maxUnconfirmed,
        newTimeout);
  }

  /** The nodes as {@code host:port, ...}, without credentials: for messages. */
  public String where() {
    StringBuilder where = new StringBuilder();
    for (String uri : uris) {
      URI parsed = URI.create(uri);
      if (where.length() > 0) {
        where.append(", ");
      }
      where
          .append(parsed.getHost())
          .append(':')
          .append(parsed.getPort() < 0 ? 5672 : parsed.getPort());
    }
    return where.toString();
  }

  /** {@code uri} without its password, for messages. */
  static String redact(String uri) {
    return uri == null ? null : uri.replaceFirst("//([^:/@]*):[^@/]*@", "//$1:***@");
  }

  @Override
  public String toString() {
    return "RabbitMqConfig[nodes="
        + where()
        + ", durableQueueType="
        + durableQueueType.key()
        + ", classicQueueVersion="
        + classicQueueVersion
        + ", prefetch="
        + prefetch
        + ", ackEvery="
        + ackEvery
        + ", maxUnconfirmed="
        + maxUnconfirmed
        + ", timeout="
        + timeout
        + "]";
  }
}
