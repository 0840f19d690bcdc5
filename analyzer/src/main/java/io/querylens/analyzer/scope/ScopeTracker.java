package io.querylens.analyzer.scope;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.capture.Capture;
import io.querylens.analyzer.capture.Captures;
import io.querylens.analyzer.detect.Detector;
import io.querylens.analyzer.detect.FindingAccumulator;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.event.StatementEventListener;
import io.querylens.analyzer.fingerprint.StatementShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Puts each statement into its unit of work and lets the detectors judge it there.
 *
 * <p>A statement belongs to the innermost open request, test or explicit scope of its thread; else
 * to the thread's JDBC transaction; else to the thread's window, which an idle gap (or its maximum
 * length) closes. So a transaction inside a request is part of the request, and the same statement
 * in two requests, two transactions or two threads is never one pattern.
 *
 * <p>Stacks are walked only for the second and later executions of a statement in a scope, and a
 * bounded number of times: the first execution borrows the second one's call site.
 *
 * <p>Every method runs on the application's thread it describes and touches only that thread's
 * state, apart from the {@link FindingRegistry} (which reads open scopes' findings for reports) and
 * closing a scope from another thread. Callers catch what it throws.
 *
 * @since 0.1
 */
public final class ScopeTracker implements StatementEventListener {
  /** Short stack walks after a statement's first capture in a scope, before sampling takes over. */
  static final int SHORT_WALKS = 2;

  private final ThreadLocal<ThreadScopes> threads = ThreadLocal.withInitial(ThreadScopes::new);
  private final ScopeSettings settings;
  private final long idleGapNanos;
  private final long slowNanos;
  private final long poolWaitNanos;
  private final long maxWindowNanos;
  private final StackCapture stacks;
  private final Detector[] detectors;
  private final FindingRegistry registry;
  private final ScopeClosedListener closings;
  private final Captures captures = new Captures();

  /** A tracker feeding {@code detectors}, whose findings go to {@code registry}. */
  public ScopeTracker(ScopeSettings settings, StackCapture stacks, Detector[] detectors, FindingRegistry registry) {
    this(settings, stacks, detectors, registry, ScopeClosedListener.NONE);
  }

  /** A tracker as above that also tells {@code closings} of every scope that ends. */
  public ScopeTracker(ScopeSettings settings, StackCapture stacks, Detector[] detectors, FindingRegistry registry,
      ScopeClosedListener closings) {
    this.closings = closings;
    this.settings = settings;
    this.idleGapNanos = settings.idleGap().toNanos();
    this.slowNanos = settings.slowThreshold().toNanos();
    this.poolWaitNanos = settings.poolWaitThreshold().toNanos();
    this.maxWindowNanos = settings.maxWindow().toNanos();
    this.stacks = stacks;
    this.detectors = detectors.clone();
    this.registry = registry;
  }

  /** The tests capturing now, and the threads working for them. */
  public Captures captures() {
    return captures;
  }

  /** The registry the findings go to. */
  public FindingRegistry registry() {
    return registry;
  }

  @Override
  public void onStatement(StatementEvent event) {
    if (event.poolInternal()) {
      return;
    }
    ThreadScopes thread = threads.get();
    Scope scope = ownerOf(thread, event);
    record(thread, scope, event);
  }

  @Override
  public void onRowsRead(StatementEvent event, long rows) {
    // Rows accumulate in the event itself, where a finding's parent reads them.
  }

  /**
   * Opens a scope on the calling thread; returns the token that closes it, or null when the thread
   * has too many scopes open.
   */
  public Object open(ScopeKind kind, String name) {
    ThreadScopes thread = threads.get();
    ThreadScopes.Frame innermost = thread.innermost();
    return open(thread, kind, name, innermost == null ? null : innermost.scope.capture);
  }

  /**
   * Opens a scope as {@link #open(ScopeKind, String)} does, whose statements and findings go to
   * {@code capture} (null: to none, even inside a scope that has one).
   */
  public Object openCapturing(ScopeKind kind, String name, Capture capture) {
    return open(threads.get(), kind, name, capture);
  }

  private Object open(ThreadScopes thread, ScopeKind kind, String name, Capture capture) {
    if (thread.frames.size() >= ThreadScopes.MAX_DEPTH) {
      return null;
    }
    endWindow(thread);
    ThreadScopes.Frame frame =
        new ThreadScopes.Frame(new Scope(kind, name, System.nanoTime(), 0, capture), true);
    thread.frames.add(frame);
    bindCapture(thread);
    return frame;
  }

  /**
   * Closes the scope {@code token} opened, with any scope opened inside it. A scope closed from
   * another thread than its own is closed alone; its thread drops it at its next statement. Other
   * objects are ignored.
   */
  public void close(Object token) {
    ThreadScopes thread = threads.get();
    int index = thread.frames.lastIndexOf(token);
    if (index < 0) {
      if (token instanceof ThreadScopes.Frame && ((ThreadScopes.Frame) token).owner) {
        finish(((ThreadScopes.Frame) token).scope);
      }
      return;
    }
    while (thread.frames.size() > index) {
      ThreadScopes.Frame frame = thread.frames.remove(thread.frames.size() - 1);
      if (frame.owner) {
        finish(frame.scope);
      }
    }
    bindCapture(thread);
  }

  /**
   * A request starts on the calling thread; a request already being served there (a forward, an
   * include, the servlet inside its filter chain) continues instead. Returns the token for {@link
   * #exitRequest}, or null.
   *
   * <p>A new request runs for the test that sent it, as {@link Captures#forRequest} tells from
   * {@code testHeader} (the request's {@code QueryLens-Test} header, nullable), unless the thread
   * already works for one.
   */
  public Object enterRequest(String testHeader) {
    ThreadScopes thread = threads.get();
    if (thread.inRequest()) {
      if (thread.frames.size() >= ThreadScopes.MAX_DEPTH) {
        return null;
      }
      ThreadScopes.Frame frame = new ThreadScopes.Frame(thread.innermost().scope, false);
      thread.frames.add(frame);
      return frame;
    }
    ThreadScopes.Frame innermost = thread.innermost();
    Capture capture = innermost != null ? innermost.scope.capture
        : captures.running() == 0 ? null : captures.forRequest(testHeader);
    return open(thread, ScopeKind.REQUEST, null, capture);
  }

  /** Whether {@code token} is the outermost frame of its request, whose exit names it. */
  public static boolean ownsRequest(Object token) {
    return token instanceof ThreadScopes.Frame && ((ThreadScopes.Frame) token).owner;
  }

  /** The request {@code token} started has been served; {@code name} (nullable) names it. */
  public void exitRequest(Object token, String name) {
    if (name != null && ownsRequest(token)) {
      ((ThreadScopes.Frame) token).scope.rename(name);
    }
    close(token);
  }

  /**
   * The calling thread turned auto-commit off on connection {@code connectionId}: a transaction
   * begins there with the next statement, and the thread's window ends.
   */
  public void transactionBegan(long connectionId) {
    endWindow(threads.get());
  }

  /**
   * The calling thread committed, rolled back, turned auto-commit on or closed connection {@code
   * connectionId}: that connection's transaction, if one is open, ends; others go on.
   */
  public void transactionEnded(long connectionId) {
    ThreadScopes thread = threads.get();
    Scope transaction = thread.transactionOn(connectionId);
    if (transaction != null) {
      thread.transactions.remove(transaction);
      finish(transaction);
    }
  }

  /** The calling thread's open scopes, outermost first, as {@code kind: name}; for diagnostics and tests. */
  public List<String> openScopes() {
    ThreadScopes thread = threads.get();
    List<String> names = new ArrayList<>();
    if (thread.window != null && !thread.window.closed) {
      names.add(thread.window.describe());
    }
    for (Scope transaction : thread.transactions) {
      names.add(transaction.describe());
    }
    for (ThreadScopes.Frame frame : thread.frames) {
      if (frame.owner) {
        names.add(frame.scope.describe());
      }
    }
    return names;
  }

  /** Whether waiting this long for a pooled connection is a finding; then call {@link #onPoolWait}. */
  public boolean isPoolWait(long waitedNanos) {
    return waitedNanos >= poolWaitNanos;
  }

  /**
   * The calling thread waited from {@code startNanos} to {@code endNanos} for a connection from pool
   * {@code pool}, at least the pool-wait threshold: a POOL_WAIT finding at the application's line,
   * in the scope the thread is in.
   */
  public void onPoolWait(String pool, long startNanos, long endNanos) {
    ThreadScopes thread = threads.get();
    ThreadScopes.Frame innermost = thread.innermost();
    Scope scope = innermost != null ? innermost.scope
        : !thread.transactions.isEmpty() ? thread.transactions.get(thread.transactions.size() - 1)
        : windowAt(thread, startNanos);
    scope.lastNanos = Math.max(scope.lastNanos, endNanos);
    CapturedStack stack = stacks.capture(); // waits this long are rare; their line is worth a walk
    if (scope.poolWaits == null) {
      scope.poolWaits = new HashMap<>();
    }
    List<Object> key = Arrays.asList(pool, stack.callSite());
    FindingAccumulator finding = scope.poolWaits.get(key);
    if (finding != null) {
      finding.add(startNanos, endNanos);
      return;
    }
    long waited = endNanos - startNanos;
    finding = new FindingAccumulator(FindingType.POOL_WAIT, null, pool, stack,
        Suggestions.forFinding(FindingType.POOL_WAIT, stack.framework()), null, null, 1, waited, waited,
        endNanos, endNanos);
    scope.poolWaits.put(key, finding);
    scope.nameAfter(stack);
    boolean first = scope.findings.isEmpty();
    scope.findings.add(finding);
    if (first) {
      scope.firstFinding(registry);
    }
  }

  private Scope ownerOf(ThreadScopes thread, StatementEvent event) {
    ThreadScopes.Frame innermost = thread.innermost();
    if (innermost != null) {
      return innermost.scope;
    }
    long connectionId = event.connectionId();
    if (event.inTransaction()) {
      Scope transaction = thread.transactionOn(connectionId);
      if (transaction == null) {
        endWindow(thread);
        transaction = new Scope(ScopeKind.TRANSACTION, null, event.startNanos(), connectionId);
        thread.transactions.add(transaction);
      }
      return transaction;
    }
    if (!thread.transactions.isEmpty()) {
      // Auto-commit came back on this connection without our seeing it: its transaction is over.
      transactionEnded(connectionId);
    }
    return windowAt(thread, event.startNanos());
  }

  /** The thread's window for something starting at {@code start}: the open one, or a new one after a gap. */
  private Scope windowAt(ThreadScopes thread, long start) {
    Scope window = thread.window;
    if (window == null || window.closed || start - window.lastNanos > idleGapNanos
        || start - window.startNanos > maxWindowNanos) {
      endWindow(thread);
      window = new Scope(ScopeKind.THREAD, null, start);
      thread.window = window;
    }
    return window;
  }

  private void record(ThreadScopes thread, Scope scope, StatementEvent event) {
    if (scope.capture != null) {
      scope.capture.add(event);
    }
    scope.lastNanos = event.endNanos();
    scope.statements++;
    StatementShape shape = event.shape();
    if (shape.mayWrite()) {
      scope.writeEpoch++;
    }
    String fingerprint = event.normalized().fingerprint();
    StatementGroup group = scope.groups.get(fingerprint);
    if (group == null) {
      if (scope.groups.size() >= settings.maxStatementsPerScope()) {
        return; // bounded: a scope with this many distinct statements is judged on the first ones
      }
      // Never this statement itself: it has no group yet, so it has not run in this scope.
      group = new StatementGroup(event.normalized(), event.statistics(), scope.lastQuery, scope.writeEpoch);
      scope.groups.put(fingerprint, group);
    }
    boolean batched = event.batchSize() > 0 || shape.multiKey() || shape.multiRow() || event.multiValueParameter();
    boolean repeats = !batched && !event.failed()
        && group.repeats(event.parameterHash(), scope.writeEpoch, settings.maxParameterSets());
    group.executions++;
    RuntimeException failure = null;
    // A failure or a slow execution is judged at once, stack and all: it matters the first time.
    if (group.executions == 1 && !event.failed() && event.durationNanos() < slowNanos) {
      group.holdFirst(event, batched);
    } else {
      ExecutionView view = thread.view;
      view.sited = false;
      CallSiteGroup site = siteOf(scope, group, view);
      group.releaseFirstTo(site);
      if (!batched && !event.failed()) {
        site.addSingle(event.startNanos(), event.endNanos(), event.parameterHash());
      }
      view.point(this, scope, group, site, event, batched, repeats);
      try {
        for (Detector detector : detectors) {
          try {
            detector.inspect(view);
          } catch (RuntimeException e) {
            // One broken detector must not cost the others their findings (issue 10): they still judge this
            // execution, and the failure is thrown once the scope has counted it, for the caller to count.
            if (failure == null) {
              failure = e;
            } else if (failure != e) {
              failure.addSuppressed(e);
            }
          }
        }
      } finally {
        view.clear();
      }
    }
    if (shape.readsTable()) {
      scope.lastQuery = event;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * The call site of this execution. The second execution of a statement in a scope walks the whole
   * stack; the next {@link #SHORT_WALKS} take a short walk (to the first application frame), so two
   * short loops of one statement at two lines are told apart; after that each execution is taken to
   * come from where the last one did, checked with a short walk on one execution in {@code
   * sampleEvery} and by {@link #confirmSite} before a finding is raised, all within the scope's budget.
   */
  private CallSiteGroup siteOf(Scope scope, StatementGroup group, ExecutionView view) {
    if (group.lastSite == null) {
      scope.captures++;
      group.captures++;
      view.sited = true;
      CallSiteGroup site = group.siteFor(stacks.capture(), settings.maxCallSitesPerStatement());
      group.lastSite = site;
      return site;
    }
    if ((group.captures <= SHORT_WALKS || group.executions % settings.sampleEvery() == 0)
        && scope.captures < settings.maxCapturesPerScope()) {
      view.sited = true;
      return walkTo(scope, group);
    }
    return group.lastSite;
  }

  /**
   * Called before a finding is raised on an execution whose call site was assumed, not seen: looks
   * at the stack. Returns the site it really came from; when that is not {@code assumed}, the
   * execution has been moved there and no finding should be raised on the assumption.
   */
  CallSiteGroup confirmSite(Scope scope, StatementGroup group, CallSiteGroup assumed, StatementEvent event,
      ExecutionView view) {
    if (view.sited || scope.captures >= settings.maxCapturesPerScope()) {
      return assumed;
    }
    view.sited = true;
    CallSiteGroup actual = walkTo(scope, group);
    if (actual != assumed) {
      assumed.removeSingle(event.startNanos(), event.endNanos());
      actual.addSingle(event.startNanos(), event.endNanos(), event.parameterHash());
    }
    return actual;
  }

  /** A short walk to the call site; a full one only for a call site not seen before. */
  private CallSiteGroup walkTo(Scope scope, StatementGroup group) {
    scope.captures++;
    group.captures++;
    CallSiteGroup site = group.siteAt(stacks.callSite());
    if (site == null) {
      site = group.siteFor(stacks.capture(), settings.maxCallSitesPerStatement());
    }
    group.lastSite = site;
    return site;
  }

  /** Tells the captures which test, if any, the thread now works for; only when that changed. */
  private void bindCapture(ThreadScopes thread) {
    ThreadScopes.Frame innermost = thread.innermost();
    Capture capture = innermost == null ? null : innermost.scope.capture;
    if (capture != thread.bound) {
      thread.bound = capture;
      captures.bind(capture);
    }
  }

  private void endWindow(ThreadScopes thread) {
    if (thread.window != null) {
      finish(thread.window);
      thread.window = null;
    }
  }

  private void finish(Scope scope) {
    scope.closed = true;
    if (scope.ownedByCurrentThread()) {
      // Its groups are confined to its own thread; a scope closed from elsewhere is not counted.
      for (StatementGroup group : scope.groups.values()) {
        if (group.statistics != null) {
          group.statistics.countScope();
        }
      }
    }
    if (!scope.findings.isEmpty()) {
      registry.close(scope);
      if (scope.capture != null) {
        scope.capture.findingsClosed(scope);
      }
    }
    closings.scopeClosed(scope.kind, scope.name(), scope.statements);
  }
}
