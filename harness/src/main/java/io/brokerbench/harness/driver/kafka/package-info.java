/**
 * The Kafka driver: {@link io.brokerbench.harness.driver.kafka.KafkaDriver} runs a trial's topology
 * on a Kafka cluster with kafka-clients 3.9, and {@link
 * io.brokerbench.harness.driver.kafka.KafkaDriverConfig} says where the cluster is and holds every
 * client and topic setting the driver uses, each with its reason.
 *
 * <ul>
 *   <li>Tiers: {@code none} = {@code acks=0}, {@code ack} = {@code acks=1}, {@code durable} =
 *       {@code acks=all} and the idempotent producer (replication factor 3 and {@code
 *       min.insync.replicas=2} in cluster runs).
 *   <li>A trial's topics are created fresh, waited for until every partition's leader answers for
 *       it, and deleted when the driver closes.
 *   <li>Consumers are assigned their partitions ({@code assign()}, no consumer group, so never a
 *       rebalance) and poll on a thread of their own each; producers are one {@code KafkaProducer}
 *       each, with Kafka's default batching, as Kafka's own {@code ProducerPerformance} runs.
 * </ul>
 *
 * <p>Its contract test, {@code KafkaDriverContractIT}, runs the shared {@code DriverContract}
 * against a real single broker in KRaft mode (and {@code KafkaZooKeeperDriverContractIT} in
 * ZooKeeper mode).
 */
package io.brokerbench.harness.driver.kafka;
