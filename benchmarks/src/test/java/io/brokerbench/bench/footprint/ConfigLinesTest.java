package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLinesTest {
  @Test
  void blankLinesAndCommentsAreNotConfiguration() {
    String properties =
        "# written by brokerbench\n\nnode.id=1\n  ! old style comment\nlog.dirs=/x\n";
    assertEquals(2, ConfigLines.countFileLines(properties));
    assertEquals(1, ConfigLines.countFileLines("% Erlang terms\n[].\n"));
    assertEquals(0, ConfigLines.countFileLines(""));
    assertEquals(1, ConfigLines.countFileLines("COOKIEWITHOUTNEWLINE"));
  }

  @Test
  void anOptionAndItsSeparateValueAreOneArgumentLine() {
    List<String> kafka =
        List.of(
            "/jdk/bin/java",
            "-Xms1g",
            "-XX:+UseG1GC",
            "-Dlog4j.configuration=file:/d/conf/log4j.properties",
            "-cp",
            "/a.jar:/b.jar",
            "kafka.Kafka",
            "/d/conf/server.properties");
    // -Xms1g, -XX:+UseG1GC, -D..., -cp /a.jar:/b.jar, kafka.Kafka, server.properties
    assertEquals(6, ConfigLines.countArguments(kafka));
    assertEquals(
        2, ConfigLines.countArguments(List.of("/usr/bin/epmd", "-port", "4369", "-address", "ip")));
    assertEquals(0, ConfigLines.countArguments(List.of("/usr/lib/rabbitmq/bin/rabbitmq-server")));
    // format -t ID -c file: the subcommand, then two options with values
    assertEquals(3, ConfigLines.countArguments(List.of("tool", "format", "-t", "ID", "-c", "/f")));
  }

  @Test
  void filesOutsideDataAndLogsEnvironmentAndLoggedCommandsAreCounted(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("conf/server.properties"), "# header\na=1\nb=2\n");
    Files.writeString(dir.resolve("home/.erlang.cookie"), "SECRET");
    Files.writeString(dir.resolve("data/meta.properties"), "written=by the broker\n");
    Files.writeString(dir.resolve("rabbit.pid"), "4242\n");
    Files.writeString(
        dir.resolve("logs/node.log"),
        ConfigLines.COMMAND_MARK
            + "/jdk/bin/java -Xmx1g -cp /a.jar kafka.Kafka /conf/server.properties\n"
            + "[broker output] not=configuration\n");
    Files.writeString(
        dir.resolve("logs/node-format.log"),
        ConfigLines.COMMAND_MARK
            + "/jdk/bin/java -Xmx256m -cp /a.jar kafka.tools.StorageTool format -t ID -c f\n");

    ConfigLines config = new ConfigLines();
    config.addFiles("node", dir);
    config.addEnvironment("node", Map.of("HOME", "/h", "RABBITMQ_NODENAME", "r1@localhost"));
    config.addCommands("node", dir);

    assertEquals(
        3, config.files(), "2 properties + 1 cookie; nothing from data/, logs/ or a pid file");
    assertEquals(2, config.environment());
    assertEquals(4 + 6, config.arguments(), "kafka.Kafka 4, StorageTool 6");
    assertEquals(15, config.total());
    assertEquals(
        Map.of(
            "node/conf/server.properties", 2,
            "node/home/.erlang.cookie", 1,
            "node environment", 2,
            "node command StorageTool", 6,
            "node command Kafka", 4),
        config.sources());
  }

  @Test
  void aProcessWithoutLogsHasNoCommands(@TempDir Path dir) {
    ConfigLines config = new ConfigLines();
    config.addCommands("peer", dir);
    config.addEnvironment("peer", Map.of());
    assertEquals(0, config.total());
    assertEquals(Map.of(), config.sources());
  }
}
