package io.brokerbench.harness.driver.inmemory;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;

/** The shared driver contract, against the in-memory driver (offers none and ack, not durable). */
class InMemoryDriverContractTest extends DriverContract {
  @Override
  protected BrokerDriver newDriver() {
    return InMemoryDriver.create();
  }

  @Override
  protected long messagesPerProducer() {
    return 20_000;
  }
}
