package io.brokerbench.harness.driver.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.Ports;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Kafka driver without a broker: what it offers, and how it fails when nobody answers. */
class KafkaDriverTest {

  @Test
  void everyTierOfOneNodeIsOfferedOnOneBroker() {
    KafkaDriver driver = new KafkaDriver(KafkaDriverConfig.single("127.0.0.1:9092"));
    for (GuaranteeTier tier : GuaranteeTier.SINGLE_NODE) {
      assertTrue(driver.offers(tier), tier.key());
    }
    assertFalse(driver.offers(GuaranteeTier.REPLICATED), "one broker has no majority to lose");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aBrokerThatDoesNotAnswerVoidsTheTrialInTimeAndSaysWhere() throws Exception {
    String address = Ports.LOOPBACK + ":" + Ports.free();
    KafkaDriver driver =
        new KafkaDriver(
            KafkaDriverConfig.single(address)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    long startNs = System.nanoTime();
    DriverException e =
        assertThrows(
            DriverException.class,
            () -> driver.prepare(new Topology("nobody-home", 1, 1, 1, 1, 1), GuaranteeTier.ACK));
    assertTrue(e.getMessage().startsWith("kafka at " + address + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("nobody-home-t0"), e.getMessage());
    assertTrue(e.getMessage().contains("timed out after 2 s"), e.getMessage());
    // Closing tries to delete the topic it may have made, and says so when it cannot.
    DriverException closing = assertThrows(DriverException.class, driver::close);
    assertTrue(closing.getMessage().contains("deleting topics"), closing.getMessage());
    assertFalse(
        System.nanoTime() - startNs > TimeUnit.SECONDS.toNanos(10),
        "prepare and close are bounded by their timeouts");
    driver.close();
  }
}
