package example.locks;

import java.sql.SQLException;

/**
 * What the driver told the application when one of a scenario's statements failed: the workload prints
 * it as {@code observed} lines, the oracle the test holds the agent's findings and error counts to.
 *
 * @param thread the name of the thread whose statement failed
 * @param exception the exception's class name
 * @param sqlState the SQLSTATE, or {@code null} when the driver gave none
 * @param vendorCode the driver's vendor error code
 * @param message the driver's message, first line only
 */
record LockFailure(String thread, String exception, String sqlState, int vendorCode, String message) {

  /** The failure {@code e} of a statement on the calling thread. */
  static LockFailure of(SQLException e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new LockFailure(
        Thread.currentThread().getName(), e.getClass().getName(), e.getSQLState(), e.getErrorCode(), message);
  }

  /** Prints {@code observed <scenario>.<field>=<value>} for each field, then a line for people. */
  void print(String scenario) {
    LockWorkload.observe(scenario + ".failedThread", thread);
    LockWorkload.observe(scenario + ".sqlState", sqlState);
    LockWorkload.observe(scenario + ".vendorCode", vendorCode);
    LockWorkload.observe(scenario + ".exception", exception);
    System.out.println(scenario + ": " + thread + " failed with SQLSTATE " + sqlState + ", vendor code " + vendorCode
        + " (" + exception + "): " + message);
  }
}
