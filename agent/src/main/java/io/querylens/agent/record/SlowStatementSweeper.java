package io.querylens.agent.record;

import io.querylens.agent.AgentErrors;
import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.report.Finding;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Catches slow statements while they still run: one daemon thread looks at every thread's
 * in-flight execution a few times a second; one past the slow-query threshold gets its thread's
 * stack taken once and is reported as running until it ends (then the scope's slow-query detector
 * reports it as finished). Nothing is scheduled per statement.
 *
 * <p>Internal: public so the installer can start it. Thread-safe.
 */
public final class SlowStatementSweeper {
  /** How often in-flight statements are looked at. */
  static final long PERIOD_MILLIS = 100;

  private final long thresholdNanos;
  private final Recorder recorder;
  private final StackCapture stacks;
  private final WeakIdentityMap.Probe probe = new WeakIdentityMap.Probe(); // the sweeper thread's own
  private final Map<CallState, Running> running = new ConcurrentHashMap<>();
  private final LockWaitMonitor lockWaits;

  // written once by start()
  private volatile ScheduledExecutorService scheduler;

  /**
   * A sweeper reporting executions running for at least {@code thresholdNanos}, and asking the
   * database who blocks those in flight for at least {@code lockWaitNanos}.
   */
  public SlowStatementSweeper(long thresholdNanos, long lockWaitNanos, Recorder recorder, StackCapture stacks) {
    this.thresholdNanos = thresholdNanos;
    this.recorder = recorder;
    this.stacks = stacks;
    this.lockWaits = new LockWaitMonitor(lockWaitNanos, recorder, stacks);
  }

  /** Times every confirmed lock wait, as it ends, into {@code metrics}; before {@link #start()}. */
  public void timeLockWaitsInto(io.querylens.exporter.metrics.QueryLensMetrics metrics) {
    lockWaits.timeInto(metrics);
  }

  /** Starts the daemon thread. */
  public void start() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "querylens-slow-statements");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::sweepQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  /** Looks at every in-flight execution now; also called before the shutdown report. */
  public synchronized void sweep() {
    long now = System.nanoTime();
    running.entrySet().removeIf(entry -> entry.getKey().executingSince() != entry.getValue().sinceNanos);
    JdbcHooks.forEachState(state -> {
      long since = state.executingSince();
      if (since != 0 && now - since >= thresholdNanos && !running.containsKey(state)) {
        Running caught = catchRunning(state, since);
        if (caught != null) {
          running.put(state, caught);
        }
      }
    });
    lockWaits.check(now);
  }

  /** Where a database session last waited for a lock, as seen here; null when no wait was seen. */
  public io.querylens.analyzer.callsite.CapturedStack recentWait(String sessionId) {
    return lockWaits.recentWait(sessionId);
  }

  /** LOCK_WAIT findings: waits that ended and waits going on. */
  public List<Finding> lockWaitFindings() {
    return lockWaits.findings();
  }

  /** Stops looking and closes the agent's side connections. */
  public synchronized void stop() {
    ScheduledExecutorService executor = scheduler;
    if (executor != null) {
      executor.shutdownNow();
    }
    lockWaits.close();
  }

  /** The slow executions running now, as findings with {@code running: true}. */
  public List<Finding> runningFindings() {
    long now = System.nanoTime();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<CallState, Running> entry : running.entrySet()) {
      Running caught = entry.getValue();
      if (entry.getKey().executingSince() != caught.sinceNanos) {
        continue; // finished since the last sweep: its scope reports it now
      }
      findings.add(caught.toFinding(now));
    }
    return findings;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (Throwable t) {
      AgentErrors.record("slow", "could not look at running statements", t);
    }
  }

  private Running catchRunning(CallState state, long since) {
    Object statement = state.statement;
    String sql = state.sql;
    StackTraceElement[] trace = state.thread.getStackTrace();
    // The thread may have moved on while we looked: only keep what belongs to the same execution.
    if (state.executingSince() != since) {
      return null;
    }
    FingerprintCache.Fingerprinted fingerprint = recorder.inFlight(statement, sql, probe);
    if (fingerprint == null) {
      return null;
    }
    return new Running(since, fingerprint.normalized, stacks.read(trace), state.thread.getName());
  }

  /** A slow execution caught running. */
  private static final class Running {
    final long sinceNanos;
    final NormalizedSql statement;
    final CapturedStack stack;
    final String threadName;
    final long startedMillis = System.currentTimeMillis();

    Running(long sinceNanos, NormalizedSql statement, CapturedStack stack, String threadName) {
      this.sinceNanos = sinceNanos;
      this.statement = statement;
      this.stack = stack;
      this.threadName = threadName;
    }

    Finding toFinding(long nowNanos) {
      double runningMs = (nowNanos - sinceNanos) / 1_000_000.0;
      Finding.CallSite callSite = Finding.CallSite.of(stack.callSite());
      String started = Instant.ofEpochMilli(startedMillis - (long) runningMs).toString();
      return new Finding(FindingType.SLOW_QUERY.name(), FindingType.SLOW_QUERY.severity(), null, null,
          statement.text(), statement.fingerprint(), 1, runningMs, callSite, stack.frames(), null,
          Suggestions.forFinding(FindingType.SLOW_QUERY, stack.framework()), 1, started,
          Instant.now().toString(), runningMs, null, Boolean.TRUE, threadName, null, null, null, null, null);
    }
  }
}
