package io.querylens.agent.it;

import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.TestDatabase;
import io.querylens.agent.it.workload.WorkloadMode;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;

@DisplayName("H2 in memory on JDK 25: DriverManager, HikariCP, Hibernate")
class H2Jdk25WorkloadIT extends JdbcWorkloadSuite {
  H2Jdk25WorkloadIT() {
    super(TestDatabase.H2, Jdk.JDK_25, EnumSet.of(WorkloadMode.DRIVER_MANAGER, WorkloadMode.HIKARI, WorkloadMode.HIBERNATE));
  }
}
