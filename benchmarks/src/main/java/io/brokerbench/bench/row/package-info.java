/**
 * What every result row shares, whichever suite wrote it: {@link io.brokerbench.bench.row.Row} (the
 * system, the {@link io.brokerbench.bench.row.Status} and the reason) and the status itself. The
 * suites write rows through these types; the claims read the JSON files back into the same {@link
 * io.brokerbench.bench.row.Status}, so that a status is spelled in one place.
 */
package io.brokerbench.bench.row;
