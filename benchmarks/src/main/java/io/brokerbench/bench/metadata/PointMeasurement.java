package io.brokerbench.bench.metadata;

import static io.brokerbench.bench.metadata.ClusterSettings.SESSION_TIMEOUT;
import static io.brokerbench.bench.metadata.ClusterSettings.failoverTimeoutMs;
import static io.brokerbench.bench.metadata.MetadataStoreProbe.doubleOf;
import static io.brokerbench.bench.metadata.MetadataStoreProbe.longOf;
import static io.brokerbench.bench.metadata.ProcessFigures.most;

import io.brokerbench.bench.Errors;
import io.brokerbench.bench.metadata.Deadline.PointTimeoutException;
import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One point's measurement on its series' running cluster, in the order the suite has always taken
 * it: the new partitions created (acknowledged, then online), every topic described, the processes'
 * figures and the metadata store's, then, where the plan says so, the clean stop and restart and
 * the controller's failovers; the result is the point's {@link MetadataRow}. Apart from {@link
 * MetadataSuite}, which decides which points run on which cluster and when, because this is what
 * one point does once it runs.
 */
final class PointMeasurement {
  private final MetadataPlan plan;

  PointMeasurement(MetadataPlan plan) {
    this.plan = plan;
  }

  /** The figures of one point as they are measured, so a point that stops keeps what it has. */
  private static final class Figures {
    Long createAckMs;
    Long createOnlineMs;
    Long createOnlineTotalMs;
    Long znodes;
    Long zkWatches;
    Long zkDataBytes;
    Double zkAvgLatencyMs;
    Double zkMaxLatencyMs;
    Long zkOutstandingRequests;
    Long metadataLogBytes;
    Long controlledShutdownMs;
    Long restartMs;
    Long controllerFailoverMs;
    Long failoverAtEqualTimeoutMs;
    Long equalFailoverTimeoutMs;
    Long describeAllMs;
    Long brokerRssBytes;
    List<Long> brokerRssBytesEach = List.of();
    Long zkRssBytes;
    Long brokerOpenFiles;
    Long brokerMemoryMaps;
  }

