package io.querylens.agent.it;

import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.TestDatabase;
import io.querylens.agent.it.workload.WorkloadMode;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;

@DisplayName("H2 in memory on the build JDK, through every connection stack")
class H2WorkloadIT extends JdbcWorkloadSuite {
  H2WorkloadIT() {
    super(TestDatabase.H2, Jdk.CURRENT, EnumSet.allOf(WorkloadMode.class));
  }
}
