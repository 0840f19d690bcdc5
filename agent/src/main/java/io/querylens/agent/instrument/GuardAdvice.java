package io.querylens.agent.instrument;

import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice that records nothing and only marks the thread as inside a JDBC call, so statements a
 * driver runs for its own purposes (metadata queries, session set-up) are not counted as the
 * application's.
 */
final class GuardAdvice {
  private GuardAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static CallState enter() {
    return JdbcHooks.enter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter CallState state) {
    JdbcHooks.exit(state);
  }

  /** Marks a pool's own work (validation, connection init SQL) as pool-internal. */
  static final class PoolInternal {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallState enter() {
      return JdbcHooks.enterPoolInternal();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state) {
      JdbcHooks.exitPoolInternal(state);
    }
  }
}
