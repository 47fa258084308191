package io.brokerbench.harness.driver.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The Kafka driver's settings per tier, and the config's refusals; no broker needed. */
class KafkaDriverConfigTest {
  private static final KafkaDriverConfig SINGLE = KafkaDriverConfig.single("127.0.0.1:9092");

  @ParameterizedTest
  @CsvSource({"NONE, 0, false", "ACK, 1, false", "DURABLE, all, true", "REPLICATED, all, true"})
  void eachTierHasItsAcksAndIdempotence(GuaranteeTier tier, String acks, String idempotence) {
    Map<String, Object> producer = SINGLE.producerConfig(tier, "p");
    assertEquals(acks, producer.get(ProducerConfig.ACKS_CONFIG));
    assertEquals(idempotence, producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
  }

  @ParameterizedTest
  @EnumSource(GuaranteeTier.class)
  void producerBatchingIsKafkasDefaultAsInProducerPerformance(GuaranteeTier tier) {
    Map<String, Object> producer = SINGLE.producerConfig(tier, "p");
    assertFalse(producer.containsKey(ProducerConfig.LINGER_MS_CONFIG));
    assertFalse(producer.containsKey(ProducerConfig.BATCH_SIZE_CONFIG));
    assertFalse(producer.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG));
  }

  @Test
  void consumersJoinNoGroup() {
    Map<String, Object> consumer = SINGLE.consumerConfig("c");
    assertFalse(consumer.containsKey(ConsumerConfig.GROUP_ID_CONFIG));
    assertEquals("none", consumer.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
  }

  @Test
  void durableFsyncsAndReplicatedWaitsForAMajorityOfThree() {
    KafkaDriverConfig cluster = KafkaDriverConfig.forCluster("127.0.0.1:9092", 3);
    assertEquals(3, cluster.replicationFactor());
    assertTrue(cluster.offersReplicated());
    assertEquals(
        Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"),
        cluster.topicConfig(GuaranteeTier.REPLICATED),
        "a majority of the three replicas before the acknowledgement, no fsync");
    assertEquals(
        Map.of(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, "1"),
        cluster.topicConfig(GuaranteeTier.DURABLE),
        "an fsync before every acknowledgement, whatever the replication");
    assertEquals(Map.of(), cluster.topicConfig(GuaranteeTier.ACK));
    assertEquals(
        Map.of(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, "1"),
        SINGLE.topicConfig(GuaranteeTier.DURABLE),
        "an fsync before every acknowledgement");
    assertEquals(Map.of(), SINGLE.topicConfig(GuaranteeTier.ACK), "the broker's defaults");
    assertEquals(Map.of(), SINGLE.topicConfig(GuaranteeTier.NONE), "the broker's defaults");
    assertEquals(1, SINGLE.replicationFactor());
  }

  @Test
  void replicatedIsOfferedOnlyWithThreeReplicasAndTwoInSync() {
    assertFalse(SINGLE.offersReplicated(), "one broker loses everything with its disk");
    assertFalse(new KafkaDriver(SINGLE).offers(GuaranteeTier.REPLICATED));
    assertTrue(new KafkaDriver(SINGLE).offers(GuaranteeTier.DURABLE));
    assertFalse(KafkaDriverConfig.forCluster("127.0.0.1:9092", 2).offersReplicated());
    assertFalse(SINGLE.withReplication(3, 1).offersReplicated(), "one in-sync copy is no majority");
    assertTrue(
        new KafkaDriver(KafkaDriverConfig.forCluster("127.0.0.1:9092", 3))
            .offers(GuaranteeTier.REPLICATED));
  }

  @Test
  void overridesApplyButNeverWeakenTheTier() {
    KafkaDriverConfig tuned = SINGLE.withProducerOverrides(Map.of("linger.ms", "5"));
    assertEquals("5", tuned.producerConfig(GuaranteeTier.ACK, "p").get("linger.ms"));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SINGLE.withProducerOverrides(Map.of("acks", "0")));
    assertTrue(e.getMessage().contains("producerOverrides: 'acks'"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SINGLE.withCommonOverrides(Map.of("enable.idempotence", "false")));
    assertThrows(
        IllegalArgumentException.class,
        () -> SINGLE.withConsumerOverrides(Map.of("value.deserializer", "x")));
  }

  @Test
  void badValuesAreRefusedWithTheirField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SINGLE.withReplication(1, 2));
    assertTrue(e.getMessage().startsWith("replicatedMinInsyncReplicas:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SINGLE.withReplication(0, 0));
    assertTrue(e.getMessage().startsWith("replicationFactor:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KafkaDriverConfig.single(" "));
    assertTrue(e.getMessage().startsWith("bootstrapServers:"), e.getMessage());
  }
}
