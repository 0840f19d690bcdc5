package io.querylens.agent.it;

import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.TestDatabase;
import io.querylens.agent.it.workload.WorkloadMode;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MariaDB (mariadb-java-client) on the build JDK: DriverManager, HikariCP, Hibernate")
class MariaDbWorkloadIT extends JdbcWorkloadSuite {
  MariaDbWorkloadIT() {
    super(TestDatabase.MARIADB, Jdk.CURRENT, EnumSet.of(WorkloadMode.DRIVER_MANAGER, WorkloadMode.HIKARI, WorkloadMode.HIBERNATE));
  }
}
