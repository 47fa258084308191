package io.brokerbench.brokers.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends numbered messages to a Kafka topic and reads them back: the check that a launched broker
 * really stores and serves messages, for the launchers' tests and the bench's smoke run. Each
 * message's first eight bytes are its sequence number. The benchmark drivers are elsewhere.
 */
public final class KafkaRoundTrip {
  private KafkaRoundTrip() {}

  /** Creates {@code topic} with the given shape and waits for the broker to acknowledge it. */
  public static void createTopic(
      String bootstrapServers, String topic, int partitions, short replicationFactor)
      throws ExecutionException, InterruptedException, TimeoutException {
    try (Admin admin = Admin.create(KafkaNode.adminConfig(bootstrapServers))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends messages {@code 0..count-1} with {@code acks=all} and an idempotent producer (the {@code
   * durable} tier), and returns the sequence numbers the broker acknowledged.
   */
  public static Set<Long> produceDurable(
      String bootstrapServers, String topic, int count, int messageBytes)
      throws InterruptedException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    Set<Long> acked = new TreeSet<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      List<Future<RecordMetadata>> sends = new ArrayList<>(count);
      for (long seq = 0; seq < count; seq++) {
        sends.add(producer.send(new ProducerRecord<>(topic, payload(seq, messageBytes))));
      }
      producer.flush();
      for (int seq = 0; seq < count; seq++) {
        try {
          sends.get(seq).get();
          acked.add((long) seq);
        } catch (ExecutionException e) {
          // Not acknowledged: the caller compares what was acknowledged with what it reads back.
        }
      }
    }
    return acked;
  }

  /**
   * Reads {@code topic} from the beginning until {@code expected} messages have arrived or {@code
   * timeout} has passed, and returns the sequence numbers read (duplicates collapse).
   */
  public static Set<Long> consume(
      String bootstrapServers, String topic, int expected, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "brokerbench-roundtrip-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Set<Long> seen = new TreeSet<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      while (seen.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          seen.add(ByteBuffer.wrap(record.value()).getLong());
        }
      }
    }
    return seen;
  }

  static byte[] payload(long seq, int messageBytes) {
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(Long.BYTES, messageBytes));
    buffer.putLong(seq);
    return buffer.array();
  }
}
