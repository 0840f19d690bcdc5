package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DbSystemTest {
  @ParameterizedTest
  @CsvSource({
    "jdbc:postgresql://127.0.0.1:5432/test, postgresql",
    "jdbc:mariadb://127.0.0.1:3306/test, mariadb",
    "jdbc:mysql://db/app, mysql",
    "jdbc:h2:mem:test, h2",
    "JDBC:H2:mem:test, h2",
    "jdbc:p6spy:h2:mem:test, h2",
    "jdbc:oracle:thin:@host:1521:orcl, oracle.db",
    "jdbc:sqlserver://host;databaseName=app, microsoft.sql_server",
    "jdbc:unheardof://x, other_sql",
    "not a url, other_sql",
  })
  void namesTheSystemLikeOpenTelemetry(String url, String system) {
    assertThat(DbSystem.fromUrl(url)).isEqualTo(system);
  }

  @org.junit.jupiter.api.Test
  void nullUrlIsUnknown() {
    assertThat(DbSystem.fromUrl(null)).isEqualTo(DbSystem.UNKNOWN);
  }
}
