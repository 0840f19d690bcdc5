package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;
import net.jqwik.api.Example;

/**
 * The fingerprinter's work grows linearly with its input, pathological inputs included (issue 10,
 * part 5), and none of them blows the stack.
 *
 * <p>How linearity is judged without a flaky timing assertion: each input is built at size
 * {@code n} and {@code 16n}, and the ratio of their costs must stay under {@value #MAX_RATIO}.
 * Linear work gives about 16; quadratic work gives about 256, so the bound catches it with a factor
 * of four to spare either way. The cost is the thread's own CPU time ({@link
 * ThreadMXBean#getCurrentThreadCpuTime}), not wall-clock time, so a loaded machine that takes the
 * CPU away does not count against us; the median of {@value #ROUNDS} interleaved rounds, after
 * warm-up runs so that both sizes run compiled code, takes out GC and JIT outliers. Allocation
 * counting was the other candidate, but the lexer's super-linear risks are re-scans that allocate
 * nothing, so it would not see them.
 */
class FingerprinterScalingPropertiesTest {

  private static final int MAX_RATIO = 64;
  private static final int ROUNDS = 5;
  private static final int SMALL = 16 * 1024;
  // Not a speed limit: a linear input takes milliseconds; a quadratic one would take minutes.
  private static final Duration RUNAWAY = Duration.ofSeconds(60);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Example
  void deeplyNestedParenthesesScaleLinearly() {
    assertLinear(n -> "select " + "(".repeat(n / 2) + "1" + ")".repeat(n / 2) + " from t");
  }

  @Example
  void unclosedNestedParenthesesScaleLinearly() {
    assertLinear(n -> "select * from t where a in " + "(".repeat(n));
  }

  @Example
  void longInListsScaleLinearly() {
    assertLinear(n -> inList(n));
  }

  @Example
  void multiRowValuesScaleLinearly() {
    assertLinear(n -> "insert into t(a, b) values " + "(1, 'x'), ".repeat(n / 10) + "(2, 'y')");
  }

  @Example
  void runsOfUnclosedQuotesAndCommentsScaleLinearly() {
    assertLinear(n -> "select " + "'".repeat(n));
    assertLinear(n -> "select " + "\"".repeat(n));
    assertLinear(n -> "select " + "/*".repeat(n / 2));
    assertLinear(n -> "select " + "/* */ [".repeat(n / 6));
    assertLinear(n -> "select " + "[".repeat(n));
    assertLinear(n -> "select " + "[a ".repeat(n / 3) + "'x'");
    assertLinear(n -> "select " + "$a$ ".repeat(n / 4));
    assertLinear(n -> "select " + "q'[".repeat(n / 3));
    assertLinear(n -> "select " + "E'\\'".repeat(n / 4));
    assertLinear(n -> "select " + "'\\''".repeat(n / 4)); // MySQL evidence: the second pass runs
  }

  @Example
  void repeatedTokensThatLookBackOrAheadScaleLinearly() {
    assertLinear(n -> "select " + " \n#x".repeat(n / 4));
    assertLinear(n -> "select a" + " #".repeat(n / 2) + "x");
    assertLinear(n -> "select " + "1".repeat(n) + "and");
    assertLinear(n -> "select " + "-".repeat(n) + "1");
    assertLinear(n -> "select " + "-+".repeat(n / 2) + "1");
    assertLinear(n -> "select " + "@".repeat(n));
    assertLinear(n -> "select a" + "[1:".repeat(n / 3));
    assertLinear(n -> "select " + ":".repeat(n));
    assertLinear(n -> "select /* k='" + "v".repeat(n) + "' */ 1");
    assertLinear(n -> "select 1; ".repeat(n / 10));
  }

  @Example
  void aFiveMegabyteStatementDoesNotBlowTheStack() {
    String sql = "select " + "(".repeat(2_500_000) + ")".repeat(2_500_000);
    NormalizedSql normalized = SqlNormalizer.normalize(sql);
    assertThat(normalized.text()).startsWith("select ((").hasSize(sql.length());
    assertThat(SqlNormalizer.normalize(inList(5 << 20)).text())
        .isEqualTo("select * from t where id in (?+)");
  }

  @Example
  void aHundredThousandNestedParenthesesNormalize() {
    String sql = "select " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " from t";
    assertThat(SqlNormalizer.normalize(sql).text())
        .isEqualTo("select " + "(".repeat(99_999) + "(?+)" + ")".repeat(99_999) + " from t");
  }

  @Example
  void aOneMegabyteInListIsOnePlaceholderList() {
    String sql = inList(1 << 20);
    assertThat(sql.length()).isGreaterThanOrEqualTo(1 << 20);
    assertThat(SqlNormalizer.normalize(sql).text()).isEqualTo("select * from t where id in (?+)");
  }

  private static String inList(int chars) {
    StringBuilder sql = new StringBuilder(chars + 64).append("select * from t where id in (");
    for (int i = 0; sql.length() < chars; i++) {
      sql.append(i == 0 ? "" : ", ").append(1_000_000 + i);
    }
    return sql.append(')').toString();
  }

  private static void assertLinear(IntFunction<String> input) {
    assertTimeoutPreemptively(RUNAWAY, () -> assertLinearWithoutLimit(input));
  }

  private static void assertLinearWithoutLimit(IntFunction<String> input) {
    String small = input.apply(SMALL);
    String large = input.apply(SMALL * 16);
    for (int i = 0; i < 3; i++) {
      cpuNanos(small);
      cpuNanos(large);
    }
    long[] smallCosts = new long[ROUNDS];
    long[] largeCosts = new long[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      smallCosts[round] = cpuNanos(small);
      largeCosts[round] = cpuNanos(large);
    }
    // Thread CPU time can read 0 for a run shorter than the clock's tick on some systems.
    double ratio = (double) median(largeCosts) / Math.max(1, median(smallCosts));
    assertThat(ratio)
        .as(
            "CPU time for %d chars over %d chars, medians of %s and %s ns; input starts %s",
            large.length(),
            small.length(),
            Arrays.toString(largeCosts),
            Arrays.toString(smallCosts),
            small.substring(0, Math.min(40, small.length())))
        .isLessThan(MAX_RATIO);
  }

  private static long cpuNanos(String sql) {
    long start = THREADS.getCurrentThreadCpuTime();
    SqlNormalizer.normalize(sql);
    return THREADS.getCurrentThreadCpuTime() - start;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
