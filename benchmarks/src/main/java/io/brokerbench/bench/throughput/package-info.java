/**
 * The throughput suite: delivered messages per second of matched workloads, each (system, tier,
 * workload) a JMH trial in a fork of its own, measured in interleaved rounds (claims K1, K3, R1,
 * Z1, Z4).
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.throughput.ThroughputSuite}: the run loop: brokers started
 *       once, then interleaved rounds, sized per profile by {@link
 *       io.brokerbench.bench.throughput.ThroughputSettings}. {@link
 *       io.brokerbench.bench.throughput.ThroughputPlan} decides the profile's systems, workloads,
 *       window checks and each fork's order; {@link io.brokerbench.bench.throughput.ForkRunner}
 *       runs a round's fork with its broker watched; {@link
 *       io.brokerbench.bench.throughput.VendorTools} runs the vendors' tools beside each trial;
 *       {@link io.brokerbench.bench.throughput.RowFolder} folds rounds into {@link
 *       io.brokerbench.bench.throughput.ThroughputRow}s; {@link
 *       io.brokerbench.bench.throughput.ConsumerOnlyComparison} sets brokerbench's consumer alone
 *       against Kafka's ConsumerPerformance.
 *   <li>{@link io.brokerbench.bench.throughput.ThroughputBenchmark} and {@link
 *       io.brokerbench.bench.throughput.ConsumerOnlyBenchmark}: the JMH benchmarks a fork runs;
 *       {@link io.brokerbench.bench.throughput.SteadyState} decides when a warm-up is over, {@link
 *       io.brokerbench.bench.throughput.TrialOutput} carries a fork's figures back.
 *   <li>{@link io.brokerbench.bench.Targets}: the properties that point a fork at its broker
 *       settings; {@link io.brokerbench.bench.throughput.BrokerWatch} voids a trial whose broker
 *       died; {@link io.brokerbench.bench.throughput.TcpConnections} counts a workload's
 *       connections.
 * </ul>
 */
package io.brokerbench.bench.throughput;
