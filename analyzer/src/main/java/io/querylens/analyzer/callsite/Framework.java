package io.querylens.analyzer.callsite;

/**
 * The data-access framework between the application's line of code and the driver, read from the
 * frames above the call site; it decides which fix a finding suggests.
 *
 * @since 0.1
 */
public enum Framework {
  /** A Spring Data repository method. */
  SPRING_DATA,
  /** Hibernate or another JPA provider: queries, lazy loading, flushes. */
  HIBERNATE,
  /** Spring's {@code JdbcTemplate} family. */
  SPRING_JDBC,
  /** The application calls JDBC itself. */
  PLAIN_JDBC
}
