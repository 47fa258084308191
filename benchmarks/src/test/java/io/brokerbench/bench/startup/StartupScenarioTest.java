package io.brokerbench.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.brokers.rabbitmq.RabbitInstallation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupScenarioTest {
  @TempDir Path emptyBin;

  @Test
  void aMissingRabbitMqIsOneSkippedRowThatSaysWhatToInstall() {
    String before = System.getProperty(RabbitInstallation.BIN_PROPERTY);
    System.setProperty(RabbitInstallation.BIN_PROPERTY, emptyBin.toString());
    try {
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      StartupScenario scenario =
          new StartupScenario(
              3,
              10,
              RunPlan.of(Profile.SMOKE, Set.of(BenchSystem.RABBITMQ)),
              new Progress(new PrintStream(console), 3));
      scenario.run();
      List<StartupRow> rows = scenario.rows();
      assertEquals(1, rows.size(), "one skipped row, not three failed starts");
      assertEquals(Status.SKIPPED, rows.get(0).status());
      assertTrue(
          rows.get(0).reason().contains("sudo apt-get install -y rabbitmq-server"),
          rows.get(0).reason());
      assertTrue(rows.get(0).reason().contains("rabbitmq.uri"), rows.get(0).reason());
      assertTrue(
          console.toString().contains("skipped: RabbitMQ is not installed"), console.toString());
    } finally {
      if (before == null) {
        System.clearProperty(RabbitInstallation.BIN_PROPERTY);
      } else {
        System.setProperty(RabbitInstallation.BIN_PROPERTY, before);
      }
    }
  }
}
