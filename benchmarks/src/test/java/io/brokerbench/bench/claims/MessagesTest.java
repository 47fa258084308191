package io.brokerbench.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without -Dbench.lang, the report speaks the machine's locale, read as the C library reads it. */
class MessagesTest {
  private static String tag(Map<String, String> env, Locale jvm) {
    return Messages.tagForLocale(env, jvm);
  }

  @Test
  void aBrazilianLocaleGivesPortuguese() {
    assertEquals("pt-BR", tag(Map.of("LANG", "pt_BR.UTF-8"), Locale.US));
    assertEquals("pt-BR", tag(Map.of("LANG", "pt_BR"), Locale.US));
    assertEquals("pt-BR", tag(Map.of("LC_MESSAGES", "pt_BR.utf8@x"), Locale.US));
    assertEquals("pt-BR", tag(Map.of("LANG", "pt_PT.UTF-8"), Locale.US));
  }

  @Test
  void lcAllThenLcMessagesThenLangDecide() {
    Map<String, String> all =
        Map.of("LC_ALL", "en_US.UTF-8", "LC_MESSAGES", "pt_BR.UTF-8", "LANG", "pt_BR.UTF-8");
    assertEquals("en", tag(all, Locale.US));
    assertEquals("pt-BR", tag(Map.of("LC_MESSAGES", "pt_BR.UTF-8", "LANG", "C.UTF-8"), Locale.US));
    // An empty variable is not set (POSIX).
    assertEquals("pt-BR", tag(Map.of("LC_ALL", "", "LANG", "pt_BR.UTF-8"), Locale.US));
  }

  @Test
  void withoutTheVariablesTheJvmDefaultDecides() {
    assertEquals("pt-BR", tag(Map.of(), Locale.forLanguageTag("pt-BR")));
    assertEquals("en", tag(Map.of(), Locale.GERMANY));
  }

  @Test
  void aLanguageTheReportDoesNotSpeakGivesEnglish() {
    assertEquals("en", tag(Map.of("LANG", "C"), Locale.forLanguageTag("pt-BR")));
    assertEquals("en", tag(Map.of("LANG", "POSIX"), Locale.US));
    assertEquals("en", tag(Map.of("LANG", "de_DE.UTF-8"), Locale.US));
    assertEquals("en", Messages.forTag(tag(Map.of("LANG", "fr_FR"), Locale.US)).tag());
  }
}