  /**
   * @param restore whether the cluster must be whole again after the failover (not after the last
   *     point of a series: the cluster is torn down next)
   */
  MetadataRow measure(
      KafkaCluster cluster, MetadataPlan.Point point, Series series, boolean restore) {
    Deadline deadline = new Deadline(plan.pointBudget());
    Figures figures = new Figures();
    boolean zookeeper = point.mode() == KafkaMode.ZOOKEEPER;
    Status status = Status.OK;
    String reason = "";
    List<NewTopic> created = newTopics(point, series);
    try (ClusterProbe probe = new ClusterProbe(cluster, plan.pointBudget())) {
      ControllerOperations ops = new ControllerOperations(probe);
      MetadataStoreProbe store = new MetadataStoreProbe(cluster);
      if (zookeeper) {
        store.resetZooKeeperStats();
      }
      Set<String> names = new LinkedHashSet<>();
      created.forEach(topic -> names.add(topic.name()));
      long begin = System.nanoTime();
      probe.create(created, deadline);
      figures.createAckMs = ClusterProbe.millisSince(begin);
      series.topics.addAll(names);
      probe.awaitCreated(
          names,
          (long) (point.partitions() - point.previousPartitions()) * plan.replicationFactor(),
          deadline);
      figures.createOnlineMs = ClusterProbe.millisSince(begin);
      series.createOnlineTotalMs += figures.createOnlineMs;
      figures.createOnlineTotalMs = series.createOnlineTotalMs;

      figures.describeAllMs = probe.describeAll(deadline);
      List<Long> rss = new ArrayList<>();
      for (KafkaNode node : cluster.nodes()) {
        rss.add(ProcessFigures.rssBytes(node.pid()));
      }
      figures.brokerRssBytesEach = rss;
      figures.brokerOpenFiles = most(cluster, ProcessFigures::openFiles);
      figures.brokerMemoryMaps = most(cluster, ProcessFigures::memoryMaps);
      figures.brokerRssBytes = rss.stream().filter(v -> v != null).max(Long::compare).orElse(null);
      if (zookeeper) {
        figures.zkRssBytes = ProcessFigures.rssBytes(cluster.zookeeper().pid());
        Map<String, String> mntr = store.mntr();
        figures.znodes = longOf(mntr, "zk_znode_count");
        figures.zkWatches = longOf(mntr, "zk_watch_count");
        figures.zkDataBytes = longOf(mntr, "zk_approximate_data_size");
      } else {
        figures.metadataLogBytes = store.metadataLogBytes();
      }

      if (point.operations()) {
        // The operations' own budget: restarts at thousands of partitions take minutes, and
        // running out of them must not void the creation just measured within the point's.
        Deadline operations = new Deadline(plan.pointBudget());
        series.probes++;
        String probeTopic =
            "probe-" + point.shape().label() + "-" + point.partitions() + "-" + series.probes;
        if (plan.restarts()) {
          int controllerId = ops.activeController(operations);
          KafkaNode victim =
              cluster.nodes().stream()
                  .filter(node -> node.nodeId() != controllerId)
                  .findFirst()
                  .orElseThrow();
          figures.controlledShutdownMs = ops.controlledShutdown(victim);
          if (figures.controlledShutdownMs == null) {
            status = Status.DID_NOT_FINISH;
            reason =
                String.format(
                    "%s: controlled shutdown of %s (the harness killed it)",
                    Deadline.format(victim.stopTimeout()), victim.name());
          }
          operations.check("stopping " + victim.name());
          // As shipped, whatever an earlier point's equal-timeout failover left it with.
          victim.setSetting(SESSION_TIMEOUT, null);
          figures.restartMs = ops.restart(victim, series.topics, operations);
        }
        boolean equalToo = zookeeper && plan.equalTimeoutFailover();
        // Kafka's default first: every broker starts with it, so at the first operation point no
        // broker restarts for it.
        ops.controllerWith(SESSION_TIMEOUT, null, series.topics, operations);
        figures.controllerFailoverMs =
            ops.failover(
                probeTopic,
                series.topics,
                operations,
                restore || equalToo,
                equalToo ? Long.toString(failoverTimeoutMs(KafkaMode.KRAFT)) : null);
        if (equalToo) {
          String equal = Long.toString(failoverTimeoutMs(KafkaMode.KRAFT));
          ops.controllerWith(SESSION_TIMEOUT, equal, series.topics, operations);
          figures.failoverAtEqualTimeoutMs =
              ops.failover(probeTopic + "-equal", series.topics, operations, false, null);
          figures.equalFailoverTimeoutMs = failoverTimeoutMs(KafkaMode.KRAFT);
          if (restore) {
            // The next point creates with Kafka's defaults: a 2 s session could expire under
            // that load and move the controller in the middle of the measurement.
            ops.everyBrokerWith(SESSION_TIMEOUT, null, series.topics, operations);
          }
        }
      }
      if (zookeeper) {
        Map<String, String> mntr = store.mntr();
        figures.zkAvgLatencyMs = doubleOf(mntr, "zk_avg_latency");
        figures.zkMaxLatencyMs = doubleOf(mntr, "zk_max_latency");
        figures.zkOutstandingRequests = longOf(mntr, "zk_outstanding_requests");
      }
    } catch (PointTimeoutException e) {
      status = Status.DID_NOT_FINISH;
      reason = String.format("%s: %s", Deadline.format(plan.pointBudget()), e.getMessage());
    } catch (RuntimeException e) {
      status = Status.FAILED;
      reason = Errors.firstLine(e);
    }
    return row(point, series, figures, status, reason);
  }

  private List<NewTopic> newTopics(MetadataPlan.Point point, Series series) {
    List<NewTopic> topics = new ArrayList<>();
    String prefix = point.shape() == Shape.MANY_TOPICS ? "t1p-" : "t1kp-";
    int index = series.topics.size();
    for (int size : point.shape().topicsBetween(point.previousPartitions(), point.partitions())) {
      topics.add(
          new NewTopic(
              String.format("%s%06d", prefix, index++), size, (short) plan.replicationFactor()));
    }
    return topics;
  }

  private MetadataRow row(
      MetadataPlan.Point point, Series series, Figures f, Status status, String reason) {
    return new MetadataRow(
        point.mode().label(),
        point.shape().label(),
        point.partitions(),
        series.topics.size(),
        plan.replicationFactor(),
        point.partitions() - point.previousPartitions(),
        f.createAckMs,
        f.createOnlineMs,
        f.createOnlineTotalMs,
        f.znodes,
        f.zkWatches,
        f.zkDataBytes,
        f.zkAvgLatencyMs,
        f.zkMaxLatencyMs,
        f.zkOutstandingRequests,
        f.metadataLogBytes,
        f.controlledShutdownMs,
        f.restartMs,
        f.controllerFailoverMs,
        f.controllerFailoverMs == null ? null : failoverTimeoutMs(point.mode()),
        f.failoverAtEqualTimeoutMs,
        f.equalFailoverTimeoutMs,
        f.describeAllMs,
        f.brokerRssBytes,
        f.brokerRssBytesEach,
        f.zkRssBytes,
        f.brokerOpenFiles,
        f.brokerMemoryMaps,
        plan.pointBudget().toMillis(),
        status,
        reason);
  }
}
