package io.querylens.agent.scope;

import io.querylens.agent.AgentErrors;
import io.querylens.analyzer.scope.ScopeKind;
import io.querylens.analyzer.scope.ScopeTracker;
import io.querylens.bootstrap.ScopeHooks;
import io.querylens.bootstrap.ScopeListener;

/**
 * Connects the scope hooks (servlet advice, the application API) to the {@link ScopeTracker}.
 *
 * <p>Internal: public so the installer can wire it. Runs on the application's threads; failures are
 * counted and never reach the application.
 */
public final class ScopeBridge implements ScopeListener {
  private final ScopeTracker scopes;

  /** A bridge into {@code scopes}. */
  public ScopeBridge(ScopeTracker scopes) {
    this.scopes = scopes;
  }

  @Override
  public Object open(int kind, String name) {
    try {
      return scopes.open(kind == ScopeHooks.TEST ? ScopeKind.TEST : ScopeKind.EXPLICIT, name);
    } catch (Throwable t) {
      AgentErrors.record("scope", "could not open a scope", t);
      return null;
    }
  }

  @Override
  public void close(Object token) {
    try {
      scopes.close(token);
    } catch (Throwable t) {
      AgentErrors.record("scope", "could not close a scope", t);
    }
  }

  @Override
  public Object enterRequest(Object request) {
    try {
      // The header is read only while tests capture: a request a test sent counts toward it.
      return scopes.enterRequest(scopes.captures().running() == 0 ? null : TestHeader.of(request));
    } catch (Throwable t) {
      AgentErrors.record("scope", "could not follow an HTTP request", t);
      return null;
    }
  }

  @Override
  public void exitRequest(Object token, Object request) {
    try {
      // Only the outermost exit names the request: by then Spring MVC has matched its route.
      String name = ScopeTracker.ownsRequest(token) ? RequestNames.of(request) : null;
      scopes.exitRequest(token, name);
    } catch (Throwable t) {
      AgentErrors.record("scope", "could not follow an HTTP request", t);
      scopes.close(token);
    }
  }
}
