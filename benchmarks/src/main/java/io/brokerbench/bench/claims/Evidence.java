package io.brokerbench.bench.claims;

/**
 * Where a verdict's figures come from.
 *
 * @param file the run's file that holds the rows, e.g. {@code throughput.json}
 * @param section the report section that shows them, by its heading (e.g. {@code Throughput at
 *     matched guarantees}); the report links it when the section is there
 */
public record Evidence(String file, String section) {}
