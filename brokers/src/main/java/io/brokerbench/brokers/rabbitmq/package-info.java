/**
 * RabbitMQ launchers: private nodes and clusters of the system's RabbitMQ, started as the current
 * user on 127.0.0.1, never touching the system service, its data, its cookie or its ports.
 *
 * <p>Start with {@link io.brokerbench.brokers.rabbitmq.RabbitCluster} (one node or several), which
 * owns an {@link io.brokerbench.brokers.rabbitmq.EpmdNode} and its {@link
 * io.brokerbench.brokers.rabbitmq.RabbitNode}s. {@link
 * io.brokerbench.brokers.rabbitmq.RabbitInstallation} finds the scripts and says what to install
 * when they are missing; {@link io.brokerbench.brokers.rabbitmq.RabbitRoundTrip} publishes
 * confirmed persistent messages and drains them again.
 *
 * <h2>The recipe, and why</h2>
 *
 * <ul>
 *   <li><b>The scripts, not the service.</b> {@code /usr/lib/rabbitmq/bin/rabbitmq-server} runs in
 *       the foreground as the calling user (the {@code /usr/sbin} wrappers switch to the {@code
 *       rabbitmq} user). It execs {@code erl}, which becomes {@code beam.smp}; the child is started
 *       through {@code setsid}, so SIGTERM, SIGKILL, SIGSTOP and SIGCONT reach the script and the
 *       VM together. RabbitMQ 3.10 shuts down cleanly on SIGTERM (about a second for an idle node).
 *   <li><b>Everything private.</b> Each node gets its own {@code HOME} (holding {@code
 *       .erlang.cookie}, mode 400, one random cookie per cluster), node name {@code rN@localhost},
 *       AMQP port ({@code RABBITMQ_NODE_PORT}), distribution port ({@code RABBITMQ_DIST_PORT}),
 *       data ({@code RABBITMQ_MNESIA_BASE}, {@code RABBITMQ_MNESIA_DIR}) and log directory, an
 *       empty plugin list, and its own {@code rabbitmq.conf}, {@code advanced.config} and an empty
 *       {@code rabbitmq-env.conf} (so {@code /etc/rabbitmq/rabbitmq-env.conf} is never read).
 *       RabbitMQ and Erlang variables in the harness's own environment are removed.
 *   <li><b>A private epmd, started first.</b> Erlang nodes register with the port mapper daemon. A
 *       node (or {@code rabbitmqctl}) that finds no epmd on {@code ERL_EPMD_PORT} spawns {@code
 *       epmd -daemon}, which leaves the harness's process group and outlives it. So each cluster
 *       runs its own epmd in the foreground as a managed child on a free port, before any node and
 *       until after the last one; nodes and the CLI refuse to run without it.
 *   <li><b>No {@code RABBITMQ_DIST_PORT} in the CLI's environment.</b> {@code rabbitmqctl} is an
 *       Erlang node too; given the variable it would try to listen on the node's own distribution
 *       port and fail. The CLI gets only the node's {@code HOME} (the cookie), {@code
 *       ERL_EPMD_PORT} and the empty env file.
 *   <li><b>Loopback only.</b> AMQP listens on 127.0.0.1 ({@code RABBITMQ_NODE_IP_ADDRESS}), the
 *       distribution listener is bound to it ({@code -kernel inet_dist_use_interface {127,0,0,1}}),
 *       and epmd listens on it ({@code ERL_EPMD_ADDRESS}, {@code -address}). The {@code guest}
 *       user, which RabbitMQ admits only from loopback, is enough.
 *   <li><b>Readiness by asking.</b> A node is ready when an AMQP connection as {@code guest}
 *       succeeds; a cluster when {@code rabbitmqctl cluster_status} on node 1 lists every node as
 *       running. Clusters form by {@code stop_app}, {@code join_cluster r1@localhost}, {@code
 *       start_app} on nodes 2..n, on the first start only.
 *   <li><b>Logs.</b> RabbitMQ logs to its console without colours, which is the node's process log
 *       ({@code logs/<name>.log}) that a failed start quotes; every {@code rabbitmqctl} call is
 *       appended to {@code logs/rabbitmqctl.log}.
 * </ul>
 */
package io.brokerbench.brokers.rabbitmq;
