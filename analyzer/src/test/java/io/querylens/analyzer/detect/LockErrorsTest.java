package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LockErrorsTest {

  @ParameterizedTest(name = "{0} {1}/{2} is {3}")
  @CsvSource(nullValues = "none", value = {
    "postgresql, 40P01, 0, DEADLOCK",
    "postgresql, 55P03, 0, LOCK_TIMEOUT",
    "postgresql, 40001, 0, SERIALIZATION_FAILURE",
    "postgresql, 23505, 0, none",
    "postgresql, 57014, 0, none",
    "mariadb, 40001, 1213, DEADLOCK",
    "mariadb, HY000, 1205, LOCK_TIMEOUT",
    "mysql, 40001, 1213, DEADLOCK",
    "mysql, 41000, 1205, LOCK_TIMEOUT",
    "mysql, 23000, 1062, none",
    "h2, 40001, 40001, DEADLOCK",
    "h2, 50200, 50200, LOCK_TIMEOUT",
    "h2, HYT00, 50200, LOCK_TIMEOUT",
    "h2, 23505, 23505, none",
    "microsoft.sql_server, 40001, 1205, DEADLOCK",
    "microsoft.sql_server, S00051, 1222, LOCK_TIMEOUT",
    "oracle.db, 61000, 60, DEADLOCK",
    "oracle.db, 61000, 54, LOCK_TIMEOUT",
    "oracle.db, 72000, 8177, SERIALIZATION_FAILURE",
    "other_sql, 40P01, 0, DEADLOCK",
    "other_sql, 40001, 0, SERIALIZATION_FAILURE",
    "other_sql, none, 0, none",
  })
  void theDatabaseSystemDecidesWhatACodeMeans(String dbSystem, String sqlState, int vendorCode, String kind) {
    FindingType type = LockErrors.classify(dbSystem, sqlState, vendorCode);
    assertThat(type == null ? null : type.name()).isEqualTo(kind);
  }
}
