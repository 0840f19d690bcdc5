package io.querylens.bootstrap;

/**
 * The static entry points for scopes: servlet advice calls the request hooks, and the application
 * API ({@code io.querylens.api.QueryLens}) finds this class by name and calls {@link #open} and
 * {@link #close}.
 *
 * <p>Internal: appended to the bootstrap class path with {@link JdbcHooks}; depends on nothing but
 * {@code java.base}. The method names and signatures are a contract with the API artifact, which
 * binds to them reflectively: change them only together. Never throws.
 */
public final class ScopeHooks {
  /** An explicit scope, {@code QueryLens.scope(name)}. */
  public static final int EXPLICIT = 1;

  /** One test of a test suite. */
  public static final int TEST = 2;

  private static final ScopeListener NOOP = new NoopListener();

  // written once at start-up by the agent; read on every scope call
  private static volatile ScopeListener listener = NOOP;

  private ScopeHooks() {}

  /** Installs the listener that receives the scope calls. */
  public static void install(ScopeListener newListener) {
    listener = newListener == null ? NOOP : newListener;
  }

  /** Whether the agent, or library mode, receives the calls. */
  public static boolean isActive() {
    return listener != NOOP;
  }

  /** Opens a scope of {@code kind} named {@code name}; returns the token to close it with, or null. */
  public static Object open(int kind, String name) {
    try {
      return listener.open(kind, name);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Closes the scope opened with {@code token}; a null token is ignored. */
  public static void close(Object token) {
    if (token == null) {
      return;
    }
    try {
      listener.close(token);
    } catch (Throwable t) {
      // the listener counts its own failures; nothing may reach the application
    }
  }

  /** Called on entry to a servlet's or filter chain's service method. */
  public static Object enterRequest(Object request) {
    try {
      return listener.enterRequest(request);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Called on exit from the method whose entry returned {@code token}. */
  public static void exitRequest(Object token, Object request) {
    if (token == null) {
      return;
    }
    try {
      listener.exitRequest(token, request);
    } catch (Throwable t) {
      // see close
    }
  }

  private static final class NoopListener implements ScopeListener {
    @Override public Object open(int kind, String name) { return null; }
    @Override public void close(Object token) {}
    @Override public Object enterRequest(Object request) { return null; }
    @Override public void exitRequest(Object token, Object request) {}
  }
}
