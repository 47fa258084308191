package io.brokerbench.brokers.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.Description;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka 4.2.2 starts from its Maven artifacts beside 3.9.1, in KRaft mode, logs through log4j 2,
 * and carries the harness's 3.9.1 clients' records; its share coordinator's state topic fits one
 * broker.
 */
class Kafka4IT {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aKraftBrokerOfKafka4StartsCarriesRecordsAndStops() throws Exception {
    KafkaClusterSpec spec =
        KafkaClusterSpec.single(KafkaMode.KRAFT).withHeap("512m").withRelease(KafkaRelease.V4_2);
    Description described;
    try (KafkaCluster kafka = new KafkaCluster(spec)) {
      kafka.start();
      String bootstrap = kafka.bootstrapServers();
      KafkaRoundTrip.createTopic(bootstrap, "kafka-4", 1, (short) 1);
      Set<Long> acked = KafkaRoundTrip.produceDurable(bootstrap, "kafka-4", 200, 50);
      assertEquals(200, acked.size());
      assertEquals(
          acked, KafkaRoundTrip.consume(bootstrap, "kafka-4", 200, Duration.ofSeconds(60)));
      described = kafka.describe();
      assertEquals("4.2.2", described.version());
      assertEquals("1", described.config().get("share.coordinator.state.topic.replication.factor"));
      KafkaNode node = kafka.node(1);
      assertTrue(Files.exists(node.logDir().resolveSibling("conf/log4j2.properties")));
      String log = Files.readString(node.logFile());
      assertTrue(log.contains("Kafka Server started"), "the broker's log went through log4j 2");
      assertFalse(log.contains("No log4j2 configuration file found"), "log4j 2 read our file");
    }
    for (long pid : described.pids()) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
    }
  }
}
