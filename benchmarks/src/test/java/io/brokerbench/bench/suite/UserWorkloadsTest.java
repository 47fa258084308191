package io.brokerbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserWorkloadsTest {
  private static final String SHAPE =
      "topics: 1\n"
          + "partitionsPerTopic: 4\n"
          + "messageSize: 512\n"
          + "subscriptionsPerTopic: 1\n"
          + "producersPerTopic: 2\n"
          + "consumerPerSubscription: 1\n"
          + "producerRate: 5000\n"
          + "testDurationMinutes: 1\n"
          + "warmupDurationMinutes: 0\n"
          + "tier: ack\n";

  @TempDir Path root;

  private Path write(String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private String refused(String value) {
    return assertThrows(IllegalArgumentException.class, () -> UserWorkloads.parse(value, root))
        .getMessage();
  }

  @Test
  void noValueRunsTheBundledWorkloadsAlone() {
    assertEquals(UserWorkloads.NONE, UserWorkloads.parse(" ", root));
    assertTrue(UserWorkloads.NONE.runsBundled());
  }

  @Test
  void aRelativeFileRunsInsteadOfTheBundledOnes() throws IOException {
    Path file = write("mine.yaml", SHAPE);

    UserWorkloads user = UserWorkloads.parse("mine.yaml", root);

    assertEquals(List.of(file.toString()), user.files());
    assertFalse(user.runsBundled());
    assertEquals(1, user.notes().size(), user.notes()::toString);
    assertTrue(user.notes().get(0).contains("producerRate are honoured"), user.notes()::toString);
  }

  @Test
  void aPlusRunsThemBesideTheBundledOnesAndAFolderStandsForItsYamlFilesInNameOrder()
      throws IOException {
    Path b = write("set/b.yml", SHAPE);
    Path a = write("set/a.yaml", SHAPE);
    write("set/notes.txt", "not a workload");

    UserWorkloads user = UserWorkloads.parse("+set", root);

    assertEquals(List.of(a.toString(), b.toString()), user.files());
    assertTrue(user.runsBundled());
  }

  @Test
  void aFileThatDoesNotLoadIsSkippedWithItsLineAndTheOthersRun() throws IOException {
    Path good = write("good.yaml", SHAPE);
    write("bad.yaml", SHAPE.replace("messageSize: 512", "messageSize: -1"));

    UserWorkloads user = UserWorkloads.parse("good.yaml,bad.yaml", root);

    assertEquals(List.of(good.toString()), user.files());
    assertEquals(2, user.notes().size(), user.notes()::toString);
    String note = user.notes().get(0);
    for (String part : List.of("bad.yaml", ":3", "messageSize", "skipped")) {
      assertTrue(note.contains(part), note);
    }
  }

  @Test
  void twoFilesThatWouldNameTheSameRowsKeepTheFirst() throws IOException {
    Path first = write("one/same.yaml", SHAPE);
    write("two/same.yaml", SHAPE);

    UserWorkloads user = UserWorkloads.parse("one,two", root);

    assertEquals(List.of(first.toString()), user.files());
    assertTrue(user.notes().get(0).contains("rename one of them"), user.notes()::toString);
  }

  @Test
  void aMissingPathOrNoFileThatLoadsIsRefusedBeforeAnythingRuns() throws IOException {
    assertTrue(
        refused("nowhere.yaml").contains("bench.workloads: nowhere.yaml does not exist"),
        refused("nowhere.yaml"));
    write("bad.yaml", "topics: [");
    String none = refused("bad.yaml");
    assertTrue(none.contains("no workload file of 'bad.yaml' loads: "), none);
    assertTrue(none.contains("bad.yaml:"), none);
    write("empty/readme.md", "");
    assertTrue(refused("empty").contains("holds no .yaml or .yml file"), refused("empty"));
    write("shape.json", "{}");
    assertTrue(
        refused("shape.json").contains("is not a .yaml or .yml file"), refused("shape.json"));
  }

  @Test
  void whatTheReaderWarnsOfIsNoted() throws IOException {
    write("omb.yaml", SHAPE.replace("tier: ack\n", ""));

    List<String> notes = UserWorkloads.parse("omb.yaml", root).notes();

    assertTrue(notes.stream().anyMatch(note -> note.contains("tier")), notes::toString);
  }
}
