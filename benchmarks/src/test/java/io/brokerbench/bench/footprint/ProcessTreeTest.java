package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
