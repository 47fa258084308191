package io.brokerbench.bench.claims;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The report's words in one language, from the UTF-8 bundle {@code claims.properties} (English, the
 * default) and {@code claims_pt_BR.properties} (Brazilian Portuguese: the first users are a class
 * in Brazil). Placeholders {@code {0}}, {@code {1}}... are replaced as they are, without {@link
 * java.text.MessageFormat}'s quoting rules, so a translator can write apostrophes freely.
 */
public final class Messages {
  /** The languages there are, by tag: what {@code -Dbench.lang} and {@code --lang} accept. */
  public static final List<String> LANGUAGES = List.of("en", "pt-BR");

  private static final String BUNDLE = "io.brokerbench.bench.claims.claims";

  private final String tag;
  private final Locale locale;
  private final ResourceBundle bundle;

  private Messages(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
    // No fallback to the JVM's default locale: English is the bundle without a suffix.
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public static Messages english() {
    return new Messages("en", Locale.ENGLISH);
  }

  /**
   * The messages of a language tag: {@code en} (also empty) or {@code pt-BR} (also {@code pt_BR},
   * {@code pt}, any case).
   *
   * @throws IllegalArgumentException naming the tag and the languages there are
   */
  public static Messages forTag(String tag) {
    String normalized = tag == null ? "" : tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "", "en", "en-us", "en-gb" -> english();
      case "pt", "pt-br" -> new Messages("pt-BR", Locale.forLanguageTag("pt-BR"));
      default ->
          throw new IllegalArgumentException(
              "bench.lang: unknown language '" + tag + "'; expected one of " + LANGUAGES);
    };
  }

  /**
   * The report's language when {@code -Dbench.lang} is not set: the machine's locale, as the C
   * library reads it for messages: the first of {@code LC_ALL}, {@code LC_MESSAGES} and {@code
   * LANG} that is set and not empty ({@code pt_BR.UTF-8} gives {@code pt-BR}), else the JVM's
   * default locale. A language the report does not speak ({@code de_DE}, {@code C}) gives English:
   * a class's machine set to any locale still gets a report.
   *
   * @param env the process environment, e.g. {@link System#getenv()}
   * @param jvmDefault the JVM's default locale, e.g. {@link Locale#getDefault()}
   */
  public static String tagForLocale(Map<String, String> env, Locale jvmDefault) {
    for (String variable : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        // pt_BR.UTF-8@euro: the language and region are what comes before '.' and '@'.
        return languageOf(value.trim().split("[.@]", 2)[0].replace('_', '-'));
      }
    }
    return languageOf(jvmDefault.toLanguageTag());
  }

  private static String languageOf(String localeTag) {
    String language = localeTag.split("-", 2)[0].toLowerCase(Locale.ROOT);
    return language.equals("pt") ? "pt-BR" : "en";
  }

  /** The tag, e.g. {@code pt-BR}. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /** The text of {@code key} with its placeholders filled in. */
  public String get(String key, Object... args) {
    String text;
    try {
      text = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException(
          "the claims message bundle has no key '" + key + "' for language " + tag, e);
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", format(args[i]));
    }
    return text;
  }

  /** The text of {@code key}, or empty when the language has none (a heading left as it is). */
  public Optional<String> find(String key) {
    return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
  }

  public String get(Message message) {
    return get(message.key(), message.args().toArray());
  }

  /** A number in the language's way (1,234.5 or 1.234,5); anything else as it is. */
  public String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      NumberFormat format = NumberFormat.getNumberInstance(locale);
      format.setMaximumFractionDigits(2);
      return format.format(((Number) value).doubleValue());
    }
    if (value instanceof Number number) {
      return NumberFormat.getIntegerInstance(locale).format(number.longValue());
    }
    return String.valueOf(value);
  }
}
