package io.querylens.agent.it.workload;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/** Appends the run's token to every table name, so runs against a shared database never collide. */
final class RunScopedNamingStrategy extends PhysicalNamingStrategyStandardImpl {

  private static final long serialVersionUID = 1L;

  private final String token;

  RunScopedNamingStrategy(String token) {
    this.token = token;
  }

  /** The physical name of a logical table name in run {@code token}. */
  static String tableName(String logicalName, String token) {
    return logicalName + "_" + token;
  }

  @Override
  public Identifier toPhysicalTableName(Identifier logicalName, JdbcEnvironment context) {
    return Identifier.toIdentifier(tableName(logicalName.getText(), token), logicalName.isQuoted());
  }
}
