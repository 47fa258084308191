package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaRelease;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriver;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver;
import io.brokerbench.harness.driver.rabbitstream.RabbitStreamDriver;
import io.brokerbench.harness.driver.zeromq.ZeroMqDriver;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SystemUnderTestTest {
  /** The labels rows have always carried, and the family the claims compare each one in. */
  private static final Map<String, Family> FAMILIES =
      Map.of(
          "in-memory", Family.IN_MEMORY,
          "kafka-kraft", Family.KAFKA,
          "kafka-zookeeper", Family.KAFKA,
          "kafka-4", Family.KAFKA_4,
          "rabbitmq", Family.RABBITMQ,
          // A family of its own: no claim about RabbitMQ's queues reads a stream's rows.
          "rabbitmq-stream", Family.RABBITMQ_STREAM,
          "zeromq", Family.ZEROMQ,
          "zeromq-proxy", Family.ZEROMQ);

  @Test
  void everySystemHasTheLabelRowsCarryAndAFamily() {
    assertEquals(
        FAMILIES,
        Arrays.stream(SystemUnderTest.values())
            .collect(Collectors.toMap(SystemUnderTest::label, SystemUnderTest::family)));
  }

  @ParameterizedTest
  @EnumSource(SystemUnderTest.class)
  void aSystemIsFoundByItsLabelAndSoIsItsFamily(SystemUnderTest system) {
    assertEquals(Optional.of(system), SystemUnderTest.of(system.label()));
    assertEquals(system, SystemUnderTest.parse(system.label()));
    assertEquals(Optional.of(system.family()), Family.of(system.label()));
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void aFamilyIsFoundByItsOwnLabelAsFootprintRowsNameIt(Family family) {
    assertEquals(Optional.of(family), Family.of(family.label()));
  }

  @Test
  void aFamilyIsWhatItsDriverCallsItself() {
    assertEquals(KafkaDriver.SYSTEM, Family.KAFKA.label());
    assertEquals(RabbitMqDriver.SYSTEM, Family.RABBITMQ.label());
    assertEquals(RabbitStreamDriver.SYSTEM, Family.RABBITMQ_STREAM.label());
    assertEquals(ZeroMqDriver.SYSTEM, Family.ZEROMQ.label());
    assertEquals(InMemoryDriver.SYSTEM, Family.IN_MEMORY.label());
  }

  @Test
  void anUnknownNameHasNoFamilyAndNoSystem() {
    assertEquals(Optional.empty(), Family.of("zmq"));
    assertEquals(Optional.empty(), SystemUnderTest.of("kafka"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SystemUnderTest.parse("kafak"));
    assertEquals(
        "system: unknown 'kafak'; expected in-memory, kafka-kraft, kafka-zookeeper, kafka-4,"
            + " rabbitmq, rabbitmq-stream, zeromq or zeromq-proxy",
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(BenchSystem.class)
  void everyChoiceOfTheCommandLineIsASystemOfTheRegistry(BenchSystem choice) {
    assertEquals(choice.label(), choice.underTest().label());
    assertEquals(choice, BenchSystem.parse(choice.label()));
  }

  @Test
  void aSystemHasABrokerToStartExactlyWhenItIsNotBrokerless() {
    for (SystemUnderTest system : SystemUnderTest.values()) {
      boolean brokerless = system.family() == Family.ZEROMQ || system.family() == Family.IN_MEMORY;
      assertEquals(!brokerless, system.broker(false).isPresent(), system.label());
      if (system.replicatedSetUp().isEmpty()) {
        assertThrows(IllegalArgumentException.class, () -> system.broker(true), system.label());
      } else {
        assertTrue(system.broker(true).isPresent(), system.label());
      }
    }
  }

  @Test
  void aBrokersDriverNamesThePropertyThatPointsItWhenItIsMissing() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> SystemUnderTest.RABBITMQ.driver(Map.of()).close());
    assertTrue(e.getMessage().contains(Targets.RABBITMQ_URI), e.getMessage());
    IllegalStateException stream =
        assertThrows(
            IllegalStateException.class,
            () -> SystemUnderTest.RABBITMQ_STREAM.driver(Map.of()).close());
    assertTrue(stream.getMessage().contains(Targets.RABBITMQ_STREAM), stream.getMessage());
  }

  @Test
  void theSystemsWithAThreeNodeSetUpAreThoseThatOfferTierReplicated() {
    Set<SystemUnderTest> replicating =
        Arrays.stream(SystemUnderTest.values())
            .filter(SystemUnderTest::replicates)
            .collect(Collectors.toSet());
    assertEquals(
        Arrays.stream(SystemUnderTest.values())
            .filter(system -> system.replicatedSetUp().isPresent())
            .collect(Collectors.toSet()),
        replicating);
    assertEquals(EnumSet.of(GuaranteeTier.NONE), SystemUnderTest.ZEROMQ.tiers());
    assertEquals(EnumSet.of(GuaranteeTier.NONE), SystemUnderTest.ZEROMQ_PROXY.tiers());
    assertEquals(
        EnumSet.copyOf(GuaranteeTier.SINGLE_NODE), SystemUnderTest.KAFKA_ZOOKEEPER.tiers());
  }

  @Test
  void aBrokersSingleNodeIsNamedAsTheThroughputAndLatencyRowsNameIt() {
    Map<SystemUnderTest, String> named =
        Arrays.stream(SystemUnderTest.values())
            .filter(system -> system.singleNodeSetUp().isPresent())
            .collect(Collectors.toMap(system -> system, system -> system.singleNodeSetUp().get()));
    assertEquals(
        Map.of(
            SystemUnderTest.KAFKA_KRAFT, "kraft, 1 broker",
            SystemUnderTest.KAFKA_ZOOKEEPER, "zookeeper, 1 broker",
            SystemUnderTest.KAFKA_4, "kraft, 1 broker, Kafka 4.2.2",
            SystemUnderTest.RABBITMQ, "1 node, classic queues",
            SystemUnderTest.RABBITMQ_STREAM, "1 node, streams"),
        named);
    for (SystemUnderTest system : SystemUnderTest.values()) {
      assertEquals(system.broker(false).isPresent(), system.singleNodeSetUp().isPresent());
    }
  }

  @Test
  void aKafkaSystemNamesItsMetadataModeAndNoOtherHasOne() {
    assertEquals(Optional.of(KafkaMode.KRAFT), SystemUnderTest.KAFKA_KRAFT.kafkaMode());
    assertEquals(Optional.of(KafkaMode.ZOOKEEPER), SystemUnderTest.KAFKA_ZOOKEEPER.kafkaMode());
    assertEquals(Optional.of(KafkaMode.KRAFT), SystemUnderTest.KAFKA_4.kafkaMode());
    for (SystemUnderTest system : SystemUnderTest.values()) {
      boolean kafka = system.family() == Family.KAFKA || system.family() == Family.KAFKA_4;
      assertEquals(kafka, system.kafkaMode().isPresent(), system.label());
    }
  }

  @ParameterizedTest
  @EnumSource(SystemUnderTest.class)
  void aSingleNodeOffersTheSystemsTiersButReplicated(SystemUnderTest system) {
    Set<GuaranteeTier> expected = system.tiers();
    expected.remove(GuaranteeTier.REPLICATED);
    assertEquals(expected, system.singleNodeTiers());
  }

  @Test
  void aKafkaSystemStartsTheReleaseItIsNamedFor() {
    assertEquals(KafkaRelease.V4_2, SystemUnderTest.KAFKA_4.kafkaSingle().release());
    assertEquals(KafkaMode.KRAFT, SystemUnderTest.KAFKA_4.kafkaSingle().mode());
    assertEquals(KafkaRelease.V3_9, SystemUnderTest.KAFKA_KRAFT.kafkaSingle().release());
    assertEquals(KafkaRelease.V3_9, SystemUnderTest.KAFKA_ZOOKEEPER.kafkaSingle().release());
    assertEquals(Optional.empty(), SystemUnderTest.RABBITMQ.kafkaRelease());
  }
}
