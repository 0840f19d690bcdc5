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
    Assumptions.abort(message + " (skipped; under CI=true this fails)");
  }
}
