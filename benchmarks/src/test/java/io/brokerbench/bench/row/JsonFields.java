package io.brokerbench.bench.row;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The check every row type's test makes of its field-name constants: each names a field of the row
 * as the run writes it (Jackson, as {@code RunResults} writes the suites' files), so that a
 * component renamed, or a constant misspelt, fails a test instead of turning a verdict into "not
 * measured".
 */
public final class JsonFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFields() {}

  /** The values of the public static {@code String} constants {@code type} declares itself. */
  public static List<String> constants(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers)
          && Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers)
          && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(type.getSimpleName() + "." + field.getName(), e);
        }
      }
    }
    return names;
  }

  /**
   * Asserts that {@code row}'s class declares field-name constants and that each is a field of
   * {@code row} serialised to JSON.
   *
   * @return the constants checked
   */
  public static List<String> assertNameFieldsOf(Object row) {
    Class<?> type = row.getClass();
    List<String> names = constants(type);
    assertFalse(names.isEmpty(), type.getSimpleName() + " names the fields the claims read");
    JsonNode json = JSON.valueToTree(row);
    for (String name : names) {
      assertTrue(
          json.has(name),
          type.getSimpleName() + " has no JSON field '" + name + "', only " + fieldsOf(json));
    }
    return names;
  }

  private static List<String> fieldsOf(JsonNode json) {
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    return fields;
  }
}
