/**
 * Launchers of real brokers on 127.0.0.1. A {@link io.brokerbench.brokers.Broker} has the life
 * cycle faults are made of: start, stop, kill (SIGKILL), pause (SIGSTOP), resume and restart on the
 * same data; {@link io.brokerbench.brokers.ProcessNode} is a broker that is one child process.
 * {@link io.brokerbench.brokers.Ports} finds free ports and refuses busy ones, {@link
 * io.brokerbench.brokers.Work} owns the run's scratch directories, {@link
 * io.brokerbench.brokers.MachineLimits} reads the limits (open files, memory maps) a large broker
 * needs, and {@link io.brokerbench.brokers.VendorClasspath} the broker's own classpath, which never
 * mixes with the harness's. One package per system: {@code kafka}, {@code zookeeper}, {@code
 * rabbitmq}, {@code zeromq}; {@code process} makes sure no child outlives the JVM.
 */
package io.brokerbench.brokers;
