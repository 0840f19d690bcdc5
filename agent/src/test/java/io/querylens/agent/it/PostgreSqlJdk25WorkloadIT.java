package io.querylens.agent.it;

import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.TestDatabase;
import io.querylens.agent.it.workload.WorkloadMode;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;

@DisplayName("PostgreSQL (pgjdbc) on JDK 25: DriverManager")
class PostgreSqlJdk25WorkloadIT extends JdbcWorkloadSuite {
  PostgreSqlJdk25WorkloadIT() {
    super(TestDatabase.POSTGRESQL, Jdk.JDK_25, EnumSet.of(WorkloadMode.DRIVER_MANAGER));
  }
}
