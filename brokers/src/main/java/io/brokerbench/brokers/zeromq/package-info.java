/**
 * ZeroMQ has no broker: its "node" is a peer JVM ({@link
 * io.brokerbench.brokers.zeromq.ZmqPeerProcess} running {@link
 * io.brokerbench.brokers.zeromq.ZmqPeer}), the far end of a PUSH/PULL or PUB/SUB pair, which the
 * start-up, footprint and durability suites start, kill and restart like a broker.
 */
package io.brokerbench.brokers.zeromq;
