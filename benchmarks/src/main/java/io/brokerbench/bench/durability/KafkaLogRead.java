package io.brokerbench.bench.durability;

import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.SequenceTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a Kafka partition again from its first offset to its end, after the fault and the recovery:
 * what the log holds is what survived. Jepsen's final read. Duplicates in the log (a producer's
 * retry without idempotence) and inversions show up here too.
 */
final class KafkaLogRead implements CrashTrial.FinalRead {
  private final String bootstrapServers;
  private final Duration timeout;

  KafkaLogRead(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  @Override
  public SequenceTracker readAll(Topology topology) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "brokerbench-final-read");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // No group: assign() and an explicit seek, nothing committed.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    SequenceTracker tracker =
        new SequenceTracker(topology.producerId(0, 0), topology.producersPerTopic(), 1);
    TopicPartition partition = new TopicPartition(topology.topicName(0), 0);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(partition), timeout);
      long end = ends.get(partition);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the final read of "
                  + partition
                  + " did not reach offset "
                  + end
                  + " within "
                  + timeout.toSeconds()
                  + " s (at "
                  + consumer.position(partition)
                  + ")");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          CrashTrial.FinalRead.record(tracker, record.value());
        }
      }
    }
    return tracker;
  }
}
