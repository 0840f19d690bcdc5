package example.locks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The lock-error application: provokes, one scenario after the other, each lock error the database can
 * raise deterministically, handles it as a retrying application would, and prints what the driver said.
 *
 * <p>Usage: {@code LockWorkload <postgresql|mariadb|h2> <jdbc url> <token>}; {@code token} makes the table
 * names unique. Per database: PostgreSQL {@link Deadlock}, {@link LockTimeout} and {@link
 * SerializationFailure}; MariaDB and H2 {@link Deadlock} and {@link LockTimeout}. No serialization
 * failure on those two: MariaDB's REPEATABLE READ lets the stale update go through, and H2 fails it with
 * 40001 "Deadlock detected", the very error its deadlocks raise. Prints {@code observed <key>=<value>} lines, {@code scenario <name>
 * done} (or {@code FAILED}) per scenario, then {@code locks done: …}; exits 1 if any scenario failed.
 */
public final class LockWorkload {

  /** Part of every text value the workload writes into its SQL: none may reach the report. */
  public static final String MARKER = "qlsecret";

  private LockWorkload() {}

  /** Runs the scenarios of the named database; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: LockWorkload <postgresql|mariadb|h2> <jdbc url> <token>");
    }
    LockDb db = new LockDb(LockDb.Kind.of(args[0]), args[1], args[2]);
    List<LockScenario> scenarios = scenariosFor(db);
    int failed = 0;
    for (LockScenario scenario : scenarios) {
      Throwable failure = null;
      try {
        scenario.prepare();
        scenario.run();
      } catch (Exception | AssertionError e) {
        failure = e;
      }
      try {
        scenario.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      if (failure == null) {
        System.out.println("scenario " + scenario.name() + " done");
      } else {
        failed++;
        System.out.println("scenario " + scenario.name() + " FAILED: " + failure);
        System.err.println("scenario " + scenario.name() + " failed:\n" + stackTrace(failure));
      }
    }
    System.out.println("locks done: " + scenarios.size() + " scenarios, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  /** The scenarios run on {@code db}'s kind of database, in order. */
  static List<LockScenario> scenariosFor(LockDb db) {
    switch (db.kind()) {
      case POSTGRESQL:
        return List.of(new Deadlock(db), new LockTimeout(db), new SerializationFailure(db));
      default:
        return List.of(new Deadlock(db), new LockTimeout(db));
    }
  }

  /** Prints {@code observed <key>=<value>}, an oracle for the test. */
  static void observe(String key, Object value) {
    System.out.println("observed " + key + "=" + value);
  }

  /** {@code qlsecret-<what>-<n>}: a text literal the report must not hold. */
  static String text(String what, long n) {
    return MARKER + "-" + what + "-" + n;
  }

  private static String stackTrace(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
