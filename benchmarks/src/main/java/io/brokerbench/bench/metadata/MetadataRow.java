package io.brokerbench.bench.metadata;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One point of the metadata sweep: a Kafka cluster in one mode holding {@code partitions}
 * partitions in one shape. Times are in milliseconds, measured on the harness's monotonic clock; a
 * figure is null where it does not apply to the mode (ZooKeeper's in KRaft mode, the metadata log
 * in ZooKeeper mode), where the plan did not measure it at this point, or where the point did not
 * get that far.
 *
 * @param mode {@code kraft} or {@code zookeeper}
 * @param shape {@code many-topics} (topics of one partition) or {@code few-topics} (topics of
 *     1,000)
 * @param partitions partitions the cluster holds at this point (the failover probes' one-partition
 *     topics not counted)
 * @param topics topics holding them
 * @param replicationFactor replicas per partition
 * @param createdPartitions partitions this point created: its count minus the previous point's
 * @param createAckMs from sending the CreateTopics requests for them until every one was
 *     acknowledged (with Kafka's default: the broker waits until the topics have leaders in its
 *     metadata in ZooKeeper mode; the controller answers once the records are committed in KRaft)
 * @param createOnlineMs from the same start until every new partition had a leader and its log
 *     existed on each of its brokers (as the brokers' DescribeLogDirs report)
 * @param createOnlineTotalMs the createOnlineMs of this point and every earlier one of its series:
 *     the time spent creating all {@code partitions}
 * @param znodes ZooKeeper's {@code zk_znode_count} after creation; null in KRaft mode
 * @param zkWatches {@code zk_watch_count}
 * @param zkDataBytes {@code zk_approximate_data_size}
 * @param zkAvgLatencyMs {@code zk_avg_latency} over this point's work (statistics reset at its
 *     start with {@code srst})
 * @param zkMaxLatencyMs {@code zk_max_latency} over this point's work
 * @param zkOutstandingRequests {@code zk_outstanding_requests} at the end of the point
 * @param metadataLogBytes KRaft: bytes of the {@code __cluster_metadata} log's segments and
 *     snapshots on the largest controller; null in ZooKeeper mode
 * @param controlledShutdownMs SIGTERM to one broker (not the controller) until its process exited
 * @param restartMs that broker's launch until every partition had a leader again and it was back in
 *     the ISR of every partition it replicates
 * @param controllerFailoverMs SIGKILL to the active controller until a topic created afterwards had
 *     a leader: the new controller serving a metadata change
 * @param failoverTimeoutMs where {@code controllerFailoverMs} was measured: the setting after which
 *     this mode notices that its controller died, as the brokers ran (ZooKeeper mode: {@code
 *     zookeeper.session.timeout.ms}, the dead controller's session must expire; KRaft: {@code
 *     controller.quorum.fetch.timeout.ms}, a voter that hears nothing from the leader for this long
 *     starts an election). A failover near it is waiting, not working.
 * @param failoverAtEqualTimeoutMs ZooKeeper mode, where the plan asks for it: a second controller
 *     failover, measured like {@code controllerFailoverMs}, with the killed controller running
 *     {@code zookeeper.session.timeout.ms} = {@code equalFailoverTimeoutMs}; null in KRaft mode,
 *     whose one failover already runs with that timeout
 * @param equalFailoverTimeoutMs the session timeout {@code failoverAtEqualTimeoutMs} ran with:
 *     KRaft's {@code controller.quorum.fetch.timeout.ms}
 * @param describeAllMs a fresh Admin client's listTopics and describeTopics of every topic
 * @param brokerRssBytes the largest resident memory of the brokers, after creation
 * @param brokerRssBytesEach each broker's resident memory, node 1 first
 * @param zkRssBytes ZooKeeper's resident memory; null in KRaft mode
 * @param brokerOpenFiles the most open file descriptors of a broker ({@code /proc/<pid>/fd}), after
 *     creation: what the open-files limit is measured against
 * @param brokerMemoryMaps the most memory maps of a broker ({@code /proc/<pid>/maps}), after
 *     creation: what {@code vm.max_map_count} is measured against
 * @param budgetMs the time the point was allowed
 * @param status {@code ok}; {@code did not finish} (the point ran out of its time budget); {@code
 *     refused} (the machine cannot hold the point); {@code not run} (an earlier point ended the
 *     series); {@code failed}
 * @param reason why the row is not ok, empty when it is; for {@code did not finish}, the budget
 *     first: {@code 5 min: <why>}. Not a field of its own in {@code metadata-scaling.json}: the
 *     file's {@code status} holds both, as {@link #statusText} spells them
 */
