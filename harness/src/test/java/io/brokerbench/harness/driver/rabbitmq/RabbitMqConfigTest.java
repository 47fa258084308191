package io.brokerbench.harness.driver.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RabbitMQ driver's settings: defaults, validation, and no password in any message. */
class RabbitMqConfigTest {
  private static final String URI = "amqp://guest:secret@127.0.0.1:5673/%2F";

  @Test
  void defaultsAreTheDocumentedOnes() {
    RabbitMqConfig config = RabbitMqConfig.of(URI);
    assertEquals(RabbitMqConfig.QueueType.CLASSIC, config.durableQueueType());
    assertEquals(2, config.classicQueueVersion());
    assertEquals(1_000, config.prefetch());
    assertEquals(100, config.ackEvery());
    assertEquals(1_000, config.maxUnconfirmed());
    assertEquals("127.0.0.1:5673", config.where());
  }

  @Test
  void aCounterproductiveAckBatchIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RabbitMqConfig.of(URI).withPrefetch(50).withAckEvery(100));
    assertTrue(e.getMessage().startsWith("ackEvery: 100 is more than prefetch 50"), e.getMessage());
    // Unlimited prefetch allows any batch.
    assertEquals(5_000, RabbitMqConfig.of(URI).withPrefetch(0).withAckEvery(5_000).ackEvery());
  }

  @Test
  void badValuesAreNamedByField() {
    assertField("uris", () -> RabbitMqConfig.of(List.of()));
    assertField("uris", () -> RabbitMqConfig.of("http://127.0.0.1"));
    assertField("prefetch", () -> RabbitMqConfig.of(URI).withPrefetch(-1));
    assertField("classicQueueVersion", () -> RabbitMqConfig.of(URI).withClassicQueueVersion(3));
    assertField("maxUnconfirmed", () -> RabbitMqConfig.of(URI).withMaxUnconfirmed(0));
    assertField("timeout", () -> RabbitMqConfig.of(URI).withTimeout(java.time.Duration.ZERO));
  }

  @Test
  void passwordsStayOutOfMessages() {
    RabbitMqConfig config = RabbitMqConfig.of(URI, "amqp://guest:secret@127.0.0.1:5674/%2F");
    assertFalse(config.toString().contains("secret"), config.toString());
    assertEquals("127.0.0.1:5673, 127.0.0.1:5674", config.where());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RabbitMqConfig.of("amqps://u:secret@[::1"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void everyTierOfOneNodeIsOfferedAndReplicatedFromThreeNodes() {
    RabbitMqDriver driver = new RabbitMqDriver(RabbitMqConfig.of(URI));
    for (GuaranteeTier tier : GuaranteeTier.SINGLE_NODE) {
      assertTrue(driver.offers(tier), tier.key());
    }
    assertFalse(driver.offers(GuaranteeTier.REPLICATED), "a quorum queue on one node");
    RabbitMqDriver cluster =
        new RabbitMqDriver(
            RabbitMqConfig.of(
                URI, "amqp://guest:guest@127.0.0.1:5674/%2F", "amqp://127.0.0.1:5675/%2F"));
    assertTrue(cluster.offers(GuaranteeTier.REPLICATED));
  }

  private static void assertField(String field, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().startsWith(field), e.getMessage());
  }
}
