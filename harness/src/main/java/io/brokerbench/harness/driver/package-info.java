/**
 * The driver contract: what a broker adapter implements, and the two harness callbacks it hands
 * results to.
 *
 * <ul>
 *   <li>{@link io.brokerbench.harness.driver.BrokerDriver}: one trial's topics, consumers and
 *       producers ({@code offers}, {@code prepare}, {@code startConsumer}, {@code createProducer},
 *       {@code close}), with {@link io.brokerbench.harness.driver.DriverProducer} ({@code send},
 *       {@code close}) and {@link io.brokerbench.harness.driver.DriverConsumer} ({@code close}).
 *   <li>{@link io.brokerbench.harness.driver.Receiver}: a sink of two methods; a consumer hands it
 *       every payload. The harness's {@link io.brokerbench.harness.driver.Deliveries}, a final
 *       class, alone reads the clock on delivery and keeps the books.
 *   <li>{@link io.brokerbench.harness.driver.Acknowledgements}: a final harness class; a producer
 *       reports each acknowledgement or failure to it. It alone reads the clock on acknowledgement.
 *   <li>{@link io.brokerbench.harness.driver.Topology}: the shape of a trial and its names.
 *   <li>{@link io.brokerbench.harness.driver.BacklogDriver}: a capability beside the contract, for
 *       a system that keeps its messages after delivery (Kafka): a consumer reading them again.
 * </ul>
 *
 * <p>One package per system below this one: {@code driver.kafka}, {@code driver.rabbitmq}, {@code
 * driver.zeromq}, and {@link io.brokerbench.harness.driver.inmemory}, the reference. Each driver
 * runs the shared contract test, {@code DriverContract}, from the harness's test-jar.
 */
package io.brokerbench.harness.driver;
