package io.querylens.agent.it.workload;

import java.util.Locale;

/** How a workload reaches the database: the layer stack between the application and the driver. */
public enum WorkloadMode {
  /** {@code DriverManager.getConnection(url)}. */
  DRIVER_MANAGER("drivermanager", JdbcWorkload.class),
  /** A HikariCP pool with a distinctive validation query and init SQL. */
  HIKARI("hikari", JdbcWorkload.class),
  /** P6Spy's driver ({@code jdbc:p6spy:…}) wrapping the real one. */
  P6SPY("p6spy", JdbcWorkload.class),
  /** Spring's {@code TransactionAwareDataSourceProxy} over a {@code DriverManagerDataSource}. */
  SPRING_PROXY("spring-proxy", JdbcWorkload.class),
  /** HikariCP over P6Spy's driver: two wrapper layers. */
  HIKARI_P6SPY("hikari-p6spy", JdbcWorkload.class),
  /** Hibernate 6 native bootstrap with its built-in connection provider (its own workload). */
  HIBERNATE("hibernate", HibernateWorkload.class);

  private final String cliName;
  private final Class<?> mainClass;

  WorkloadMode(String cliName, Class<?> mainClass) {
    this.cliName = cliName;
    this.mainClass = mainClass;
  }

  /** The name on the workload's command line. */
  public String cliName() {
    return cliName;
  }

  /** The workload main to run for this mode. */
  public Class<?> mainClass() {
    return mainClass;
  }

  /** Returns whether the plain-JDBC item workload runs in this mode (every mode but the ORM one). */
  public boolean isPlainJdbc() {
    return this != HIBERNATE;
  }

  /** Returns whether a HikariCP pool runs validation and init SQL of its own in this mode. */
  public boolean isPooled() {
    return this == HIKARI || this == HIKARI_P6SPY;
  }

  /** Returns whether the connection goes through P6Spy's driver. */
  public boolean isP6Spy() {
    return this == P6SPY || this == HIKARI_P6SPY;
  }

  /** The mode named {@code cliName} on a workload command line. */
  public static WorkloadMode fromCliName(String cliName) {
    for (WorkloadMode mode : values()) {
      if (mode.cliName.equals(cliName.toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + cliName + "'");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
