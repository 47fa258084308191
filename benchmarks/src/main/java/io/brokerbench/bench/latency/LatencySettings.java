package io.brokerbench.bench.latency;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.harness.rig.Arrivals;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latency suite's sizes per profile: how much it measures.
 *
 * @param ratesPerSec the sweep's target rates, increasing
 * @param brokerWarmup how long each system is first driven flat out (unpaced) and discarded: a
 *     fresh broker is slow until its JIT has compiled its hot paths
 * @param firstWarmup the warm-up of the first point on a fresh rig (JIT, a fresh topic)
 * @param warmup the warm-up of every other point: the pipeline settles at the new rate
 * @param repeats measured phases per point, 3 or more for a spread (smoke: 2, for time)
 * @param repeatTime each measured phase
 * @param probeTime each probe of the rate search
 * @param maxProbes paced probes of the search at most
 * @param drainTimeout how long a phase may take to deliver its last message after its last send
 * @param spectrumRatePerSec the common rate of the percentile-spectrum plot; one of the sweep's
 * @param messageBytes bytes per message
 * @param kafkaModes the Kafka metadata modes measured (ZooKeeper mode only in the full profile)
 * @param arrivals how intended send times are spread
 * @param replicated whether tier {@code replicated} is swept too: Kafka on 3 brokers (KRaft,
 *     replication 3, {@code min.insync.replicas} 2) and RabbitMQ's quorum queue on 3 nodes, each
 *     started for it (the full profile)
 */
public record LatencySettings(
    List<Integer> ratesPerSec,
    Duration brokerWarmup,
    Duration firstWarmup,
    Duration warmup,
    int repeats,
    Duration repeatTime,
    Duration probeTime,
    int maxProbes,
    Duration drainTimeout,
    int spectrumRatePerSec,
    int messageBytes,
    Set<BenchSystem> kafkaModes,
    Arrivals arrivals,
    boolean replicated) {

  public LatencySettings {
    ratesPerSec = List.copyOf(ratesPerSec);
    kafkaModes = Set.copyOf(kafkaModes);
    if (ratesPerSec.isEmpty()) {
      throw new IllegalArgumentException("ratesPerSec: the sweep needs at least one rate");
    }
    for (int i = 1; i < ratesPerSec.size(); i++) {
      if (ratesPerSec.get(i) <= ratesPerSec.get(i - 1)) {
        throw new IllegalArgumentException(
            "ratesPerSec must increase, was " + ratesPerSec + "; sort them");
      }
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be 1 or more, was " + repeats);
    }
  }

  /** These settings with ({@code true}) or without the 3-node sweeps of tier replicated. */
  public LatencySettings withReplicated(boolean sweep) {
    return new LatencySettings(
        ratesPerSec,
        brokerWarmup,
        firstWarmup,
        warmup,
        repeats,
        repeatTime,
        probeTime,
        maxProbes,
        drainTimeout,
        spectrumRatePerSec,
        messageBytes,
        kafkaModes,
        arrivals,
        sweep);
  }

  public static LatencySettings forProfile(Profile profile) {
    return forProfile(profile, Arrivals.FIXED_RATE);
  }

  public static LatencySettings forProfile(Profile profile, Arrivals arrivals) {
    return LatencyPlan.settings(profile, arrivals);
  }

  /** For {@code latency.json}: the settings in plain numbers. */
  public Map<String, Object> describe() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ratesPerSec", ratesPerSec);
    json.put("brokerWarmupMs", brokerWarmup.toMillis());
    json.put("firstWarmupMs", firstWarmup.toMillis());
    json.put("warmupMs", warmup.toMillis());
    json.put("repeats", repeats);
    json.put("repeatMs", repeatTime.toMillis());
    json.put("probeMs", probeTime.toMillis());
    json.put("maxProbes", maxProbes);
    json.put("drainTimeoutMs", drainTimeout.toMillis());
    json.put("spectrumRatePerSec", spectrumRatePerSec);
    json.put("messageBytes", messageBytes);
    json.put("arrivals", arrivals.key());
    json.put("replicated", replicated);
    json.put("topology", "1 topic, 1 partition or queue, 1 producer, 1 consumer");
    return json;
  }
}
