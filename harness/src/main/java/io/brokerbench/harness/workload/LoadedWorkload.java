package io.brokerbench.harness.workload;

import java.util.List;

/**
 * A workload read from a file, with what the reader noticed but did not refuse: fields written for
 * the OpenMessaging Benchmark that brokerbench does not use, unknown fields, defaults it applied.
 *
 * @param workload the workload
 * @param source the file or resource it came from
 * @param warnings one line each, {@code file:line: field: what and why}; empty when none
 */
public record LoadedWorkload(Workload workload, String source, List<String> warnings) {
  public LoadedWorkload {
    warnings = List.copyOf(warnings);
  }
}
