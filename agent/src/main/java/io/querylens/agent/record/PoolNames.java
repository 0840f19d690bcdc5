package io.querylens.agent.record;

import java.lang.reflect.Method;

/**
 * Names a connection pool for reports: the name it was configured with ({@code getPoolName()} on
 * HikariCP and Tomcat JDBC, {@code getDataSourceName()} on c3p0), else its class's simple name.
 * Called only for waits over the threshold, so reflection's cost does not matter.
 */
final class PoolNames {
  private static final String[] NAME_GETTERS = {"getPoolName", "getDataSourceName"};

  private PoolNames() {}

  static String of(Object dataSource) {
    for (String getter : NAME_GETTERS) {
      try {
        Method method = dataSource.getClass().getMethod(getter);
        Object name = method.invoke(dataSource);
        if (name instanceof String && !((String) name).isBlank()) {
          return (String) name;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not this pool's getter
      }
    }
    return dataSource.getClass().getSimpleName();
  }
}
