package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.suite.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void theHeaderGivesEachSuitesWallTime() {
    Map<String, Object> environment = Environment.capture(Path.of("."), "run-0", "quick");
    Map<String, Long> wallMs = new java.util.LinkedHashMap<>();
    wallMs.put("throughput", 301_400L);
    wallMs.put("metadata", 59_600L);
    environment.put("suiteWallMs", wallMs);

    String md = Report.markdown("run-0", Profile.QUICK, environment, List.of());

    assertTrue(md.contains("Profile `quick`, revision `"), md);
    assertTrue(md.contains("Wall time per suite: throughput 5:01, metadata 1:00."), md);
  }

  @Test
  void theSuitesSectionsFollowInTheirOrderEachAfterOneBlankLine() {
    Map<String, Object> environment = Environment.capture(Path.of("."), "run-1", "smoke");

    String md =
        Report.markdown(
            "run-1",
            Profile.SMOKE,
            environment,
            List.of("## A\n\nRaw rows.\n\n", "", "## B\n\nRaw rows.\n", "## C\n"));

    assertTrue(md.contains("Raw rows.\n\n## B\n\nRaw rows.\n\n## C\n\nMachine, JVM"), md);
    assertTrue(md.indexOf("## A") < md.indexOf("## B"), md);
  }
}
