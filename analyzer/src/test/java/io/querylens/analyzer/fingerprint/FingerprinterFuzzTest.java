package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs against the internal entry point, which, unlike {@link Fingerprinter},
 * does not turn a bug into an empty result.
 */
class FingerprinterFuzzTest {

  private static final String[] FRAGMENTS = {
    "'", "\"", "`", "[", "]", "(", ")", "?", "$", "$$", "$t$", ":", "::", ";", ",", ".", "-", "--",
    "/*", "*/", "#", "\n", " ", "\\", "e'", "E", "N", "x", "q'[", "U&", "&", "@", "{", "}", "1",
    "0x", "1e", ".5", "select", "in", "values", "is", "not", "null", "for", "update", "with", "as",
    "a", "=", "+", "*", "é", "\ud83d\ude00", "\ud800", "_u'", "k='v'", "??"
  };

  private static final String[] SAFE_TOKENS = {
    "select", "from", "t", "where", "a", "=", "in", "(", ")", ",", "1", "-", "?", ":p", "$1",
    "::int", ";", "/* c */", "-- c\n", "\"Q\"", "is", "null", "not", "for", "update", "{", "}",
    ".", "#>", "||", "e", "n", "x", "q", "u", "_utf8", "values", "[", "]", "array", "\\", "#",
    "@v", "`b`"
  };

  private static final String[] STANDARD_LITERALS = {
    "'SECRET'", "'x''SECRET'", "E'\\'SECRET'", "$$SECRET$$", "$a$SECRET$a$", "N'SECRET'",
    "'C:\\SECRET\\'", "U&'SECRET'", "q'[SECRET]'", "X'SECRET'"
  };

  private static final String[] MYSQL_LITERALS = {
    "'SECRET'", "'it\\'s SECRET'", "'SECRET\\\\'", "_utf8'SECRET'", "'a\\'SECRET\\''",
    "'\\'SECRET'", "'SECRET\\''", "'x\\' SECRET'"
  };

  @Test
  void randomFragmentsNeverThrowAndKeepStatementsConsistentWithText() {
    Random random = new Random(42);
    for (int i = 0; i < 30_000; i++) {
      StringBuilder sql = new StringBuilder();
      int count = random.nextInt(25);
      for (int j = 0; j < count; j++) {
        sql.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String input = sql.toString();
      NormalizedSql normalized = SqlNormalizer.normalize(input);
      assertThat(normalized.fingerprint()).as(input).hasSize(16);
      assertThat(String.join("; ", normalized.statements())).as(input).isEqualTo(normalized.text());
    }
  }

  @Test
  void literalsAmongRandomTokensNeverReachTheOutput() {
    Random random = new Random(7);
    for (int i = 0; i < 30_000; i++) {
      String[] literals = random.nextBoolean() ? STANDARD_LITERALS : MYSQL_LITERALS;
      StringBuilder sql = new StringBuilder();
      int count = 1 + random.nextInt(20);
      for (int j = 0; j < count; j++) {
        sql.append(j == 0 ? "" : " ");
        sql.append(
            random.nextInt(4) == 0
                ? literals[random.nextInt(literals.length)]
                : SAFE_TOKENS[random.nextInt(SAFE_TOKENS.length)]);
      }
      String input = sql.toString();
      assertThat(SqlNormalizer.normalize(input).text())
          .as(input)
          .doesNotContainIgnoringCase("SECRET");
    }
  }
}
