package io.brokerbench.bench.vendor;

/**
 * One run of a vendor's own tool on the same broker, parsed from its output.
 *
 * @param tool e.g. {@code kafka ProducerPerformance acks=1}
 * @param msgPerSec the tool's own figure: records/sec, receiving rate avg, or delivered/sec
 * @param command the command line, for the report's reader to rerun it
 * @param rawSummary the lines the figure was parsed from
 */
public record VendorResult(String tool, double msgPerSec, String command, String rawSummary) {}
