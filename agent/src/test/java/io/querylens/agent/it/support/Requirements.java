package io.querylens.agent.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose environment is missing (a database, a JDK), except under {@code CI=true}, where a
 * missing environment is a broken build machine and the test fails instead.
 */
public final class Requirements {

  private Requirements() {}

  /** Returns whether this run is a CI run ({@code CI=true}), where nothing may be skipped. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * For a check made once per class: fails under {@code CI=true} when {@code unmet} is not {@code null}, else
   * prints it once; each test then skips itself with {@link #skipUnless}, so the build counts the skips.
   */
  public static void checkOnce(String unmet) {
    if (unmet == null) {
      return;
    }
    if (isCi()) {
      fail(unmet + " (CI=true: a missing environment fails the build instead of skipping)");
    }
    System.out.println("querylens-it: SKIPPED: " + unmet);
  }

  /** Skips the current test with {@code unmet} unless it is {@code null} (see {@link #checkOnce}). */
  public static void skipUnless(String unmet) {
    Assumptions.assumeTrue(unmet == null, () -> unmet + " (skipped; under CI=true this fails)");
  }

  /**
   * Aborts (skips) the current test or class with {@code message} unless {@code met}; fails instead under
   * {@code CI=true}.
   */
  public static void require(boolean met, String message) {
    if (met) {
      return;
    }
    if (isCi()) {
      fail(message + " (CI=true: a missing environment fails the build instead of skipping)");
    }
    // Printed too: a skip is otherwise only visible in the XML reports.
    System.out.println("querylens-it: SKIPPED: " + message);
    Assumptions.abort(message + " (skipped; under CI=true this fails)");
  }
}
