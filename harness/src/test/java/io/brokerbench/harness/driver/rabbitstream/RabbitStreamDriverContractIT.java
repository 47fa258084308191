package io.brokerbench.harness.driver.rabbitstream;

import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;
import io.brokerbench.harness.rig.RigSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The shared driver contract against one private RabbitMQ node with the stream plugin, started once
 * for the class: every topology shape at tiers none and ack, and durable and replicated refused.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@RequiresRabbitMq
class RabbitStreamDriverContractIT extends DriverContract {
  private static RabbitCluster rabbit;

  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  static void startBroker() {
    rabbit =
        new RabbitCluster("rabbitmq-stream-driver-it", RabbitClusterSpec.single().withStreams());
    rabbit.start();
  }

  @AfterAll
  static void stopBroker() {
    if (rabbit != null) {
      rabbit.close();
    }
  }

  @Override
  protected BrokerDriver newDriver() {
    return new RabbitStreamDriver(
        RabbitStreamConfig.of(Ports.LOOPBACK, rabbit.node(1).streamPort())
            .withTimeout(Duration.ofSeconds(20)));
  }

  @Override
  protected RigSettings rigSettings() {
    return RigSettings.defaults().withStallTimeout(Duration.ofSeconds(20));
  }
}
