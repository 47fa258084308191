package io.brokerbench.bench.footprint;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import io.brokerbench.brokers.kafka.KafkaRoundTrip;
import io.brokerbench.brokers.rabbitmq.RabbitRoundTrip;
import io.brokerbench.brokers.zeromq.ZmqConnect;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Sends the footprint's messages to a setup as fast as it acknowledges them, at the durable setting
 * of each system, and counts the acknowledgements. It fills the broker's disk and memory; it does
 * not measure speed (the throughput suite does, with the harness's drivers).
 *
 * <p>The body is random bytes, one array for every message: neither Kafka (no compression is set)
 * nor RabbitMQ compresses, so the bytes on disk are the messages' own.
 */
final class FootprintLoad {
  /** RabbitMQ: unconfirmed messages in flight at most, so the publisher cannot run away. */
  static final int RABBIT_WINDOW = 1_000;

  /** How long the last acknowledgement may take after the last send. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

  private FootprintLoad() {}

  static byte[] body(int messageBytes) {
    byte[] body = new byte[messageBytes];
    new Random(42).nextBytes(body);
    return body;
  }

  /**
   * Kafka at the {@code durable} tier: {@code acks=all} and the idempotent producer, on a topic of
   * one partition and one replica (the setup has one broker).
   *
   * @return messages acknowledged
   */
  static long kafka(String bootstrapServers, String topic, long count, int messageBytes)
      throws Exception {
    KafkaRoundTrip.createTopic(bootstrapServers, topic, 1, (short) 1);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "brokerbench-footprint");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    byte[] body = body(messageBytes);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (long i = 0; i < count && failure.get() == null; i++) {
        producer.send(
            new ProducerRecord<>(topic, body),
            (metadata, e) -> {
              if (e == null) {
                acked.incrementAndGet();
              } else {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null && acked.get() == 0) {
      throw failure.get();
    }
    return acked.get();
  }

  /**
   * RabbitMQ at the {@code durable} tier: persistent messages with publisher confirms into a
   * durable classic queue, at most {@link #RABBIT_WINDOW} unconfirmed at a time.
   *
   * @return messages confirmed (negative confirms are not counted)
   */
  static long rabbitmq(String uri, String queue, long count, int messageBytes) throws Exception {
    try (Connection connection = RabbitRoundTrip.connect(uri)) {
      RabbitRoundTrip.declareDurableQueue(connection, queue, RabbitRoundTrip.QueueType.CLASSIC);
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      Confirms confirms = new Confirms();
      channel.addConfirmListener(confirms);
      byte[] body = body(messageBytes);
      for (long i = 0; i < count; i++) {
        if (!confirms.window.tryAcquire(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "RabbitMQ confirmed nothing for " + DRAIN_TIMEOUT.toSeconds() + " s");
        }
        confirms.published(channel.getNextPublishSeqNo());
        channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
      }
      if (!confirms.window.tryAcquire(
          RABBIT_WINDOW, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "RabbitMQ did not confirm the last messages within "
                + DRAIN_TIMEOUT.toSeconds()
                + " s");
      }
      channel.close();
      return confirms.acked.get();
    }
  }

  /** Publisher confirms: a tag, or every tag up to it, settled by the broker. */
  private static final class Confirms implements ConfirmListener {
    final Semaphore window = new Semaphore(RABBIT_WINDOW);
    final AtomicLong acked = new AtomicLong();
    private final TreeSet<Long> outstanding = new TreeSet<>();

    synchronized void published(long tag) {
      outstanding.add(tag);
    }

    @Override
    public void handleAck(long tag, boolean multiple) {
      acked.addAndGet(settle(tag, multiple));
    }

    @Override
    public void handleNack(long tag, boolean multiple) {
      settle(tag, multiple);
    }

    private int settle(long tag, boolean multiple) {
      int settled;
      synchronized (this) {
        if (multiple) {
          var upTo = outstanding.headSet(tag, true);
          settled = upTo.size();
          upTo.clear();
        } else {
          settled = outstanding.remove(tag) ? 1 : 0;
        }
      }
      window.release(settled);
      return settled;
    }
  }

  /**
   * ZeroMQ, which has no acknowledgement and no durable setting: PUSH to the peer, which echoes
   * every message back, and count what comes back.
   *
   * @param toPeer the endpoint the peer's PULL socket binds
   * @param fromPeer the endpoint this side binds for the echoes
   * @return messages echoed back
   */
  static long zeromq(String toPeer, String fromPeer, long count, int messageBytes) {
    try (ZContext context = new ZContext()) {
      ZMQ.Socket echoes = context.createSocket(SocketType.PULL);
      echoes.setReceiveTimeOut((int) DRAIN_TIMEOUT.toMillis());
      echoes.bind(fromPeer);
      AtomicLong back = new AtomicLong();
      Thread receiver =
          new Thread(
              () -> {
                while (back.get() < count && echoes.recv() != null) {
                  back.incrementAndGet();
                }
              },
              "footprint-zeromq-echoes");
      receiver.start();
      ZMQ.Socket push = context.createSocket(SocketType.PUSH);
      ZmqConnect.connect(push, toPeer);
      byte[] body = body(messageBytes);
      for (long i = 0; i < count; i++) {
        if (!push.send(body)) {
          break;
        }
      }
      try {
        receiver.join(DRAIN_TIMEOUT.toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return back.get();
    }
  }
}
