package io.brokerbench.brokers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes {@code key=value} configuration files (Kafka, ZooKeeper, log4j) in the given order. */
public final class PropertiesFile {
  private PropertiesFile() {}

  public static void write(Path file, String header, Map<String, String> entries)
      throws IOException {
    StringBuilder text = new StringBuilder("# ").append(header).append('\n');
    entries.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
