package io.querylens.analyzer.callsite.app;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.callsite.FramePolicy;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.Detectors;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementShape;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.scope.ScopeSettings;
import io.querylens.analyzer.scope.ScopeTracker;
import java.time.Duration;
import java.util.List;

/**
 * Plays the application in tests: runs statements through a {@link ScopeTracker} wired as the agent
 * wires it, and captures stacks, from lines of code it reports back.
 *
 * <p>QueryLens never counts its own packages as the application's, test classes included, so a
 * tracker fed straight from a test method finds no call site. Only this package is the application's
 * under {@link #POLICY}, which the tracker here uses; tests call in from outside it.
 *
 * <p>Time is simulated: each statement takes 100 µs and starts 1 ms after the previous one began,
 * unless {@link #pause} moves the clock on. Confined to one thread at a time.
 */
public final class FakeApplication {
  /** Only this package is the application's. */
  public static final FramePolicy POLICY = FramePolicy.appPackages(List.of(FakeApplication.class.getPackageName()));

  public static final Duration IDLE_GAP = Duration.ofMillis(200);
  public static final Duration MAX_WINDOW = Duration.ofSeconds(10);
  public static final int N_PLUS_ONE_THRESHOLD = 3;
  public static final int UNBATCHED_WRITE_THRESHOLD = 10;

  private static final long STATEMENT_NANOS = 100_000;
  private static final long STEP_NANOS = 1_000_000;

  private final FindingRegistry registry;
  private final ScopeTracker tracker;
  private long nowNanos = System.nanoTime();
  private boolean inTransaction;
  private long connectionId = 1;
  private StatementEvent lastEvent;

  /** An application whose registry keeps up to 1,000 findings. */
  public FakeApplication() {
    this(1000);
  }

  /** An application whose registry keeps up to {@code maxFindings} findings. */
  public FakeApplication(int maxFindings) {
    this.registry = new FindingRegistry(maxFindings);
    this.tracker = new ScopeTracker(ScopeSettings.defaults(IDLE_GAP, MAX_WINDOW), new StackCapture(POLICY),
        Detectors.standard(N_PLUS_ONE_THRESHOLD, UNBATCHED_WRITE_THRESHOLD), registry);
  }

  public ScopeTracker tracker() {
    return tracker;
  }

  public FindingRegistry registry() {
    return registry;
  }

  /** The registry's findings now. */
  public List<Finding> findings() {
    return registry.snapshot();
  }

  /** Nothing runs for {@code duration}. */
  public void pause(Duration duration) {
    nowNanos += duration.toNanos();
  }

  /** Whether the statements that follow run with auto-commit off. */
  public void onConnection(long id, boolean inTransaction) {
    this.connectionId = id;
    this.inTransaction = inTransaction;
  }

  public void inTransaction(boolean on) {
    inTransaction = on;
  }

  /** The latest statement run. */
  public StatementEvent lastEvent() {
    return lastEvent;
  }

  /** Runs {@code sql} once per parameter set, from one line of code; returns that line. */
  public int runEach(String sql, long... parameterSets) {
    return runEach(Sql.of(sql), parameterSets);
  }

  /** Runs {@code sql} once per parameter set, from one line of code; returns that line. */
  public int runEach(Sql sql, long... parameterSets) {
    int line = 0;
    for (long parameters : parameterSets) {
      line = lineOfNextStatement();
      tracker.onStatement(next(sql, parameters));
    }
    return line;
  }

  /** Like {@link #runEach(String, long...)}, from another line of code. */
  public int runEachFromAnotherLine(String sql, long... parameterSets) {
    int line = 0;
    for (long parameters : parameterSets) {
      line = lineOfNextStatement();
      tracker.onStatement(next(Sql.of(sql), parameters));
    }
    return line;
  }

  /**
   * Runs each plain SQL string once, from one line of code, with its literals as its parameters (the
   * agent hashes a plain statement's string); returns that line.
   */
  public int runEachPlain(String... sqls) {
    int line = 0;
    for (String sql : sqls) {
      line = lineOfNextStatement();
      tracker.onStatement(next(Sql.of(sql), sql.hashCode()));
    }
    return line;
  }

  /** Runs {@code sql} once, from a line of its own; returns that line. */
  public int runOnce(String sql, long parameters) {
    int line = lineOfNextStatement();
    tracker.onStatement(next(Sql.of(sql), parameters));
    return line;
  }

  /** Runs {@code work} under an application entry point of its own, {@code FakeApplication.handle}. */
  public static void handle(Runnable work) {
    work.run();
  }

  /** Captures the stack here; returns it with the line of the capture. */
  public static CapturedAt captureHere(StackCapture stacks) {
    int line = lineOfNextStatement();
    CapturedStack stack = stacks.capture();
    return new CapturedAt(stack, line);
  }

  /** A stack and the line it was captured at. */
  public record CapturedAt(CapturedStack stack, int line) {}

  private StatementEvent next(Sql sql, long parameters) {
    NormalizedSql normalized = Fingerprinter.normalize(sql.text());
    StatementShape shape = StatementShape.of(sql.text(), normalized);
    long start = nowNanos;
    nowNanos += STEP_NANOS;
    long updateCount = sql.sqlState() != null || !shape.write() ? -1 : Math.max(1, sql.batchSize());
    lastEvent = new StatementEvent(sql.text(), normalized, null, connectionId, "h2", Thread.currentThread().getId(), start,
        start + STATEMENT_NANOS, updateCount, sql.batchSize(), sql.sqlState(), 0, sql.poolInternal(), shape,
        parameters, sql.arrayParameter(), inTransaction);
    return lastEvent;
  }

  /** The caller's line plus one: where the caller's next statement is, with no blank line between. */
  private static int lineOfNextStatement() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber() + 1;
  }
}
