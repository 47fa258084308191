package io.brokerbench.bench.suite;

import java.util.Locale;

/**
 * How much a run measures. Every suite turns the profile into its own sizes with a {@code switch}
 * over this enum, so a new profile is a compile error in each suite until it says what it runs. The
 * lower-case {@link #key} is the profile's name on the command line, in the run's folder name, in
 * {@code environment.json} and in the report.
 */
public enum Profile {
  /** CI and a class in a hurry: every suite once, small, to prove the pipeline. */
  SMOKE,
  /** The default: figures with a spread, on a development machine in about half an hour. */
  QUICK,
  /** Every workload, tier and fault the claims can use. */
  FULL;

  /** The profile's name as written: {@code smoke}, {@code quick} or {@code full}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@link #key}, so that text built from a profile reads as before. */
  @Override
  public String toString() {
    return key();
  }

  /** Parses {@code -Dbench.profile}, in any case; an unknown name is an error that lists them. */
  public static Profile parse(String value) {
    String key = value.trim().toLowerCase(Locale.ROOT);
    for (Profile profile : values()) {
      if (profile.key().equals(key)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "bench.profile: unknown profile '" + key + "'; expected smoke, quick or full");
  }
}