public record MetadataRow(
    String mode,
    String shape,
    int partitions,
    int topics,
    int replicationFactor,
    int createdPartitions,
    Long createAckMs,
    Long createOnlineMs,
    Long createOnlineTotalMs,
    Long znodes,
    Long zkWatches,
    Long zkDataBytes,
    Double zkAvgLatencyMs,
    Double zkMaxLatencyMs,
    Long zkOutstandingRequests,
    Long metadataLogBytes,
    Long controlledShutdownMs,
    Long restartMs,
    Long controllerFailoverMs,
    Long failoverTimeoutMs,
    Long failoverAtEqualTimeoutMs,
    Long equalFailoverTimeoutMs,
    Long describeAllMs,
    Long brokerRssBytes,
    List<Long> brokerRssBytesEach,
    Long zkRssBytes,
    Long brokerOpenFiles,
    Long brokerMemoryMaps,
    long budgetMs,
    @JsonIgnore Status status,
    @JsonIgnore String reason)
    implements Row {

  /** Names of the JSON fields the claims read, so that a rename reaches them. */
  public static final String MODE = "mode";

  public static final String SHAPE = "shape";
  public static final String PARTITIONS = "partitions";
  public static final String CREATE_ONLINE_MS = "createOnlineMs";
  public static final String RESTART_MS = "restartMs";
  public static final String CONTROLLER_FAILOVER_MS = "controllerFailoverMs";
  public static final String FAILOVER_TIMEOUT_MS = "failoverTimeoutMs";
  public static final String FAILOVER_AT_EQUAL_TIMEOUT_MS = "failoverAtEqualTimeoutMs";
  public static final String EQUAL_FAILOVER_TIMEOUT_MS = "equalFailoverTimeoutMs";

  public MetadataRow {
    if (mode == null || mode.isBlank()) {
      throw new IllegalArgumentException("mode: must be kraft or zookeeper, was " + mode);
    }
    if (shape == null || shape.isBlank()) {
      throw new IllegalArgumentException("shape: missing");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: must be 1 or more, was " + partitions);
    }
    if (status == null) {
      throw new IllegalArgumentException("status: missing for " + mode + " " + partitions);
    }
    reason = reason == null ? "" : reason;
    // Not List.copyOf: a broker that was down when it was asked has a null RSS.
    brokerRssBytesEach =
        brokerRssBytesEach == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(brokerRssBytesEach));
  }

  /** A row for a point that measured nothing: refused, not run, or failed before creation. */
  public static MetadataRow unmeasured(
      String mode,
      String shape,
      int partitions,
      int replicationFactor,
      long budgetMs,
      Status status,
      String reason) {
    Long none = null;
    return new MetadataRow(
        mode,
        shape,
        partitions,
        0,
        replicationFactor,
        0,
        none,
        none,
        none,
        none,
        none,
        none,
        null,
        null,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        List.of(),
        none,
        none,
        none,
        budgetMs,
        status,
        reason);
  }

  /**
   * Every row of the sweep is Kafka's, in the metadata mode of {@code mode}: {@code kafka-kraft} or
   * {@code kafka-zookeeper}.
   */
  @Override
  public String system() {
    return (mode.equals(KafkaMode.KRAFT.label())
            ? SystemUnderTest.KAFKA_KRAFT
            : SystemUnderTest.KAFKA_ZOOKEEPER)
        .label();
  }

  /**
   * The row's {@code status} in {@code metadata-scaling.json}: the status and its reason in one,
   * {@code ok}, {@code did not finish in <T>: <why>}, {@code refused: <limit>}, {@code not run:
   * <why>} or {@code failed: <error>}.
   */
  @JsonGetter(STATUS)
  public String statusText() {
    if (reason.isEmpty()) {
      return status.label();
    }
    return status == Status.DID_NOT_FINISH
        ? status.label() + " in " + reason
        : status.label() + ": " + reason;
  }

  /** Milliseconds per 1,000 partitions created at this point, or null. */
  public Double createOnlineMsPer1000() {
    return createOnlineMs == null || createdPartitions == 0
        ? null
        : createOnlineMs * 1000.0 / createdPartitions;
  }
}
