package io.brokerbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.brokerbench.bench.claims.Claims;
import io.brokerbench.bench.claims.ClaimsReport;
import io.brokerbench.bench.claims.Messages;
import io.brokerbench.bench.claims.RunRows;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.brokers.Description;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run leaves in its folder once its suites have run: {@code environment.json}, each suite's
 * JSON, {@code REPORT.md} with the claims' verdicts, {@code summary.json} and {@code report.html}.
 */
final class RunResults {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunResults() {}

  /**
   * Writes the results of {@code suites}, which have run, into {@code runDir}'s staging folder, and
   * returns the report.
   *
   * @param environment the run's environment block, to which the brokers' descriptions, the
   *     external clusters and the suites' wall times are added
   * @param err where a report.html that cannot be written is told (the run stands without it)
   */
  static String write(
      RunDirectory runDir,
      BenchConfig config,
      Map<String, Object> environment,
      Map<String, Long> suiteWallMs,
      List<Suite> suites,
      PrintStream err)
      throws IOException {
    List<Description> brokers = new ArrayList<>();
    suites.forEach(suite -> brokers.addAll(suite.descriptions()));
    environment.put("brokers", brokers);
    environment.put("external", config.external().describe());
    environment.put("suiteWallMs", suiteWallMs);
    runDir.write("environment.json", JSON.writeValueAsString(environment));
    List<String> sections = new ArrayList<>();
    for (Suite suite : suites) {
      runDir.write(suite.jsonFile(), JSON.writeValueAsString(suite.json()));
      sections.add(suite.report(runDir.staging()));
    }
    String report = Report.markdown(runDir.run(), config.profile(), environment, sections);
    // The verdicts are computed from the files just written, as anyone could from the folder.
    ClaimsReport claims =
        new ClaimsReport(
            Claims.evaluate(RunRows.of(runDir.staging())), Messages.forTag(config.lang()));
    report = claims.insertInto(report);
    runDir.write("summary.json", claims.summaryJson(runDir.run(), report));
    runDir.write("REPORT.md", report);
    try {
      runDir.write("report.html", claims.html(report, runDir.staging(), runDir.run()));
    } catch (RuntimeException e) {
      // The measurements and REPORT.md stand without the HTML copy: keep the run.
      err.println("brokerbench: report.html not written: " + e.getMessage());
    }
    return report;
  }
}
