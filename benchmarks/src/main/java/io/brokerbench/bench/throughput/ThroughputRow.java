package io.brokerbench.bench.throughput;

/**
 * One measurement of the throughput suite: a system at a tier for a workload, with the vendor's
 * tool on the same broker in the same run where there is one.
 *
 * @param system {@code kafka-kraft}, {@code kafka-zookeeper}, {@code rabbitmq}, {@code zeromq},
 *     {@code in-memory}
 * @param mode how the system ran, e.g. "kraft, 1 broker" or "brokerless"
 * @param tier {@code none}, {@code ack}, {@code durable}
 * @param topology the workload's name, e.g. {@code 1-topic-1-partition-1kb}
 * @param messageBytes payload size
 * @param status {@code ok}, {@code not offered} (the system has no such guarantee), {@code skipped}
 *     or {@code failed}; see reason
 * @param reason why a row is not ok; empty when ok
 * @param msgPerSec delivered messages per second (for a producer-only workload: acknowledged
 *     messages per second; for a consumer-only workload: messages read per second from a topic
 *     filled beforehand), JMH's mean over the measurement iterations
 * @param mbPerSec {@code msgPerSec * messageBytes / 2^20}
 * @param error JMH's 99.9% confidence half-width of msgPerSec, or half the min–max range when JMH
 *     has too few iterations for one (with 3 iterations the half-width is wide: 31.6 standard
 *     errors)
 * @param minPerSec the slowest measurement iteration
 * @param maxPerSec the fastest measurement iteration
 * @param sentPerSec messages handed to the driver per second (JMH's primary score); 0 for a
 *     consumer-only workload, where nothing is sent while the consumer reads
 * @param connections the TCP connections the workload had open during the measurement, counted from
 *     {@code /proc} in the trial's process beyond those it had before the driver started (a
 *     connection with both ends in that process, as in ZeroMQ's mesh, counts once); 0 when not
 *     counted (consumer-only, failed rows)
 * @param vendorTool the vendor tool compared with, or empty
 * @param vendorMsgPerSec the vendor tool's figure, or 0
 * @param parity {@code msgPerSec / vendorMsgPerSec}, or 0 without a vendor figure
 * @param trial the trial's name: its files are {@code trials/<trial>.hlog} and {@code
 *     .delivery.json}, and {@code jmh/<trial>.json} (a consumer-only trial has only the last: the
 *     age of a message read from a backlog is no latency)
 */
public record ThroughputRow(
    String system,
    String mode,
    String tier,
    String topology,
    int messageBytes,
    String status,
    String reason,
    double msgPerSec,
    double mbPerSec,
    double error,
    double minPerSec,
    double maxPerSec,
    double sentPerSec,
    int connections,
    String vendorTool,
    double vendorMsgPerSec,
    double parity,
    String trial) {

  static ThroughputRow notOk(
      String system,
      String mode,
      String tier,
      String topology,
      int messageBytes,
      String status,
      String reason) {
    return new ThroughputRow(
        system,
        mode,
        tier,
        topology,
        messageBytes,
        status,
        reason,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        "",
        0,
        0,
        "");
  }

  ThroughputRow withVendor(String tool, double vendorPerSec) {
    return copy(sentPerSec, tool, vendorPerSec);
  }

  ThroughputRow withSentPerSec(double sent) {
    return copy(sent, vendorTool, vendorMsgPerSec);
  }

  /** This row with the figures the suite adds after the trial; the parity follows the vendor's. */
  private ThroughputRow copy(double sent, String tool, double vendorPerSec) {
    return new ThroughputRow(
        system,
        mode,
        tier,
        topology,
        messageBytes,
        status,
        reason,
        msgPerSec,
        mbPerSec,
        error,
        minPerSec,
        maxPerSec,
        sent,
        connections,
        tool,
        vendorPerSec,
        vendorPerSec > 0 ? msgPerSec / vendorPerSec : 0,
        trial);
  }

  public boolean ok() {
    return "ok".equals(status);
  }
}
