package io.brokerbench.bench.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One claim's verdict in one run.
 *
 * @param id the claim's id in the README's table of claims, e.g. {@code K1}
 * @param verdict what the rule decided
 * @param figures the measured figures the comparisons were made of, in the order the rule looked at
 *     them; empty when not measured
 * @param comparisons what the rule compared, each with its side: what decided the verdict
 * @param reason why the verdict is what it is, one sentence: for {@code not measured}, what is
 *     missing
 * @param evidence the file and report section the figures come from
 */
public record ClaimResult(
    String id,
    Verdict verdict,
    Map<String, Object> figures,
    List<Comparison> comparisons,
    Message reason,
    Evidence evidence) {
  public ClaimResult {
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    comparisons = List.copyOf(comparisons);
  }

  static ClaimResult notMeasured(String id, Evidence evidence, Message reason) {
    return new ClaimResult(id, Verdict.NOT_MEASURED, Map.of(), List.of(), reason, evidence);
  }
}
