/**
 * ZooKeeper for Kafka's ZooKeeper mode: {@link io.brokerbench.brokers.zookeeper.ZooKeeperNode}, a
 * server JVM from the ZooKeeper that Kafka 3.9.1 ships, and {@link
 * io.brokerbench.brokers.zookeeper.FourLetterWords}, its {@code ruok} and {@code mntr} answers.
 */
package io.brokerbench.brokers.zookeeper;
