package io.brokerbench.harness.driver;

import io.brokerbench.harness.workload.GuaranteeTier;

/**
 * A trial asked a driver for a guarantee tier that its system does not offer. The harness reports
 * the row as "not offered"; it never runs the trial at another tier instead.
 */
public final class TierNotOfferedException extends DriverException {
  private static final long serialVersionUID = 1L;

  private final String system;
  private final GuaranteeTier tier;

  public TierNotOfferedException(String system, GuaranteeTier tier) {
    super(system + " does not offer the '" + tier.key() + "' guarantee tier: not offered");
    this.system = system;
    this.tier = tier;
  }

  public String system() {
    return system;
  }

  public GuaranteeTier tier() {
    return tier;
  }
}
