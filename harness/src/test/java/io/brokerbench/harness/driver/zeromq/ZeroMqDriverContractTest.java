package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The shared driver contract against ZeroMQ in this JVM (no broker to start): tier {@code none} on
 * every topology shape, PUSH/PULL for one subscription and PUB/SUB for fan-out; {@code ack} and
 * {@code durable} refused as not offered.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ZeroMqDriverContractTest extends DriverContract {
  @Override
  protected BrokerDriver newDriver() {
    return ZeroMqDriver.create();
  }

  @Override
  protected long messagesPerProducer() {
    return 20_000;
  }
}
