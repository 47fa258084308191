package io.brokerbench.bench.claims;

import java.util.List;

/**
 * A sentence to be written in the report's language: a key of the {@code claims} message bundle and
 * the values of its {@code {0}}, {@code {1}}... placeholders (file names, systems, numbers).
 */
public record Message(String key, List<Object> args) {
  public Message {
    args = List.copyOf(args);
  }

  public static Message of(String key, Object... args) {
    return new Message(key, List.of(args));
  }
}
