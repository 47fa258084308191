package io.brokerbench.harness.driver.kafka;

import io.brokerbench.brokers.kafka.KafkaMode;

/** The Kafka driver's contract against one broker in ZooKeeper mode, with its own ZooKeeper. */
class KafkaZooKeeperDriverContractIT extends KafkaDriverContract {
  @Override
  protected KafkaMode mode() {
    return KafkaMode.ZOOKEEPER;
  }
}
