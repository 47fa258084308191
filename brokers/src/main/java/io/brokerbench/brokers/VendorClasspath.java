package io.brokerbench.brokers;

import java.io.File;
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
 * The classpath of a vendor's own JVM, a broker's or a vendor tool's, resolved by the build (the
 * modules under {@code classpaths/}) from Maven Central and shipped as a resource. Those jars never
 * join the harness's own classpath: the broker runs the server, the harness only the client.
 */
public final class VendorClasspath {
  private VendorClasspath() {}

  /** The classpath of Kafka {@code version} (with its ZooKeeper and tools), checked to exist. */
  public static String kafka(String version) {
    return resolve("kafka-" + version, "Kafka " + version);
  }

  /** The classpath of RabbitMQ PerfTest {@code version}, the vendor's load tool. */
  public static String perfTest(String version) {
    return resolve("perf-test-" + version, "RabbitMQ PerfTest " + version);
  }

  private static String resolve(String name, String what) {
    String resource = "/io/brokerbench/classpaths/" + name + ".classpath";
    String text;
    try (InputStream in = VendorClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BrokerUnavailableException(
            what
                + " is not part of this build (no resource "
                + resource
                + "). Build from the repository root with `mvn verify`, which resolves it.");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing =
        Arrays.stream(text.split(File.pathSeparator))
            .filter(entry -> !Files.exists(Path.of(entry)))
            .collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new BrokerUnavailableException(
          what
              + "'s jars are missing from the local Maven repository (first: "
              + missing.get(0)
              + "). Run `mvn verify` from the repository root again to download them.");
    }
    return text;
  }
}
