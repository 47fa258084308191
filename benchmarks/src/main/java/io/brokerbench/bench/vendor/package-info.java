/**
 * The vendors' own load tools, run on the same broker as brokerbench's driver for the parity
 * figures: Kafka's {@link io.brokerbench.bench.vendor.KafkaProducerPerformance} and {@link
 * io.brokerbench.bench.vendor.KafkaConsumerPerformance}, RabbitMQ's {@link
 * io.brokerbench.bench.vendor.RabbitPerfTest} (each in a JVM of its own through {@link
 * io.brokerbench.bench.vendor.ToolProcess}), and a plain jeromq send loop, {@link
 * io.brokerbench.bench.vendor.JeromqLoop}. Each answers a {@link
 * io.brokerbench.bench.vendor.VendorResult} parsed from the tool's own output.
 */
package io.brokerbench.bench.vendor;
