/**
 * Kafka 3.9.1 brokers: {@link io.brokerbench.brokers.kafka.KafkaNode} (one broker JVM, in KRaft
 * mode also a controller), {@link io.brokerbench.brokers.kafka.KafkaCluster} (one to many brokers
 * in KRaft or ZooKeeper mode, as a {@link io.brokerbench.brokers.kafka.KafkaClusterSpec} says,
 * ready when every broker sees the others), and {@link
 * io.brokerbench.brokers.kafka.KafkaRoundTrip}, the produce-and-read that says a broker serves.
 */
package io.brokerbench.brokers.kafka;
