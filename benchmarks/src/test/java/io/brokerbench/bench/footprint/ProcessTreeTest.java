package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {
  @Test
  void statAndStatusGiveParentGroupAndResidentMemory() {
    ProcessTree.Proc proc =
        ProcessTree.parse(
            "4242 (beam.smp (x)) S 4200 4100 4100 0 -1 4194560",
            List.of("Name:\tbeam.smp", "VmRSS:\t  123456 kB", "Threads:\t30"));
    assertEquals(new ProcessTree.Proc(4242, 4200, 4100, "beam.smp (x)", 123456L * 1024), proc);
    assertNull(ProcessTree.parse("7 (sh) Z 1 7 7 0", List.of()), "a zombie holds no memory");
  }

  @Test
  void theTreeHoldsTheRootsTheirGroupsAndEveryDescendant() {
    List<ProcessTree.Proc> all =
        List.of(
            new ProcessTree.Proc(100, 1, 100, "setsid-script", 1),
            new ProcessTree.Proc(101, 100, 100, "beam.smp", 10),
            // left the group for a session of its own, still a descendant
            new ProcessTree.Proc(102, 101, 102, "erl_child_setup", 2),
            new ProcessTree.Proc(103, 102, 102, "inet_gethost", 3),
            // reparented to init, but still in the group
            new ProcessTree.Proc(104, 1, 100, "orphan", 4),
            new ProcessTree.Proc(200, 1, 200, "someone else", 1000));
    List<ProcessTree.Proc> tree = ProcessTree.of(Set.of(100L), all);
    assertEquals(
        List.of(100L, 101L, 102L, 103L, 104L), tree.stream().map(ProcessTree.Proc::pid).toList());
    assertEquals(20, ProcessTree.rssBytes(tree));
  }

  @Test
  void thisJvmIsFoundWithMemoryInTheRealProc() {
    long self = ProcessHandle.current().pid();
    List<ProcessTree.Proc> tree = ProcessTree.of(Set.of(self));
    assertTrue(
        tree.stream().anyMatch(proc -> proc.pid() == self && proc.rssBytes() > 10 << 20),
        "this JVM with more than 10 MiB resident: " + tree);
  }

  @Test
  void brokerProcessesAreCountedByNameTheSameWayForEverySetup() {
    Map<Long, String> lines =
        Map.of(
            1L, "java -Xmx1g -cp /x/kafka/libs/* kafka.Kafka conf/server.properties",
            2L, "java -cp /x/zookeeper/* org.apache.zookeeper.server.quorum.QuorumPeerMain z.cfg",
            3L, "java -cp /x/brokerbench.jar io.brokerbench.brokers.zeromq.ZmqPeerProcess echo",
            4L, "/bin/sh /usr/lib/rabbitmq/bin/rabbitmq-server",
            5L, "/usr/lib/erlang/erts-12/bin/beam.smp -W w -- -root /usr/lib/erlang",
            6L, "/usr/lib/erlang/erts-12/bin/epmd -daemon");
    List<ProcessTree.Proc> kafka =
        List.of(new ProcessTree.Proc(1, 0, 1, "java", 1), new ProcessTree.Proc(2, 0, 2, "java", 1));
    assertEquals(2, FootprintSuite.brokerProcesses(kafka, lines::get));
    List<ProcessTree.Proc> zeromq = List.of(new ProcessTree.Proc(3, 0, 3, "java", 1));
    assertEquals(0, FootprintSuite.brokerProcesses(zeromq, lines::get), "the peer is no broker");
    List<ProcessTree.Proc> rabbit =
        List.of(
            new ProcessTree.Proc(4, 0, 4, "sh", 1),
            new ProcessTree.Proc(5, 4, 4, "beam.smp", 1),
            new ProcessTree.Proc(6, 0, 6, "epmd", 1),
            new ProcessTree.Proc(7, 5, 7, "erl_child_setup", 1));
    assertEquals(
        4,
        FootprintSuite.brokerProcesses(rabbit, pid -> lines.getOrDefault(pid, "")),
        rabbit.toString());
    // A ZeroMQ set-up that started a broker beside its peer would count it.
    assertEquals(
        1, FootprintSuite.brokerProcesses(List.of(zeromq.get(0), kafka.get(0)), lines::get));
  }

  @Test
  void aCommandLineIsReadFromTheRealProc() {
    assertTrue(
        ProcessTree.commandLine(ProcessHandle.current().pid()).contains("java"),
        "this JVM's command line");
    assertEquals("", ProcessTree.commandLine(Long.MAX_VALUE), "no such process");
  }
}
