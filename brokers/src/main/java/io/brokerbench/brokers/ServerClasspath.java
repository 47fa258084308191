package io.brokerbench.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The classpath of a broker's own JVM, resolved by the build (module {@code servers/kafka-3.9.1})
 * from Maven Central and shipped as a resource. The broker's jars never join the harness's own
 * classpath: the broker runs the server, the harness only the client.
 */
public final class ServerClasspath {
  private ServerClasspath() {}

  /** The classpath of Kafka {@code version} (with its ZooKeeper), checked to exist on disk. */
  public static String kafka(String version) {
    String resource = "/io/brokerbench/servers/kafka-" + version + ".classpath";
    String text;
    try (InputStream in = ServerClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BrokerUnavailableException(
            "Kafka "
                + version
                + " is not part of this build (no resource "
                + resource
                + "). Build from the repository root with `mvn verify`, which resolves the broker.");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing =
        Arrays.stream(text.split(java.io.File.pathSeparator))
            .filter(entry -> !Files.exists(Path.of(entry)))
            .collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new BrokerUnavailableException(
          "Kafka "
              + version
              + "'s jars are missing from the local Maven repository (first: "
              + missing.get(0)
              + "). Run `mvn verify` from the repository root again to download them.");
    }
    return text;
  }
}
