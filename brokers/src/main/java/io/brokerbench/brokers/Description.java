package io.brokerbench.brokers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launcher started, for the environment block of every result: software and version, mode,
 * ports, process ids, the effective configuration, and how long the last start took until the
 * broker answered.
 *
 * @param name the broker's name in this run ("kafka-kraft-1")
 * @param software "Apache Kafka", "Apache ZooKeeper", "RabbitMQ", "ZeroMQ (jeromq)"
 * @param mode e.g. "kraft", "zookeeper", "classic node", "peer"
 * @param ports role to port, all on 127.0.0.1
 * @param pids operating-system process ids of the live processes (empty when stopped)
 * @param startToReadyMs from process start until the broker answered; -1 before the first start
 * @param config the effective configuration the launcher wrote, key to value
 */
public record Description(
    String name,
    String software,
    String version,
    String mode,
    Map<String, Integer> ports,
    List<Long> pids,
    long startToReadyMs,
    Map<String, String> config) {
  public Description {
    // Ordered copies: ports and settings read in the order the launcher wrote them.
    ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    pids = List.copyOf(pids);
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
