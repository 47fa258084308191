package io.brokerbench.bench.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.footprint.FootprintRow;
import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The result rows of one run, read generically from the run's JSON files, so that the rules depend
 * on field names only, not on the suites' classes: a suite added or changed later is read as long
 * as its rows keep their names. A missing file, a file that cannot be parsed, and a missing field
 * are all tolerated; the rules turn them into {@code not measured} with the reason.
 *
 * <p>A file is either an object with a {@code rows} array (what the suites write) or a bare array
 * of rows.
 */
public final class RunRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Map<String, List<JsonNode>> rows = new HashMap<>();
  private final Map<String, Message> problems = new HashMap<>();
  private final Map<String, JsonNode> documents = new HashMap<>();

  private RunRows(Path dir) {
    this.dir = dir;
  }

  /** The rows of the run folder {@code dir}; files are read when a rule first asks for them. */
  public static RunRows of(Path dir) {
    return new RunRows(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * The rows of {@code file}, or empty when the file is missing or unreadable ({@link #problem}).
   */
  public Optional<List<JsonNode>> rows(String file) {
    load(file);
    return Optional.ofNullable(rows.get(file));
  }

  /** The whole document of {@code file}, or empty; for the parts beside the rows. */
  public Optional<JsonNode> document(String file) {
    load(file);
    return Optional.ofNullable(documents.get(file));
  }

  /** Why {@code file} has no rows: missing or unreadable. Only meaningful when rows() is empty. */
  public Message problem(String file) {
    load(file);
    return problems.getOrDefault(file, Message.of("reason.missingFile", file, suiteOf(file)));
  }

  private void load(String file) {
    if (rows.containsKey(file) || problems.containsKey(file)) {
      return;
    }
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      problems.put(file, Message.of("reason.missingFile", file, suiteOf(file)));
      return;
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(path));
      JsonNode array = root != null && root.isObject() ? root.get("rows") : root;
      if (array == null || !array.isArray()) {
        problems.put(file, Message.of("reason.noRowsArray", file));
        return;
      }
      List<JsonNode> list = new ArrayList<>();
      array.forEach(row -> list.add(row));
      rows.put(file, List.copyOf(list));
      documents.put(file, root);
    } catch (IOException e) {
      problems.put(
          file, Message.of("reason.unreadable", file, e.getMessage().replaceAll("\\s+", " ")));
    }
  }

  /** {@code durability.json} to {@code durability}, {@code metadata-scaling.json} to ... */
  static String suiteOf(String file) {
    return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
  }

  // ---- field access that tolerates what is missing ----

  /** The text of {@code field}, or "" when absent or null. */
  public static String text(JsonNode row, String field) {
    JsonNode value = row.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  /** The number in {@code field}, or null when absent, null or not a number. */
  public static Double number(JsonNode row, String field) {
    JsonNode value = row.get(field);
    return value != null && value.isNumber() ? value.doubleValue() : null;
  }

  /** True when {@code field} holds a positive number. */
  static boolean positive(JsonNode row, String field) {
    Double value = number(row, field);
    return value != null && value > 0;
  }

  /**
   * A row's {@link Status} ({@link Status#parse}): absent or empty is {@code ok}; empty for a
   * status no suite writes.
   */
  public static Optional<Status> status(JsonNode row) {
    return Status.parse(text(row, Row.STATUS));
  }

  /**
   * A row measured something: its status is absent, empty or {@code ok}. Everything else (failed,
   * skipped, not offered, saturated, "did not finish in ...", or a status no suite writes) is not a
   * measurement.
   */
  public static boolean ok(JsonNode row) {
    return status(row).orElse(null) == Status.OK;
  }

  /**
   * The family of a row's system ({@link Family#of}): {@code KAFKA} for {@code kafka-kraft}, {@code
   * kafka-zookeeper} and {@code kafka}; null for a name no suite writes, which no rule then reads.
   */
  static Family family(String system) {
    return Family.of(system.trim().toLowerCase(Locale.ROOT)).orElse(null);
  }

  /** The system of a row in the family's name space, e.g. {@code kafka-kraft}. */
  static String system(JsonNode row) {
    String system = text(row, Row.SYSTEM);
    String mode = mode(row);
    // Rows that say only "kafka" name the metadata mode in their mode field.
    if (system.equalsIgnoreCase(Family.KAFKA.label())) {
      if (mode.startsWith("kraft")) {
        return SystemUnderTest.KAFKA_KRAFT.label();
      }
      if (zookeeperMode(mode)) {
        return SystemUnderTest.KAFKA_ZOOKEEPER.label();
      }
    }
    return system;
  }

  /**
   * A row's {@code mode} in lower case ({@code kraft}, {@code brokerless, push/pull}), or "" when
   * absent. Rules that read it across files (K4, Z5), and {@link #system} for every file, read it
   * by one name: every suite's row record has a {@code mode} of that name (FootprintClaimsTest
   * checks), and the footprint rows are those whose system is named by their mode ({@code kafka},
   * {@code kraft}).
   */
  static String mode(JsonNode row) {
    return text(row, FootprintRow.MODE).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a row's {@code mode} names Kafka's ZooKeeper mode ({@code zookeeper...}, {@code
   * zk...}).
   */
  static boolean zookeeperMode(String mode) {
    String m = mode.toLowerCase(Locale.ROOT);
    return m.startsWith("zookeeper") || m.startsWith("zk");
  }
}
