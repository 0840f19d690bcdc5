package io.querylens.agent.record;

import java.lang.reflect.Method;

/**
 * Names a connection pool for reports and metrics: the name it was configured with ({@code
 * getPoolName()} on HikariCP and Tomcat JDBC, {@code getDataSourceName()} on c3p0), else its class's
 * simple name. Called on every checkout, so the getter is looked up once per class.
 */
final class PoolNames {
  private static final String[] NAME_GETTERS = {"getPoolName", "getDataSourceName"};

  private static final ClassValue<Method> GETTERS = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      for (String getter : NAME_GETTERS) {
        try {
          Method method = type.getMethod(getter);
          if (method.getReturnType() == String.class) {
            return method;
          }
        } catch (NoSuchMethodException | RuntimeException e) {
          // not this pool's getter
        }
      }
      return null;
    }
  };

  private PoolNames() {}

  static String of(Object dataSource) {
    Method getter = GETTERS.get(dataSource.getClass());
    if (getter != null) {
      try {
        Object name = getter.invoke(dataSource);
        if (name instanceof String && !((String) name).isBlank()) {
          return (String) name;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // a pool that cannot tell its name yet: named by its class
      }
    }
    return dataSource.getClass().getSimpleName();
  }
}
