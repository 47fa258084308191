/**
 * Workloads: what a trial sends, to what shape of topics and consumers, how fast, and at which
 * delivery guarantee.
 *
 * <p>A {@link io.brokerbench.harness.workload.Workload} is an immutable record, checked when made;
 * {@link io.brokerbench.harness.workload.WorkloadLoader} reads one from a YAML file whose field
 * names are the OpenMessaging Benchmark's where it has one, so its workload files load here (unused
 * fields become warnings). {@link io.brokerbench.harness.workload.GuaranteeTier} names the three
 * tiers ({@code none}, {@code ack}, {@code durable}) and documents how each system provides them.
 *
 * <p>The bundled workloads are classpath resources under {@code workloads/}, named after their
 * shape, e.g. {@code workloads/1-topic-16-partitions-1kb.yaml}.
 */
package io.brokerbench.harness.workload;
