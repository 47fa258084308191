/**
 * The in-memory driver: bounded queues in the harness's own JVM standing in for a broker. The test
 * double for the harness's tests (it can drop and duplicate chosen messages on purpose) and the
 * harness's own speed ceiling, against which every real system's figures are read.
 */
package io.brokerbench.harness.driver.inmemory;
