package io.querylens.junit;

/**
 * The kinds of statement counted apart, decided by the statement's operation (its first keyword, or
 * for {@code WITH} the keyword of the main statement).
 *
 * @since 0.1
 */
public enum QueryKind {
  /** {@code SELECT}, {@code WITH ... SELECT} included. */
  SELECT,
  /** {@code INSERT}. */
  INSERT,
  /** {@code UPDATE}. */
  UPDATE,
  /** {@code DELETE}. */
  DELETE,
  /** Anything else: DDL, {@code CALL}, {@code MERGE}, {@code SET}... */
  OTHER;

  /**
   * The kind of a statement whose operation, as the agent reports it, is {@code operation} ({@code
   * SELECT}, {@code INSERT}, {@code CALL}...).
   */
  public static QueryKind of(String operation) {
    switch (operation.toUpperCase(java.util.Locale.ROOT)) {
      case "SELECT":
        return SELECT;
      case "INSERT":
        return INSERT;
      case "UPDATE":
        return UPDATE;
      case "DELETE":
        return DELETE;
      default:
        return OTHER;
    }
  }
}
