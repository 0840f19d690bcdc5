package io.querylens.analyzer.callsite.app;

/**
 * A statement as the {@link FakeApplication} runs it: its SQL and how it is executed.
 *
 * @param text the raw SQL
 * @param batchSize statements per {@code executeBatch}, or 0 for a single execution
 * @param arrayParameter whether a bound parameter holds many values, as {@code = any(?)} binds
 * @param sqlState the SQLSTATE it fails with, or null when it succeeds
 * @param poolInternal whether the pool runs it for itself
 */
public record Sql(String text, int batchSize, boolean arrayParameter, String sqlState, boolean poolInternal) {

  /** {@code text}, executed once per call, successfully. */
  public static Sql of(String text) {
    return new Sql(text, 0, false, null, false);
  }

  /** This statement sent with {@code executeBatch}, {@code size} rows at a time. */
  public Sql inBatchesOf(int size) {
    return new Sql(text, size, arrayParameter, sqlState, poolInternal);
  }

  /** This statement with an array bound to one of its parameters. */
  public Sql withArrayParameter() {
    return new Sql(text, batchSize, true, sqlState, poolInternal);
  }

  /** This statement, failing with {@code state}. */
  public Sql failingWith(String state) {
    return new Sql(text, batchSize, arrayParameter, state, poolInternal);
  }

  /** This statement, run by the connection pool for itself. */
  public Sql runByThePool() {
    return new Sql(text, batchSize, arrayParameter, sqlState, true);
  }
}
