package io.brokerbench.harness.driver.zeromq;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The shared driver contract through an XSUB/XPUB proxy per topic: every shape's messages make the
 * extra hop, keyed where a subscription has several consumers, and none is lost to a consumer whose
 * subscription had not reached the proxy yet.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ZeroMqProxyDriverContractTest extends DriverContract {
  @Override
  protected BrokerDriver newDriver() {
    return new ZeroMqDriver(ZeroMqConfig.defaults().withPattern(ZeroMqConfig.Pattern.PROXY));
  }

  @Override
  protected long messagesPerProducer() {
    return 20_000;
  }
}
