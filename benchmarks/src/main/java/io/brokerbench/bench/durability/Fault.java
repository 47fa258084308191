package io.brokerbench.bench.durability;

import io.brokerbench.brokers.rabbitmq.RabbitConsumerPeer;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import java.time.Duration;

/**
 * A fault the durability suite injects, named by the label its rows carry ({@code fault} in {@code
 * durability.json}). The records say what is done; {@link Faults} does it to a running broker.
 */
sealed interface Fault {

  /** The fault as the rows and the report name it. */
  String label();

  /** SIGKILL of the only node's process ({@code what}: broker, node), restart on its data. */
  record Kill(String what) implements Fault {
    @Override
    public String label() {
      return "SIGKILL " + what + ", restart";
    }
  }

  /** SIGSTOP of the only node for {@code frozen}, then SIGCONT: a long GC pause, a stalled VM. */
  record Pause(Duration frozen) implements Fault {
    @Override
    public String label() {
      return "SIGSTOP broker, SIGCONT";
    }
  }

  /**
   * Kafka on 3 brokers: the followers frozen for {@code followersBehind}, the partition's leader
   * SIGKILLed and its copy of the trial's partitions deleted, the followers thawed, the leader
   * restarted empty to copy the partition back: a node lost with its disk.
   */
  record LeaderLoss(Duration followersBehind) implements Fault {
    @Override
    public String label() {
      return "SIGSTOP followers "
          + followersBehind.toMillis()
          + " ms, SIGKILL partition leader, delete its copy of the partition, SIGCONT followers,"
          + " restart";
    }
  }

  /**
   * RabbitMQ on 3 nodes: the quorum queue's leader SIGKILLed and its data directory deleted, and
   * left down: the node is lost with its disk, and the other two keep the queue. It is not
   * restarted: on an empty data directory it would be a new node outside the cluster, and joining
   * it again (forget_cluster_node, join_cluster, growing the queue onto it) is an operator's
   * procedure the suite does not perform.
   */
  record QueueLeaderLoss() implements Fault {
    @Override
    public String label() {
      return "SIGKILL queue leader, delete its data directory, leave it down";
    }
  }

  /** The consumer, a child JVM acknowledging as {@code acks} says, SIGKILLed and started anew. */
  record ConsumerCrash(RabbitConsumerPeer.Acks acks) implements Fault {
    @Override
    public String label() {
      return "SIGKILL consumer ("
          + (acks == RabbitConsumerPeer.Acks.AUTO
              ? "auto-ack"
              : "manual acks, every " + RabbitMqConfig.DEFAULT_ACK_EVERY + "th")
          + "), restart";
    }
  }
}
