package io.querylens.api;

/**
 * An open unit of work; see {@link QueryLens#scope(String)}.
 *
 * <p>Closing it more than once does nothing. Closing it closes any scope opened inside it and not yet
 * closed. Not meant to be shared between threads.
 *
 * @since 0.1
 */
public final class QueryLensScope implements AutoCloseable {
  private static final QueryLensScope INACTIVE = new QueryLensScope(null, null);

  private final String name;

  // the agent's token; null once closed or when the agent is absent. Confined to the opening thread.
  private Object token;

  private QueryLensScope(String name, Object token) {
    this.name = name;
    this.token = token;
  }

  static QueryLensScope open(int kind, String name) {
    Object token = Bridge.get().open(kind, name);
    return token == null ? INACTIVE : new QueryLensScope(name, token);
  }

  /** The scope's name, or null when the agent is absent. */
  public String name() {
    return name;
  }

  /** Ends the unit of work; never throws. */
  @Override
  public void close() {
    Object open = token;
    if (open != null) {
      token = null;
      Bridge.get().close(open);
    }
  }
}
