package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.suite.Profile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
  @Test
  void defaultsRunTheQuickProfileOnEverySystemButThoseChosenByNameInAFixedOrder() {
    BenchConfig config = BenchConfig.parse();
    assertEquals(Profile.QUICK, config.profile());
    assertEquals(
        List.of(
            BenchSystem.KAFKA_KRAFT,
            BenchSystem.KAFKA_ZOOKEEPER,
            BenchSystem.RABBITMQ,
            BenchSystem.ZEROMQ),
        List.copyOf(config.systems()),
        "every system but Kafka 4 and RabbitMQ Streams, enum order");
    assertEquals(config.systems(), BenchConfig.parse("--systems=all").systems());
    assertEquals(
        Set.of(BenchSystem.RABBITMQ_STREAM),
        BenchConfig.parse("--systems=rabbitmq-stream").systems());
    assertEquals("", config.rabbitmqUri());
  }

  @Test
  void systemsAndProfileComeFromTheCommandLine() {
    BenchConfig config = BenchConfig.parse("--profile=SMOKE", "--systems=rabbitmq, kafka-kraft");
    assertEquals(Profile.SMOKE, config.profile());
    assertEquals(Set.of(BenchSystem.RABBITMQ, BenchSystem.KAFKA_KRAFT), config.systems());
  }

  @Test
  void anUnknownSystemNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--systems=kafak"));
    assertTrue(e.getMessage().startsWith("bench.systems: unknown system 'kafak'"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("kafka-kraft, kafka-zookeeper, kafka-4, rabbitmq, rabbitmq-stream, zeromq"));
  }

  @Test
  void anUnknownProfileOrOptionOrUriIsRefused() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--profile=fast"))
            .getMessage()
            .contains("smoke, quick or full"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--speed=11"))
            .getMessage()
            .contains("--speed"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchConfig.parse("--rabbitmq-uri=localhost:5672"))
            .getMessage()
            .contains("rabbitmq.uri"));
  }

  @Test
  void badArgumentsExitWithCodeTwoAndOneLine() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        new BenchMain(
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err))
            .run("--profile=fast");
    assertEquals(2, code);
    assertTrue(err.toString().startsWith("brokerbench: bench.profile"), err.toString());
  }

  @Test
  void theReportLanguageIsTheLocalesUnlessAsked() {
    assertEquals(
        io.brokerbench.bench.claims.Messages.tagForLocale(
            System.getenv(), java.util.Locale.getDefault()),
        BenchConfig.parse().lang());
    assertEquals("en", BenchConfig.parse("--lang=en").lang());
    assertEquals("pt-BR", BenchConfig.parse("--lang=pt-br").lang());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--lang=klingon"))
            .getMessage()
            .startsWith("bench.lang: unknown language 'klingon'"));
  }

  @Test
  void theMetadataSuiteRunsByDefaultWithReplicationFactorOne() {
    BenchConfig config = BenchConfig.parse();
    assertTrue(config.runs("metadata"));
    assertEquals(1, config.metadataReplicationFactor());
    assertEquals(3, BenchConfig.parse("--metadata-rf=3").metadataReplicationFactor());
    assertEquals(Set.of("metadata"), BenchConfig.parse("--suites=metadata").suites());
  }

  @Test
  void aMetadataReplicationFactorTheClusterCannotHoldIsRefused() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--metadata-rf=4"))
            .getMessage()
            .contains("bench.metadata.rf"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--metadata-rf=x"))
            .getMessage()
            .contains("'x' is not a number"));
  }

  @Test
  void theMetadataSuiteComparesTheKafkaModesAmongTheChosenSystems() {
    assertEquals(
        List.of(
            io.brokerbench.brokers.kafka.KafkaMode.ZOOKEEPER,
            io.brokerbench.brokers.kafka.KafkaMode.KRAFT),
        metadataModes(BenchConfig.parse()));
    assertEquals(List.of(), metadataModes(BenchConfig.parse("--systems=rabbitmq")));
    // A Kafka the user runs cannot be swept: the sweep restarts and kills its brokers.
    assertEquals(
        List.of(io.brokerbench.brokers.kafka.KafkaMode.ZOOKEEPER),
        metadataModes(BenchConfig.parse("--kafka-bootstrap=127.0.0.1:9092")));
  }

  private static List<io.brokerbench.brokers.kafka.KafkaMode> metadataModes(BenchConfig config) {
    return io.brokerbench.bench.metadata.MetadataSuite.of(
            config.plan(), null, new Progress(System.out))
        .plan()
        .modes();
  }

  @Test
  void externalClustersAreParsedAndABadAddressIsRefused() {
    BenchConfig config =
        BenchConfig.parse(
            "--kafka-bootstrap=127.0.0.1:9092",
            "--kafka-zookeeper-bootstrap=127.0.0.1:9093,localhost:9094",
            "--zookeeper-connect=127.0.0.1:2181");
    assertEquals("127.0.0.1:9092", config.external().of(BenchSystem.KAFKA_KRAFT));
    assertEquals(
        "127.0.0.1:9093,localhost:9094", config.external().of(BenchSystem.KAFKA_ZOOKEEPER));
    assertTrue(config.external().isExternal(BenchSystem.KAFKA_KRAFT));
    assertFalse(config.external().isExternal(BenchSystem.RABBITMQ));
    assertFalse(BenchConfig.parse().external().isExternal(BenchSystem.KAFKA_KRAFT));
    String message =
        assertThrows(
                IllegalArgumentException.class, () -> BenchConfig.parse("--kafka-bootstrap=kafka"))
            .getMessage();
    assertTrue(message.startsWith("kafka.bootstrap: 'kafka' is not a list of host:port"), message);
  }

  @Test
  void aTierFilterNarrowsEverySuiteThatRunsTiers() {
    assertEquals(
        java.util.EnumSet.allOf(io.brokerbench.harness.workload.GuaranteeTier.class),
        BenchConfig.parse().tiers());
    BenchConfig ack = BenchConfig.parse("--tiers=ack");
    assertEquals(Set.of(io.brokerbench.harness.workload.GuaranteeTier.ACK), ack.tiers());
    assertEquals(4, BenchConfig.parse("--tiers=all").tiers().size());
    String message =
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--tiers=fast"))
            .getMessage();
    assertTrue(message.startsWith("bench.tiers: 'fast' is not a guarantee tier"), message);

    // Quick: Kafka's single broker and 3-broker cluster at ack, RabbitMQ at ack, the fsync count
    // of each single-node broker; no consumer crash (tier durable) and no ZeroMQ (tier none).
    var durability =
        io.brokerbench.bench.durability.DurabilitySettings.forProfile(Profile.QUICK)
            .onlyTiers(ack.tiers());
    assertEquals(
        5, io.brokerbench.bench.durability.DurabilitySuite.steps(durability, ack.systems()));
    // Tier none only: the in-memory ceiling's fork in the first round, then in each of quick's 3
    // rounds one fork each for Kafka and RabbitMQ (its trial and window check; no producer-alone
    // comparison, no PerfTest: quick's tools run at tier ack) and ZeroMQ (trial and window check),
    // then the jeromq loop: 1 + 3 x 4.
    assertEquals(
        13,
        io.brokerbench.bench.throughput.ThroughputSuite.steps(
            io.brokerbench.bench.throughput.ThroughputSettings.forProfile(Profile.QUICK),
            ack.systems(),
            Set.of(io.brokerbench.harness.workload.GuaranteeTier.NONE)));
  }
}
