package io.querylens.agent.instrument;

import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** The entry halves of the JDBC advice; each pairs with an exit advice in {@link JdbcInstrumentation}. */
final class EnterAdvice {
  private EnterAdvice() {}

  /** Any instrumented call: counts the call depth. */
  static final class Call {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enter();
    }
  }

  /** A statement execution: also takes the time and the SQL of plain statements. */
  static final class Execute {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter(@Advice.This Object statement, @Advice.Argument(value = 0, optional = true) String sql) {
      return JdbcHooks.enterExecute(statement, sql);
    }
  }

  /** A pool's {@code getConnection}. */
  static final class Checkout {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enterCheckout();
    }
  }

  /** A pool's own method. */
  static final class PoolInternal {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enterPoolInternal();
    }
  }
}
