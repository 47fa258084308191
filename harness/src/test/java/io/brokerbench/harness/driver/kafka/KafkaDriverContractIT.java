package io.brokerbench.harness.driver.kafka;

import io.brokerbench.brokers.kafka.KafkaMode;

/** The Kafka driver's contract against one broker in KRaft mode (no ZooKeeper). */
class KafkaDriverContractIT extends KafkaDriverContract {
  @Override
  protected KafkaMode mode() {
    return KafkaMode.KRAFT;
  }
}
