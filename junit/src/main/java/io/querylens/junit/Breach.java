package io.querylens.junit;

import java.util.List;

/**
 * One expectation a test broke, as it reads in the failure message: a headline, then the details a
 * developer needs to act on it (the statement, the parent query, the fix...).
 *
 * @param headline one line, ending with the expectation's source, e.g. {@code SELECT: expected 1 but
 *     was 6 (@ExpectQueries)}
 * @param details the lines under it, without indentation
 */
record Breach(String headline, List<String> details) {
  Breach {
    details = List.copyOf(details);
  }

  /** A breach told in one line. */
  static Breach of(String headline) {
    return new Breach(headline, List.of());
  }
}
