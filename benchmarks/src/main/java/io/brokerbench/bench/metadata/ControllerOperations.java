package io.brokerbench.bench.metadata;

import static io.brokerbench.bench.metadata.ClusterProbe.POLL;
import static io.brokerbench.bench.metadata.ClusterProbe.adminConfig;
import static io.brokerbench.bench.metadata.ClusterProbe.await;
import static io.brokerbench.bench.metadata.ClusterProbe.millisSince;
import static io.brokerbench.bench.metadata.ClusterProbe.sleep;

import io.brokerbench.bench.metadata.Deadline.PointTimeoutException;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The operations a point runs on its cluster's brokers and controller: finding the active
 * controller, a clean stop and restart, giving brokers a setting, and the controller's failover.
 * Apart from {@link ClusterProbe}'s creation and description because these change the cluster
 * rather than read it; they ask through the probe's one Admin client and wait with its polls.
 */
final class ControllerOperations {
  private final KafkaCluster cluster;
  private final Admin admin;
  private final ClusterProbe probe;

  ControllerOperations(ClusterProbe probe) {
    this.cluster = probe.cluster();
    this.admin = probe.admin();
    this.probe = probe;
  }

  /** The node id of the active controller: ZooKeeper's elected broker, or the quorum's leader. */
  int activeController(Deadline deadline) {
    if (cluster.spec().mode() == KafkaMode.ZOOKEEPER) {
      return await(admin.describeCluster().controller(), deadline, "finding the controller").id();
    }
    return await(admin.describeMetadataQuorum().quorumInfo(), deadline, "finding the quorum leader")
        .leaderId();
  }

  /**
   * SIGTERM to {@code node} until its process exited, in milliseconds; null when it did not exit
   * within its stop timeout and had to be killed.
   */
  Long controlledShutdown(KafkaNode node) {
    long begin = System.nanoTime();
    node.stop();
    long ms = millisSince(begin);
    return node.lastStopWasClean() ? ms : null;
  }

  /** Starts {@code node} again and waits until all its partitions are online, in milliseconds. */
  long restart(KafkaNode node, Collection<String> topics, Deadline deadline) {
    long begin = System.nanoTime();
    node.start();
    deadline.check("restarting " + node.name());
    probe.awaitOnline(
        topics, node.nodeId(), deadline, "waiting for " + node.name() + "'s partitions");
    return millisSince(begin);
  }

  /**
   * Makes the active controller a broker that runs with {@code key} = {@code value} (null: Kafka's
   * default), unmeasured: while the controller runs with another value, it is stopped cleanly
   * (another broker takes over at once), given the value and started again until its partitions are
   * online. Each round gives one more broker the value, so it ends after at most one round per
   * broker. A setting such as a ZooKeeper session timeout is read only at a broker's start, and
   * only the killed controller's own one bounds a failover in ZooKeeper mode.
   */
  void controllerWith(String key, String value, Collection<String> topics, Deadline deadline) {
    for (int round = 0; round <= cluster.nodes().size(); round++) {
      KafkaNode controller = cluster.node(activeController(deadline));
      if (Objects.equals(controller.setting(key), value)) {
        return;
      }
      controller.stop();
      startWith(controller, key, value, topics, deadline);
    }
    throw new IllegalStateException(
        "the controller still does not run with " + key + "=" + value + " after every broker does");
  }

  /**
   * Brings every broker to {@code key} = {@code value} (null: Kafka's default), unmeasured: the
   * stopped ones are started with it first, then each running one with another value is stopped
   * cleanly, given it and started again; each time until every partition is online. Stopped ones
   * first, because with one replica per partition no broker's wait can end while another broker
   * that leads some of the partitions is down (a failover that leaves its controller dead waited
   * out its whole point budget here).
   */
  void everyBrokerWith(String key, String value, Collection<String> topics, Deadline deadline) {
    List<KafkaNode> stoppedFirst = new ArrayList<>();
    for (KafkaNode node : cluster.nodes()) {
      if (node.isRunning()) {
        stoppedFirst.add(node);
      } else {
        stoppedFirst.add(0, node);
      }
    }
    for (KafkaNode node : stoppedFirst) {
      boolean running = node.isRunning();
      if (running && Objects.equals(node.setting(key), value)) {
        continue;
      }
      if (running) {
        node.stop();
      }
      startWith(node, key, value, topics, deadline);
    }
  }

  /**
   * Starts the stopped {@code node} with {@code key} = {@code value}, until its partitions are
   * online.
   */
  private void startWith(
      KafkaNode node, String key, String value, Collection<String> topics, Deadline deadline) {
    node.setSetting(key, value);
    node.start();
    deadline.check("restarting " + node.name() + " with " + key + "=" + value);
    probe.awaitOnline(
        topics,
        node.nodeId(),
        deadline,
        "waiting for " + node.name() + "'s partitions after its restart with " + key);
  }

  /**
   * SIGKILL to the active controller until a topic created afterwards has a leader, in
   * milliseconds. The probe topic is placed on a surviving broker by explicit assignment (the
   * cluster may not know yet that the killed one is gone). With {@code restore}, the killed broker
   * is then started again and its partitions brought back online, unmeasured; with {@code
   * restoreSessionTimeoutMs}, it restarts with that {@code zookeeper.session.timeout.ms}.
   */
  long failover(
      String probeTopic,
      Collection<String> topics,
      Deadline deadline,
      boolean restore,
      String restoreSessionTimeoutMs) {
    int controllerId = activeController(deadline);
    KafkaNode controller = cluster.node(controllerId);
    List<KafkaNode> survivors =
        cluster.nodes().stream()
            .filter(node -> node.nodeId() != controllerId && node.isRunning())
            .toList();
    String survivorServers =
        survivors.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
    long ms;
    try (Admin survivorAdmin = Admin.create(adminConfig(survivorServers, deadline.budget()))) {
      long begin = System.nanoTime();
      controller.kill();
      NewTopic probe = new NewTopic(probeTopic, Map.of(0, List.of(survivors.get(0).nodeId())));
      while (true) {
        try {
          survivorAdmin
              .createTopics(
                  List.of(probe), new CreateTopicsOptions().timeoutMs((int) deadline.remainingMs()))
              .all()
              .get(deadline.remainingMs(), TimeUnit.MILLISECONDS);
          break;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) {
            break; // an earlier attempt reached ZooKeeper; the leader is what counts
          }
          sleep(POLL, deadline, "creating a topic after the controller's death: " + e.getCause());
        } catch (TimeoutException e) {
          throw new PointTimeoutException("creating a topic after the controller's death");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      while (true) {
        try {
          TopicDescription described =
              survivorAdmin
                  .describeTopics(List.of(probeTopic))
                  .allTopicNames()
                  .get(deadline.remainingMs(), TimeUnit.MILLISECONDS)
                  .get(probeTopic);
          Node leader = described.partitions().get(0).leader();
          if (leader != null && !leader.isEmpty()) {
            break;
          }
        } catch (ExecutionException e) {
          // not known yet
        } catch (TimeoutException e) {
          throw new PointTimeoutException("waiting for the new controller to elect a leader");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        sleep(POLL, deadline, "waiting for the new controller to elect a leader");
      }
      ms = millisSince(begin);
    }
    if (!restore) {
      return ms;
    }
    if (restoreSessionTimeoutMs != null) {
      controller.setSetting(ClusterSettings.SESSION_TIMEOUT, restoreSessionTimeoutMs);
    }
    controller.start();
    deadline.check("restarting the killed controller " + controller.name());
    probe.awaitOnline(
        topics, controllerId, deadline, "waiting for the killed controller's partitions");
    return ms;
  }
}
