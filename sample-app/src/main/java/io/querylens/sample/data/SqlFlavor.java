package io.querylens.sample.data;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few SQL constructs the data generator needs that the three supported databases spell
 * differently. Everything else it writes is common to H2, PostgreSQL and MariaDB.
 */
enum SqlFlavor {
  H2("timestamp with time zone '2025-01-01 00:00:00+00'") {
    @Override
    String numbers(long from, long to) {
      return "(select X as n from system_range(" + from + ", " + to + ")) r";
    }

    @Override
    String plusSeconds(String timestamp, String seconds) {
      return timestamp + " + (" + seconds + ") * interval '1' second";
    }
  },

  POSTGRESQL("timestamptz '2025-01-01 00:00:00+00'") {
    @Override
    String numbers(long from, long to) {
      return "generate_series(" + from + ", " + to + ") as r(n)";
    }

    @Override
    String plusSeconds(String timestamp, String seconds) {
      return timestamp + " + (" + seconds + ") * interval '1 second'";
    }
  },

  MARIADB("timestamp '2025-01-01 00:00:00'") {
    @Override
    String numbers(long from, long to) {
      // The Sequence storage engine, built into MariaDB: seq_1_to_N is a virtual table of 1..N.
      // Shifted by an offset rather than named seq_<from>_to_<to>, so that every slice is one
      // statement shape in QueryLens's report; and not filtered with WHERE seq BETWEEN, whose
      // upper bound MariaDB 10.11 leaves out on sequence tables.
      return "(select seq + " + (from - 1) + " as n from seq_1_to_" + (to - from + 1) + ") r";
    }

    @Override
    String plusSeconds(String timestamp, String seconds) {
      return timestamp + " + interval (" + seconds + ") second";
    }

    @Override
    String divide(String dividend, int divisor) {
      // '/' is exact division in MariaDB; DIV truncates like the others' integer '/'.
      return "(" + dividend + ") div " + divisor;
    }
  };

  /** The literal of 2025-01-01 00:00 UTC, the start of the generated shop's history. */
  private final String epoch;

  SqlFlavor(String epoch) {
    this.epoch = epoch;
  }

  /** A FROM item, aliased {@code r}, with one column {@code n} holding {@code from..to}. */
  abstract String numbers(long from, long to);

  /** A timestamp {@code seconds} (an SQL expression) after 2025-01-01 00:00 UTC. */
  final String epochPlusSeconds(String seconds) {
    return plusSeconds(epoch, seconds);
  }

  /** The timestamp expression {@code timestamp} plus {@code seconds} (an SQL expression). */
  abstract String plusSeconds(String timestamp, String seconds);

  /**
   * Integer division of the SQL expression {@code dividend}, rounding towards zero: {@code /} on
   * integers, as H2 and PostgreSQL have it.
   */
  String divide(String dividend, int divisor) {
    return "(" + dividend + ") / " + divisor;
  }

  /**
   * The flavor of the database behind a connection.
   *
   * @throws IllegalStateException for a database the sample application does not support
   */
  static SqlFlavor of(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalStateException(
        "The sample application runs on H2, PostgreSQL or MariaDB, not on "
            + metaData.getDatabaseProductName()
            + "; start it without a profile for H2, or with --spring.profiles.active=postgres"
            + " or mariadb");
  }
}
