/**
 * The RabbitMQ driver: {@link io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver} on the
 * RabbitMQ Java client, configured by {@link
 * io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig}.
 *
 * <p>A topic is a direct exchange; a subscription is one queue per partition bound to it with the
 * partition number as routing key, so every subscription gets every message and a subscription's
 * consumers split its partitions. Tier {@code none} publishes transient messages without confirms
 * to non-durable queues and consumes with auto-ack; {@code ack} adds publisher confirms and manual
 * acknowledgements; {@code durable} adds persistent messages and durable (classic or quorum)
 * queues. Each producer and consumer has a connection of its own; confirms are handled
 * asynchronously with a bounded number outstanding, acknowledgements are batched with {@code
 * multiple=true}. The class Javadoc of the driver has the details and the reasons.
 *
 * <p>Its contract test, {@code RabbitMqDriverContractIT}, runs the shared {@code DriverContract}
 * against a private RabbitMQ node that the brokers module starts.
 */
package io.brokerbench.harness.driver.rabbitmq;
