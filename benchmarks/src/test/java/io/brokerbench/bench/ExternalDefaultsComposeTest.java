package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's {@code docker-compose.yml} and {@link ExternalDefaults} must agree: a user who
 * runs {@code docker compose up -d} gets brokers exactly where brokerbench's external options look
 * by default, and Kafka advertises an address that clients on the host can reach.
 */
class ExternalDefaultsComposeTest {
  private static Map<String, Map<String, Object>> services;

  /** One published port: {@code [host_ip:]host_port:container_port[/protocol]}. */
  record Published(String hostIp, int hostPort, int containerPort) {
    static Published parse(String spec) {
      String[] parts = spec.replaceFirst("/tcp$", "").split(":");
      return switch (parts.length) {
        case 2 -> new Published("0.0.0.0", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        case 3 -> new Published(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        default -> throw new IllegalArgumentException("not a published port: '" + spec + "'");
      };
    }
  }

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readComposeFile() throws IOException {
    Path file = composeFile();
    Map<String, Object> compose =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    services = (Map<String, Map<String, Object>>) compose.get("services");
    assertNotNull(services, file + " has no services");
  }

  /** docker-compose.yml at the root of the checkout: the first folder upwards that has it. */
  private static Path composeFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docker-compose.yml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return fail("no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
  }

  @Test
  void theComposeFileHasTheThreeSetupsAndTheirVersions() {
    assertEquals("apache/kafka:3.9.1", image("kafka-kraft"));
    assertEquals("apache/kafka:3.9.1", image("kafka-zookeeper"));
    assertEquals("zookeeper:3.8.4", image("zookeeper"), "the ZooKeeper Kafka 3.9.1 ships with");
    assertTrue(image("rabbitmq").startsWith("rabbitmq:3."), image("rabbitmq"));
  }

  @Test
  void kafkaInKraftModeIsPublishedAndAdvertisedAtItsDefault() {
    assertTrue(env("kafka-kraft").get("KAFKA_PROCESS_ROLES").contains("controller"));
    assertFalse(env("kafka-kraft").containsKey("KAFKA_ZOOKEEPER_CONNECT"));
    assertKafkaReachableAt("kafka-kraft", ExternalDefaults.KAFKA_KRAFT_BOOTSTRAP);
  }

  @Test
  void kafkaWithZooKeeperIsPublishedAndAdvertisedAtItsDefaultAndUsesTheZooKeeperService() {
    Map<String, String> env = env("kafka-zookeeper");
    assertFalse(env.containsKey("KAFKA_PROCESS_ROLES"), "no process roles: ZooKeeper mode");
    assertEquals("zookeeper:2181", env.get("KAFKA_ZOOKEEPER_CONNECT"));
    assertKafkaReachableAt("kafka-zookeeper", ExternalDefaults.KAFKA_ZOOKEEPER_BOOTSTRAP);
    assertPublishes("zookeeper", ExternalDefaults.ZOOKEEPER_CONNECT, 2181);
  }

  @Test
  void rabbitMqIsPublishedAtTheDefaultUri() {
    assertPublishes("rabbitmq", ExternalDefaults.RABBITMQ_URI, 5672);
    assertTrue(ExternalDefaults.RABBITMQ_URI.startsWith("amqp://guest:guest@"));
  }

  @Test
  void portsAreReadFromEndpointsAndUris() {
    assertEquals(9092, ExternalDefaults.port(ExternalDefaults.KAFKA_KRAFT_BOOTSTRAP));
    assertEquals(5672, ExternalDefaults.port(ExternalDefaults.RABBITMQ_URI));
    assertEquals("127.0.0.1", ExternalDefaults.host(ExternalDefaults.RABBITMQ_URI));
    assertThrows(IllegalArgumentException.class, () -> ExternalDefaults.port("localhost"));
    assertEquals(new Published("127.0.0.1", 9093, 9093), Published.parse("127.0.0.1:9093:9093"));
    assertEquals(new Published("0.0.0.0", 5672, 5672), Published.parse("5672:5672"));
  }

  /**
   * The service publishes the default's port on the default's address, and the listener that
   * advertises the default address listens on the container port behind it.
   */
  private static void assertKafkaReachableAt(String service, String bootstrap) {
    Published published = publishedAt(service, bootstrap);
    Map<String, String> env = env(service);
    String advertisedName = listenerNameWith(env.get("KAFKA_ADVERTISED_LISTENERS"), bootstrap);
    assertNotNull(
        advertisedName,
        service + " advertises no listener at " + bootstrap + ": host clients could not reach it");
    String listening = listenerAddress(env.get("KAFKA_LISTENERS"), advertisedName);
    assertNotNull(
        listening, service + " has no listener " + advertisedName + " in KAFKA_LISTENERS");
    assertEquals(
        published.containerPort(),
        ExternalDefaults.port(listening),
        service + ": listener " + advertisedName + " is not the published container port");
  }

  private static void assertPublishes(String service, String endpoint, int containerPort) {
    assertEquals(containerPort, publishedAt(service, endpoint).containerPort());
  }

  private static Published publishedAt(String service, String endpoint) {
    String host = ExternalDefaults.host(endpoint);
    int port = ExternalDefaults.port(endpoint);
    for (Published published : ports(service)) {
      if (published.hostPort() == port
          && (published.hostIp().equals(host) || published.hostIp().equals("0.0.0.0"))) {
        return published;
      }
    }
    return fail(service + " does not publish " + endpoint + "; it publishes " + ports(service));
  }

  /** The name of the listener in {@code listeners} whose address is {@code hostPort}. */
  private static String listenerNameWith(String listeners, String hostPort) {
    for (String listener : listeners.split(",")) {
      String[] nameAndAddress = listener.trim().split("://", 2);
      if (nameAndAddress[1].equals(hostPort)) {
        return nameAndAddress[0];
      }
    }
    return null;
  }

  private static String listenerAddress(String listeners, String name) {
    for (String listener : listeners.split(",")) {
      String[] nameAndAddress = listener.trim().split("://", 2);
      if (nameAndAddress[0].equals(name)) {
        return nameAndAddress[1];
      }
    }
    return null;
  }

  private static Map<String, Object> service(String name) {
    Map<String, Object> service = services.get(name);
    assertNotNull(service, "docker-compose.yml has no service " + name + ": " + services.keySet());
    return service;
  }

  private static String image(String name) {
    return String.valueOf(service(name).get("image"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    Object environment = service(name).get("environment");
    if (environment instanceof Map<?, ?> map) {
      map.forEach((key, value) -> env.put(String.valueOf(key), String.valueOf(value)));
    } else if (environment instanceof List<?> list) {
      for (Object entry : list) {
        String[] keyValue = String.valueOf(entry).split("=", 2);
        env.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
      }
    }
    return env;
  }

  private static List<Published> ports(String name) {
    List<Published> ports = new ArrayList<>();
    Object declared = service(name).get("ports");
    if (declared instanceof List<?> list) {
      for (Object port : list) {
        ports.add(Published.parse(String.valueOf(port)));
      }
    }
    return ports;
  }
}
