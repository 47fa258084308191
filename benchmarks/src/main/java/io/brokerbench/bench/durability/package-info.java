/**
 * The durability suite: a crash ledger per system, tier and fault, on real brokers (claims K2, R2,
 * Z2 and Z3).
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.durability.DurabilitySuite}: the profile's systems, the rows
 *       and {@code durability.json}; per system, the scenarios ({@link
 *       io.brokerbench.bench.durability.KafkaScenarios}, {@link
 *       io.brokerbench.bench.durability.RabbitScenarios}, {@link
 *       io.brokerbench.bench.durability.ZeroMqScenarios}: single nodes at every tier of one node,
 *       Kafka's 3 brokers and RabbitMQ's 3-node quorum queue at {@code replicated}, consumer
 *       crashes, ZeroMQ's faults); the faults themselves ({@link
 *       io.brokerbench.bench.durability.Faults}: SIGKILL, SIGSTOP, a leader lost with its copy of
 *       the partition); {@link io.brokerbench.bench.durability.ScenarioRunner}, which makes each
 *       trial a row, and the fsync count per tier ({@link
 *       io.brokerbench.bench.durability.SyncCalls}, {@link
 *       io.brokerbench.bench.durability.SyncRow}).
 *   <li>{@link io.brokerbench.bench.durability.CrashTrial}: one paced producer and one consumer
 *       through one fault at a stated count of acknowledged messages, with a stated backlog at
 *       risk, settled after the recovery by an independent read-back ({@link
 *       io.brokerbench.bench.durability.KafkaLogRead}, a fresh queue consumer, or {@link
 *       io.brokerbench.bench.durability.RecordedDeliveries} from consumers in child JVMs); one
 *       run's producer loop is {@link io.brokerbench.bench.durability.TrialRun}, its clients and
 *       ledger {@link io.brokerbench.bench.durability.TrialClients}.
 *   <li>{@link io.brokerbench.bench.durability.ZeroMqFaults}: ZeroMQ's consumer crash (run by
 *       {@link io.brokerbench.bench.durability.ZeroMqConsumerCrash}), slow subscriber and late
 *       joiner, counting only what ZeroMQ accepted.
 *   <li>{@link io.brokerbench.bench.durability.DurabilityRow} and {@link
 *       io.brokerbench.bench.durability.DurabilityTable}: the rows of {@code durability.json} and
 *       how people read them.
 * </ul>
 */
package io.brokerbench.bench.durability;
