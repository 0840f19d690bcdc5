package io.querylens.analyzer.detect;

/**
 * Recognises the lock errors among failed statements, by SQLSTATE and vendor code, per database.
 *
 * <p>The same code means different things on different databases: 40001 is a deadlock on H2, MySQL
 * and MariaDB but a serialization failure on PostgreSQL and Oracle; vendor code 1205 is MySQL's lock
 * wait timeout but SQL Server's deadlock. So the database system (OpenTelemetry's name) comes first.
 *
 * @since 0.1
 */
public final class LockErrors {
  private LockErrors() {}

  /**
   * The kind of lock error, or null when the failure is not one.
   *
   * @param dbSystem OpenTelemetry's {@code db.system.name}, such as {@code postgresql}
   * @param sqlState the SQLSTATE, or null
   * @param vendorCode the driver's vendor error code, 0 when none
   */
  public static FindingType classify(String dbSystem, String sqlState, int vendorCode) {
    String state = sqlState == null ? "" : sqlState;
    switch (dbSystem == null ? "" : dbSystem) {
      case "postgresql":
        return postgres(state);
      case "mysql":
      case "mariadb":
        return vendorCode == 1213 ? FindingType.DEADLOCK : vendorCode == 1205 ? FindingType.LOCK_TIMEOUT : null;
      case "h2":
        // H2 reports a deadlock as 40001 and a lock timeout as 50200 (or HYT00 on some paths).
        return "40001".equals(state) ? FindingType.DEADLOCK
            : "50200".equals(state) || "HYT00".equals(state) ? FindingType.LOCK_TIMEOUT : null;
      case "microsoft.sql_server":
        return vendorCode == 1205 ? FindingType.DEADLOCK : vendorCode == 1222 ? FindingType.LOCK_TIMEOUT : null;
      case "oracle.db":
        return vendorCode == 60 ? FindingType.DEADLOCK
            : vendorCode == 54 || vendorCode == 30006 ? FindingType.LOCK_TIMEOUT
            : vendorCode == 8177 ? FindingType.SERIALIZATION_FAILURE : null;
      default:
        return postgres(state); // the standard's codes, as PostgreSQL uses them
    }
  }

  private static FindingType postgres(String state) {
    switch (state) {
      case "40P01":
        return FindingType.DEADLOCK;
      case "55P03":
        return FindingType.LOCK_TIMEOUT;
      case "40001":
        return FindingType.SERIALIZATION_FAILURE;
      default:
        return null;
    }
  }
}
