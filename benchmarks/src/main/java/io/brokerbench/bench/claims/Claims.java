package io.brokerbench.bench.claims;

import java.util.List;
import java.util.function.Function;

/**
 * The claims of the README's table ("The claims"), each with its rule. The rule's text, as the
 * report prints it, is in the message bundle under {@code claim.<id>.rule}, and each rule's class
 * says in comments why its thresholds are what they are. A rule reads only the run's files ({@link
 * RunRows}), so the verdicts change when, and only when, the measurements do.
 */
public final class Claims {
  /** One claim: its id in the README's table and its rule. */
  public record Claim(String id, Function<RunRows, ClaimResult> rule) {
    public ClaimResult evaluate(RunRows run) {
      return rule.apply(run);
    }
  }

  public static final List<Claim> ALL =
      List.of(
          new Claim("K1", ThroughputClaims::k1),
          new Claim("K2", DurabilityClaims::k2),
          new Claim("K3", ScalingClaims::k3),
          new Claim("K4", FootprintClaims::k4),
          new Claim("K5", MetadataClaims::k5),
          new Claim("K6", FootprintClaims::k6),
          new Claim("R1", ThroughputClaims::r1),
          new Claim("R2", DurabilityClaims::r2),
          new Claim("R3", FootprintClaims::r3),
          new Claim("Z1", ThroughputClaims::z1),
          new Claim("Z2", DurabilityClaims::z2),
          new Claim("Z3", DurabilityClaims::z3),
          new Claim("Z4", ScalingClaims::z4),
          new Claim("Z5", FootprintClaims::z5));

  private Claims() {}

  /** Every claim's verdict for the run folder {@code run}, in the table's order. */
  public static List<ClaimResult> evaluate(RunRows run) {
    return ALL.stream().map(claim -> claim.evaluate(run)).toList();
  }
}
