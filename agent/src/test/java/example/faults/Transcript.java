package example.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What a fault workload tells the test on stdout, one line per thing the application observed: {@code app
 * <result>} for what its statements returned and {@code caught <label>: ...} for every exception it caught, with
 * the exception's class, message, SQLState, vendor code, update counts, causes and top stack frames. The test runs
 * the same workload without and with the agent and compares these lines: they must be equal.
 */
final class Transcript {

  private static final String APP_PACKAGE = "example.faults.";

  private Transcript() {}

  /** Prints {@code app <result>}. */
  static void app(String result) {
    System.out.println("app " + result);
  }

  /**
   * Prints {@code caught <label>: <class> | <message> | sqlState=.. | code=.. | [updateCounts=..] | causes=.. |
   * [next=<next exception>] | thrown=<top frame> | called=<the frame the application called> | app=<the
   * application's frames>}.
   */
  static void caught(String label, Throwable error) {
    StringBuilder line = new StringBuilder("caught ").append(label).append(": ").append(error.getClass().getName())
        .append(" | ").append(oneLine(error.getMessage()));
    if (error instanceof SQLException sql) {
      line.append(" | sqlState=").append(sql.getSQLState()).append(" | code=").append(sql.getErrorCode());
    }
    if (error instanceof BatchUpdateException batch) {
      line.append(" | updateCounts=").append(Arrays.toString(batch.getUpdateCounts()));
    }
    line.append(" | causes=");
    for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      line.append(cause.getClass().getName()).append(':').append(oneLine(cause.getMessage())).append(';');
    }
    if (error instanceof SQLException sql && sql.getNextException() != null) {
      SQLException next = sql.getNextException();
      line.append(" | next=").append(next.getClass().getName()).append(':').append(oneLine(next.getMessage()))
          .append(" sqlState=").append(next.getSQLState());
    }
    // Where it was thrown, where the application called into the driver, and the application's own frames. Not the
    // frames between: where H2 notices a cancelled statement depends on how far it got, agent or not.
    StackTraceElement[] stack = error.getStackTrace();
    line.append(" | thrown=").append(stack.length == 0 ? "none" : stack[0]).append(" | called=");
    boolean inApplication = false;
    for (int i = 0; i < stack.length; i++) {
      boolean own = stack[i].getClassName().startsWith(APP_PACKAGE);
      if (inApplication && !own) {
        break;
      }
      if (own && !inApplication) {
        line.append(i == 0 ? "none" : stack[i - 1]).append(" | app=");
      }
      if (own) {
        line.append(stack[i]).append(';');
      }
      inApplication |= own;
    }
    System.out.println(line);
  }

  /**
   * Prints {@code paused <name>} and waits (at most a minute) until the test creates the file {@code <name>} in the
   * working directory: the test acts on the database or scrapes the agent meanwhile.
   */
  static void pause(String name) throws InterruptedException {
    System.out.println("paused " + name);
    System.out.flush();
    Path release = Path.of(name);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(release) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** {@link #pause} when the system property {@code faults.pauseAt} names {@code name}; nothing otherwise. */
  static void pauseIfAsked(String name) throws InterruptedException {
    if (name.equals(System.getProperty("faults.pauseAt"))) {
      pause(name);
    }
  }

  private static String oneLine(String text) {
    return text == null ? "null" : text.replace("\r", "\\r").replace("\n", "\\n");
  }
}
