/**
 * The metadata suite: ZooKeeper against KRaft as topics and partitions grow (claims K4 and K5).
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.metadata.MetadataPlan}: the points of a profile (partition
 *       counts, the two {@link io.brokerbench.bench.metadata.Shape}s, both modes, where the slow
 *       operations run, the time budget of a point).
 *   <li>{@link io.brokerbench.bench.metadata.MetadataSuite}: one growing 3-broker cluster per mode
 *       and shape (ZooKeeper mode on a 3-server ensemble), both modes of a shape side by side and
 *       interleaved point by point; refuses what the machine's limits cannot hold, ends a series at
 *       a point over its budget, always stops the clusters and deletes their data.
 *   <li>{@code PointMeasurement}: one point's measurement on its series' cluster ({@code Series}),
 *       in order, into a row; {@code ClusterSettings}: the settings beyond the defaults that the
 *       clusters run with, and the failover timeouts both modes ship with.
 *   <li>{@code ClusterProbe}: the measurements asked through Admin (create, online, describe);
 *       {@code ControllerOperations}: the clean stop and restart and the controller's failover;
 *       {@code MetadataStoreProbe}: ZooKeeper's {@code mntr} and the KRaft metadata log's bytes;
 *       {@code ProcessFigures}: what {@code /proc} says of each process.
 *   <li>{@link io.brokerbench.bench.metadata.MetadataRow}: one point's figures, the rows of {@code
 *       metadata-scaling.json}; {@link io.brokerbench.bench.metadata.MetadataTable} and {@link
 *       io.brokerbench.bench.metadata.MetadataPlots}: how people read them. The verdicts on K4 and
 *       K5 are the claims report's ({@code io.brokerbench.bench.claims}), one rule each.
 * </ul>
 */
package io.brokerbench.bench.metadata;
