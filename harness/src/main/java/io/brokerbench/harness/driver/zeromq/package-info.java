/**
 * The ZeroMQ driver: {@link io.brokerbench.harness.driver.zeromq.ZeroMqDriver} on jeromq,
 * configured by {@link io.brokerbench.harness.driver.zeromq.ZeroMqConfig}. No broker: producers
 * connect to consumers directly over TCP on 127.0.0.1.
 *
 * <p>Tier {@code none} only; {@code ack} and {@code durable} are not offered. Every consumer binds
 * a socket, every producer connects to every consumer of its topic (the M x N mesh of claim Z4,
 * counted by {@code connections()}). One subscription runs PUSH/PULL, ZeroMQ spreading messages
 * over the consumers; several run PUB/SUB, every subscription getting every message, a partition
 * key frame splitting a subscription among its consumers. A producer is returned only when every
 * connection has finished its handshake (and, for PUB/SUB, every subscription has arrived), so no
 * message is lost to a slow joiner. High-water marks are set explicitly, and PUB/SUB blocks at them
 * instead of dropping unless told to (the slow-subscriber experiment). With the {@code PROXY}
 * pattern an XSUB/XPUB proxy per topic stands between them instead, and producers and consumers
 * each connect to it alone ({@code M + N} connections, not {@code M x N}). The class Javadoc of the
 * driver has the details and the reasons.
 *
 * <p>Its contract test, {@code ZeroMqDriverContractTest}, runs the shared {@code DriverContract}
 * in-process: there is no broker to start.
 */
package io.brokerbench.harness.driver.zeromq;
