package io.querylens.analyzer.scope;

import io.querylens.analyzer.capture.Capture;
import java.util.ArrayList;
import java.util.List;

/** One thread's open scopes. Confined to its thread. */
final class ThreadScopes {
  /** Beyond this depth of nested scopes, opening one does nothing: a leak in the caller, not ours. */
  static final int MAX_DEPTH = 64;

  /** Requests, tests and explicit scopes, outermost first. */
  final List<Frame> frames = new ArrayList<>(4);

  /** Open JDBC transactions, one per connection (a thread may hold several, as REQUIRES_NEW does). */
  final List<Scope> transactions = new ArrayList<>(2);

  Scope window;

  /** The capture this thread was last said to work for, to tell the captures only of changes. */
  Capture bound;

  final ExecutionView view = new ExecutionView();

  /** The innermost open frame; frames whose scope was closed from another thread are dropped first. */
  Frame innermost() {
    while (!frames.isEmpty()) {
      Frame frame = frames.get(frames.size() - 1);
      if (!frame.scope.closed) {
        return frame;
      }
      frames.remove(frames.size() - 1);
    }
    return null;
  }

  Scope transactionOn(long connectionId) {
    for (int i = 0; i < transactions.size(); i++) {
      if (transactions.get(i).connectionId == connectionId) {
        return transactions.get(i);
      }
    }
    return null;
  }

  boolean inRequest() {
    for (Frame frame : frames) {
      if (frame.scope.kind == ScopeKind.REQUEST) {
        return true;
      }
    }
    return false;
  }

  /**
   * An entry on the thread's scope stack; also the token handed out for closing. A nested request
   * (a forward or include, a filter chain inside another) gets a frame that does not own its scope.
   */
  static final class Frame {
    final Scope scope;
    final boolean owner;

    Frame(Scope scope, boolean owner) {
      this.scope = scope;
      this.owner = owner;
    }
  }
}
