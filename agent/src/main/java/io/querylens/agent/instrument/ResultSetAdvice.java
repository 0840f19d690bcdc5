package io.querylens.agent.instrument;

import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** Advice for {@code java.sql.ResultSet} implementations: rows read. */
final class ResultSetAdvice {
  private ResultSetAdvice() {}

  /** {@code next()}. */
  static final class Next {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object resultSet, @Advice.Return boolean more) {
      JdbcHooks.exitNext(state, resultSet, more);
    }
  }

  /** {@code close()}. */
  static final class Close {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object resultSet) {
      JdbcHooks.exitResultSetClose(state, resultSet);
    }
  }
}
