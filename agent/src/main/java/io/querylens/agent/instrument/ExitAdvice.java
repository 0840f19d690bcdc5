package io.querylens.agent.instrument;

import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.JdbcListener;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The exit halves of the JDBC advice. Each is inlined into the matching driver, pool or wrapper
 * methods and only hands off to {@link JdbcHooks}; one per return type, so no update count is
 * boxed on the hot path.
 */
final class ExitAdvice {
  private ExitAdvice() {}

  /** The {@code JdbcListener} constant of a connection call, bound per matched method. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface ConnectionCall {}

  /** Only leaves the call: guards calls in which drivers run SQL of their own. */
  static final class Call {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state) {
      JdbcHooks.exit(state);
    }
  }

  /** {@code execute(...)}, {@code executeQuery(...)}, {@code executeBatch()}: an object comes back. */
  static final class ExecuteReturningObject {
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
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Return long rows,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitExecute(state, statement, null, error == null ? rows : -1L, error);
    }
  }

  /** {@code addBatch()} and {@code addBatch(String)}. */
  static final class AddBatch {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Argument(value = 0, optional = true) String sql,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitAddBatch(state, statement, sql, error);
    }
  }

  /** {@code Statement.close()}: forget the SQL remembered for this statement. */
  static final class StatementClose {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object statement) {
      JdbcHooks.exitStatementClose(state, statement);
    }
  }

  /** {@code Driver.connect(String, Properties)}. */
  static final class Connect {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object driver,
        @Advice.Argument(0) String url,
        @Advice.Argument(1) Object properties,
        @Advice.Return Object connection,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnect(state, driver, url, properties, connection, error);
    }
  }

  /** {@code prepareStatement(String, ...)} and {@code prepareCall(String, ...)}. */
  static final class Prepare {
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
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object connection, @Advice.Return Object statement) {
      JdbcHooks.exitCreateStatement(state, connection, statement);
    }
  }

  /** {@code commit()}, {@code rollback()} and {@code close()}: which one is bound as a constant. */
  static final class ConnectionCallExit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object connection,
        @ConnectionCall int kind,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitConnectionCall(state, connection, kind, error);
    }
  }

  /** {@code setAutoCommit(boolean)}. */
  static final class SetAutoCommit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object connection,
        @Advice.Argument(0) boolean autoCommit,
        @Advice.Thrown Throwable error) {
      int kind = autoCommit ? JdbcListener.AUTO_COMMIT_ON : JdbcListener.AUTO_COMMIT_OFF;
      JdbcHooks.exitConnectionCall(state, connection, kind, error);
    }
  }

  /** {@code PreparedStatement.setXxx(int, value, ...)}: primitives arrive boxed (small ones cached). */
  static final class SetParameter {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Argument(0) int index,
        @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitSetParameter(state, statement, index, value, error);
    }
  }

  /**
   * {@code PreparedStatement.setNull(int, int[, String])}: its second argument is the SQL type, not
   * the value, which is NULL (a captured parameter must not show the type code as a number).
   */
  static final class SetNull {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CallState state,
        @Advice.This Object statement,
        @Advice.Argument(0) int index,
        @Advice.Thrown Throwable error) {
      JdbcHooks.exitSetParameter(state, statement, index, null, error);
    }
  }

  /** {@code ResultSet.next()}. */
  static final class Next {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object resultSet, @Advice.Return boolean more) {
      JdbcHooks.exitNext(state, resultSet, more);
    }
  }

  /** {@code ResultSet.close()}. */
  static final class ResultSetClose {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object resultSet) {
      JdbcHooks.exitResultSetClose(state, resultSet);
    }
  }

  /** Leaves a pool's {@code getConnection}. */
  static final class Checkout {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state, @Advice.This Object dataSource, @Advice.Thrown Throwable error) {
      JdbcHooks.exitCheckout(state, dataSource, error);
    }
  }

  /** Leaves a pool's own method. */
  static final class PoolInternal {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallState state) {
      JdbcHooks.exitPoolInternal(state);
    }
  }
}
