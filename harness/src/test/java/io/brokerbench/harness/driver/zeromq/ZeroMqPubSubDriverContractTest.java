package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The shared driver contract with PUB/SUB on every shape, also with one subscription: covers the
 * partition-keyed messages that split a subscription among several SUB consumers.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ZeroMqPubSubDriverContractTest extends DriverContract {
  @Override
  protected BrokerDriver newDriver() {
    return new ZeroMqDriver(ZeroMqConfig.defaults().withPattern(ZeroMqConfig.Pattern.PUB_SUB));
  }

  @Override
  protected long messagesPerProducer() {
    return 20_000;
  }
}
