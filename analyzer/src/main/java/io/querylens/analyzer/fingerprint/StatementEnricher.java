package io.querylens.analyzer.fingerprint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.ForMode;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Learns a statement's kind, tables and lock clause with JSqlParser, once per new fingerprint and
 * off the application's threads.
 *
 * <p>JSqlParser is far too slow and too allocation-heavy for the per-statement path, and some
 * statements make it take seconds or fail outright, so every parse is bounded twice: statements
 * longer than {@code maxSqlChars} are not parsed at all, and a parse that runs longer than {@code
 * timeout} is abandoned. Whenever JSqlParser does not deliver, the result falls back to the lexer's
 * {@link NormalizedSql} ({@link StatementInfo#parsed()} is {@code false}).
 *
 * <p>Two daemon threads are started by the constructor and stopped by {@link #close()}: {@code
 * querylens-enricher} runs {@link #enrichLater} requests in order from a queue of {@value
 * #QUEUE_CAPACITY}, and {@code querylens-enricher-parser} runs the parses themselves, because
 * JSqlParser can only enforce its timeout when the parse runs on another thread than the one that
 * waits for it.
 *
 * <p>Thread-safe. All parameters and return values are non-null unless documented otherwise.
 *
 * @since 0.1
 */
public final class StatementEnricher implements AutoCloseable {
  /** The default longest statement, in characters, that is handed to JSqlParser. */
  public static final int DEFAULT_MAX_SQL_CHARS = 100_000;

  /** The default longest time one parse may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** How many {@link #enrichLater} requests may wait; more are dropped and counted. */
  public static final int QUEUE_CAPACITY = 1_000;

  /** The name of the thread that runs {@link #enrichLater} requests. */
  public static final String THREAD_NAME = "querylens-enricher";

  /**
   * JSqlParser's own rule: complex parsing of deeply nested statements can take exponential time,
   * so it is only retried up to this nesting depth (mirrors {@code CCJSqlParserUtil.parse}).
   */
  private static final int MAX_COMPLEX_PARSING_DEPTH = 10;

  private static final String UNKNOWN = "UNKNOWN";

  private final int maxSqlChars;
  private final long timeoutMillis;
  private final ThreadPoolExecutor worker;
  private final ThreadPoolExecutor parser;
  private final LongAdder dropped = new LongAdder();
  private final Runnable onTimeout;

  /**
   * Creates an enricher with the default size cap ({@value #DEFAULT_MAX_SQL_CHARS} characters) and
   * timeout (2 s), and starts its threads.
   */
  public StatementEnricher() {
    this(DEFAULT_MAX_SQL_CHARS, DEFAULT_TIMEOUT);
  }

  /**
   * Creates an enricher and starts its threads.
   *
   * @param maxSqlChars the longest statement, in characters, that is handed to JSqlParser; longer
   *     ones get the lexer's view only; at least 1 (default {@value #DEFAULT_MAX_SQL_CHARS})
   * @param timeout the longest time one parse may take; positive (default 2 s)
   * @throws IllegalArgumentException if {@code maxSqlChars < 1} or {@code timeout} is not positive
   */
  public StatementEnricher(int maxSqlChars, Duration timeout) {
    this(maxSqlChars, timeout, () -> {});
  }

  /**
   * Creates an enricher that tells {@code onTimeout} of every parse abandoned for its timeout, and starts its
   * threads.
   *
   * @param onTimeout called on the enricher's thread each time JSqlParser outlasts {@code timeout}; what it throws
   *     is ignored
   * @throws IllegalArgumentException if {@code maxSqlChars < 1} or {@code timeout} is not positive
   * @since 0.1
   */
  public StatementEnricher(int maxSqlChars, Duration timeout, Runnable onTimeout) {
    this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
    if (maxSqlChars < 1) {
      throw new IllegalArgumentException(
          "querylens - maxSqlChars must be at least 1 but was " + maxSqlChars);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "querylens - the parse timeout must be positive but was " + timeout);
    }
    this.maxSqlChars = maxSqlChars;
    // Sub-millisecond timeouts round up: JSqlParser takes whole milliseconds and 0 would mean
    // "give up before starting".
    this.timeoutMillis = Math.max(1L, timeout.toMillis());
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0L,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            daemonThreads(THREAD_NAME),
            (task, executor) -> dropped.increment());
    // Unbounded, but never long: only callers blocked in enrich() put work here, one task each.
    this.parser =
        new ThreadPoolExecutor(
            1,
            1,
            0L,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads(THREAD_NAME + "-parser"));
    // Start the threads now, on the caller's (start-up) thread: a thread created lazily would be
    // created by whichever application thread first saw a new statement, and would inherit its
    // context class loader and inheritable thread locals.
    worker.prestartCoreThread();
    parser.prestartCoreThread();
  }

  /**
   * Parses one statement and describes it, waiting at most for the timeout.
   *
   * <p>Synchronous: blocks the calling thread for up to the timeout, so call it from a background
   * thread or use {@link #enrichLater}. Never throws: a statement that is too long, cannot be
   * parsed, or takes too long, as well as any failure inside JSqlParser, yields the lexer-only
   * description ({@link StatementInfo#lexerOnly}).
   *
   * <p>The operation and the lock clause keep the lexer's values and vocabulary wherever the lexer
   * found one, so that enriching an entry never renames it (the operation labels metrics): the
   * operation comes from the syntax tree only when the lexer said {@code UNKNOWN}, and the lock
   * clause from the syntax tree's {@code FOR UPDATE}/{@code FOR SHARE}/{@code FOR NO KEY
   * UPDATE}/{@code FOR KEY SHARE} only when the lexer found none. What JSqlParser adds is the
   * tables. For a script of several statements, the operation is the first statement's and the
   * tables are those of all of them.
   *
   * @param sql the statement as the application sent it (with its literals; they are only read
   *     here, never kept)
   * @param lexed the lexer's normalized form of the same statement
   * @return the description; never {@code null}
   */
  public StatementInfo enrich(String sql, NormalizedSql lexed) {
    if (sql == null || sql.isEmpty() || sql.length() > maxSqlChars) {
      return fallback(lexed);
    }
    try {
      Statements statements = parse(sql);
      if (statements == null || statements.isEmpty()) {
        return fallback(lexed);
      }
      return describe(statements, lexed);
    } catch (JSQLParserException e) {
      if (e.getCause() instanceof InterruptedException) {
        // JSqlParser wraps the interrupt of its Future.get(); keep the flag for our caller.
        Thread.currentThread().interrupt();
      } else if (e.getCause() instanceof TimeoutException) {
        timedOut();
      }
      return fallback(lexed);
    } catch (RejectedExecutionException e) {
      return fallback(lexed); // closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback(lexed);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      // JSqlParser's visitors throw UnsupportedOperationException and worse on statement kinds
      // they do not cover; none of that may reach the caller.
      return fallback(lexed);
    }
  }

  /**
   * Enriches a statement on the {@code querylens-enricher} thread and hands the result to {@code
   * onDone} there.
   *
   * <p>Never blocks and never runs the parse on the calling thread: when {@value #QUEUE_CAPACITY}
   * requests are already waiting, or after {@link #close()}, the request is dropped, counted in
   * {@link #dropped()}, and {@code onDone} is not called. Requests are served in order. Exceptions
   * thrown by {@code onDone} are swallowed so that one bad callback cannot stop the others.
   *
   * @param sql the statement as the application sent it
   * @param lexed the lexer's normalized form of the same statement
   * @param onDone receives the description on the enricher thread; must be fast and thread-safe
   */
  public void enrichLater(String sql, NormalizedSql lexed, Consumer<StatementInfo> onDone) {
    Objects.requireNonNull(onDone, "onDone");
    // Rejections (queue full, closed) go to the handler installed in the constructor, which counts
    // them; execute() itself neither blocks nor throws for them.
    worker.execute(() -> deliver(sql, lexed, onDone));
  }

  /**
   * Returns how many {@link #enrichLater} requests were dropped because the queue was full or the
   * enricher was closed. Thread-safe; monotonic.
   */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Serves the {@link #enrichLater} requests already queued, waiting at most {@code maxWait}, then
   * {@linkplain #close() closes}. For the last report at shutdown, so that a short run still learns
   * its statements' tables. Requests made after this call starts are dropped and counted; requests
   * still queued when the wait ends are discarded. Blocks the calling thread for up to {@code
   * maxWait}, plus at most one parse timeout for the request in progress.
   *
   * @param maxWait the longest time to wait; zero or negative closes at once
   * @return {@code true} if every queued request was served in time
   */
  public boolean drainAndClose(Duration maxWait) {
    worker.shutdown();
    try {
      return worker.awaitTermination(Math.max(0L, maxWait.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      close();
    }
  }

  /**
   * Stops both threads; requests still queued are discarded without calling their callbacks.
   * Idempotent. Afterwards {@link #enrich} returns lexer-only descriptions and {@link #enrichLater}
   * drops every request.
   */
  @Override
  public void close() {
    worker.shutdownNow();
    parser.shutdownNow();
  }

  private void deliver(String sql, NormalizedSql lexed, Consumer<StatementInfo> onDone) {
    StatementInfo info = enrich(sql, lexed);
    try {
      onDone.accept(info);
    } catch (RuntimeException e) {
      // Deliberately ignored: the enricher has nobody to report to, and letting it escape would
      // only make the executor replace its thread and print the trace on the application's stderr.
    }
  }

  /**
   * Parses with JSqlParser's two-step strategy (simple grammar first, then complex parsing for
   * statements that are not nested too deeply), sharing one deadline between the attempts. Calls
   * {@code parseStatements(CCJSqlParser, ExecutorService)} rather than {@code
   * CCJSqlParserUtil.parse(String, Consumer)}, which would start and stop a new non-daemon thread
   * for every statement.
   */
  private Statements parse(String sql) throws JSQLParserException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      return parseOnce(sql, false, timeoutMillis);
    } catch (JSQLParserException e) {
      if (e.getCause() instanceof TimeoutException
          || CCJSqlParserUtil.getNestingDepth(sql) > MAX_COMPLEX_PARSING_DEPTH) {
        throw e;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left < 1) {
        throw e;
      }
      return parseOnce(sql, true, left);
    }
  }

  private Statements parseOnce(String sql, boolean complex, long millis)
      throws JSQLParserException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    CCJSqlParser p =
        CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex).withTimeOut(millis);
    return CCJSqlParserUtil.parseStatements(p, parser);
  }

  private static StatementInfo describe(Statements statements, NormalizedSql lexed) {
    String operation = lexed == null ? UNKNOWN : lexed.operation();
    if (UNKNOWN.equals(operation)) {
      String parsedOperation = operationOf(statements.get(0));
      if (parsedOperation != null) {
        operation = parsedOperation;
      }
    }
    String lockClause = lexed == null ? null : lexed.lockClause();
    TreeSet<String> tables = new TreeSet<>();
    for (Statement statement : statements) {
      if (statement == null) {
        continue; // JSqlParser leaves nulls for empty statements between semicolons
      }
      if (lockClause == null && statement instanceof Select) {
        lockClause = lockClauseOf((Select) statement);
      }
      tables.addAll(tablesOf(statement));
    }
    return new StatementInfo(operation, new ArrayList<>(tables), lockClause, true);
  }

  /** Returns the kind for the statement classes whose kind is unambiguous, else {@code null}. */
  private static String operationOf(Statement statement) {
    if (statement instanceof Select) {
      return "SELECT";
    } else if (statement instanceof Insert) {
      return "INSERT";
    } else if (statement instanceof Update) {
      return "UPDATE";
    } else if (statement instanceof Delete) {
      return "DELETE";
    } else if (statement instanceof Merge) {
      return "MERGE";
    } else if (statement instanceof CreateTable
        || statement instanceof CreateIndex
        || statement instanceof CreateView) {
      return "CREATE";
    } else if (statement instanceof Alter) {
      return "ALTER";
    } else if (statement instanceof Drop) {
      return "DROP";
    } else if (statement instanceof Truncate) {
      return "TRUNCATE";
    }
    // Upsert (REPLACE / UPSERT / INSERT OR REPLACE), CALL, SET, ...: no single kind to name.
    return null;
  }

  private static String lockClauseOf(Select select) {
    ForMode mode = select.getForMode();
    if (mode == null) {
      return null;
    }
    // The lexer's vocabulary exactly. NOWAIT, SKIP LOCKED and Oracle's WAIT n are left out: the
    // lexer cannot always see them, and an entry's lock clause must not depend on which of the two
    // described it.
    return "FOR " + mode.getValue();
  }

  private static List<String> tablesOf(Statement statement) {
    List<String> tables = new ArrayList<>();
    try {
      // getTables (not getTablesOrOtherSources) leaves out CTE names. Not thread-safe: one per
      // call.
      for (String name : new TablesNamesFinder<Void>().getTables(statement)) {
        tables.add(normalizeTableName(name));
      }
    } catch (RuntimeException e) {
      // "Finding tables from Execute is not supported" and similar: the statement parsed, the
      // tables are just unknown.
    }
    return tables;
  }

  /**
   * Lower-cases the unquoted parts of a possibly schema-qualified name and keeps quoted parts
   * ({@code "..."}, {@code `...`}, {@code [...]}) as written, so {@code Public."Order"} becomes
   * {@code public."Order"}. Package-private for tests.
   */
  static String normalizeTableName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    char closing = 0; // the quote that ends the current quoted part, 0 outside quotes
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (closing != 0) {
        out.append(c);
        if (c == closing) {
          closing = 0;
        }
      } else if (c == '"' || c == '`') {
        closing = c;
        out.append(c);
      } else if (c == '[') {
        closing = ']';
        out.append(c);
      } else {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  private void timedOut() {
    try {
      onTimeout.run();
    } catch (RuntimeException e) {
      // Deliberately ignored, like a failing onDone: the statement still gets the lexer's description.
    }
  }

  private static StatementInfo fallback(NormalizedSql lexed) {
    if (lexed == null) {
      return new StatementInfo(UNKNOWN, List.of(), null, false);
    }
    try {
      return StatementInfo.lexerOnly(lexed);
    } catch (RuntimeException e) {
      return new StatementInfo(UNKNOWN, List.of(), null, false);
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    ClassLoader ownLoader = StatementEnricher.class.getClassLoader();
    return task -> {
      // No inherited thread locals: they could pin application objects for the JVM's lifetime.
      Thread thread = new Thread(null, task, name, 0, false);
      thread.setDaemon(true);
      thread.setContextClassLoader(ownLoader);
      return thread;
    };
  }
}
