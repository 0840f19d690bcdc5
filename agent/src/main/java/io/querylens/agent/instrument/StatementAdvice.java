package io.querylens.agent.instrument;

import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice for {@code java.sql.Statement} implementations. Each nested class is inlined into the
 * matching driver, pool or wrapper methods; it only hands off to {@link JdbcHooks}.
 *
 * <p>One advice per return type so no update count is boxed on the hot path.
 */
final class StatementAdvice {
  private StatementAdvice() {}

  /** {@code execute(...)} and {@code executeQuery(...)}: a boolean or a ResultSet comes back. */
  static final class ExecuteReturningObject {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter(@Advice.Argument(value = 0, optional = true) String sql) {
      return JdbcHooks.enterExecute(sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitExecute(state, statement, result, -1L, error);
    }
  }

  /** {@code executeUpdate(...)}: an int update count comes back. */
  static final class ExecuteReturningInt {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter(@Advice.Argument(value = 0, optional = true) String sql) {
      return JdbcHooks.enterExecute(sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Return int rows,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitExecute(state, statement, null, error == null ? rows : -1L, error);
    }
  }

  /** {@code executeLargeUpdate(...)}: a long update count comes back. */
  static final class ExecuteReturningLong {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter(@Advice.Argument(value = 0, optional = true) String sql) {
      return JdbcHooks.enterExecute(sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Return long rows,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitExecute(state, statement, null, error == null ? rows : -1L, error);
    }
  }

  /** {@code executeBatch()} and {@code executeLargeBatch()}: an int[] or long[] comes back. */
  static final class ExecuteBatch {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enterExecute(null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object counts,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitExecute(state, statement, counts, -1L, error);
    }
  }

  /** {@code addBatch()} and {@code addBatch(String)}. */
  static final class AddBatch {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Argument(value = 0, optional = true) String sql,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitAddBatch(state, statement, sql, error);
    }
  }

  /** {@code close()}: forget the SQL remembered for this statement. */
  static final class Close {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object statement) {
      JdbcHooks.exitStatementClose(state, statement);
    }
  }
}
