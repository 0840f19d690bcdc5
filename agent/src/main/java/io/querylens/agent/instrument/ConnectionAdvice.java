package io.querylens.agent.instrument;

import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.JdbcListener;
import net.bytebuddy.asm.Advice;

/** Advice for {@code java.sql.Connection} and {@code java.sql.Driver} implementations. */
final class ConnectionAdvice {
  private ConnectionAdvice() {}

  /** {@code Driver.connect(String, Properties)}. */
  static final class Connect {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object driver,
        @Advice.Argument(0) String url,
        @Advice.Return Object connection,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnect(state, driver, url, connection, error);
    }
  }

  /** {@code prepareStatement(String, ...)} and {@code prepareCall(String, ...)}. */
  static final class Prepare {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object connection,
        @Advice.Argument(0) String sql,
        @Advice.Return Object statement) {
      JdbcHooks.exitPrepare(state, connection, sql, statement);
    }
  }

  /** {@code createStatement(...)}. */
  static final class CreateStatement {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object connection,
        @Advice.Return Object statement) {
      JdbcHooks.exitCreateStatement(state, connection, statement);
    }
  }

  /** {@code commit()}. */
  static final class Commit {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object connection, @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnectionCall(state, connection, JdbcListener.COMMIT, error);
    }
  }

  /** {@code rollback()} without a savepoint. */
  static final class Rollback {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object connection, @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnectionCall(state, connection, JdbcListener.ROLLBACK, error);
    }
  }

  /** {@code setAutoCommit(boolean)}. */
  static final class SetAutoCommit {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object connection,
        @Advice.Argument(0) boolean autoCommit,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnectionCall(
          state, connection, autoCommit ? JdbcListener.AUTO_COMMIT_ON : JdbcListener.AUTO_COMMIT_OFF, error);
    }
  }

  /** {@code close()}. */
  static final class Close {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object connection, @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnectionCall(state, connection, JdbcListener.CLOSE, error);
    }
  }
}
