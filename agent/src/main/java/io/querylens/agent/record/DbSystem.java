package io.querylens.agent.record;

import java.util.Locale;

/** Names the database system behind a JDBC URL the way OpenTelemetry's {@code db.system.name} does. */
final class DbSystem {
  static final String UNKNOWN = "other_sql";

  private DbSystem() {}

  /** Returns the system for {@code jdbc:<sub-protocol>:...}, looking through wrappers such as P6Spy. */
  static String fromUrl(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return UNKNOWN;
    }
    String rest = url.substring(5).toLowerCase(Locale.ROOT);
    // Wrapping drivers put their own name first: jdbc:p6spy:h2:..., jdbc:tracing:postgresql:...
    for (String wrapper : new String[] {"p6spy:", "tracing:", "otel:", "log4jdbc:", "aws-wrapper:"}) {
      if (rest.startsWith(wrapper)) {
        rest = rest.substring(wrapper.length());
      }
    }
    int end = rest.indexOf(':');
    String protocol = end < 0 ? rest : rest.substring(0, end);
    switch (protocol) {
      case "postgresql":
      case "pgsql":
        return "postgresql";
      case "mariadb":
        return "mariadb";
      case "mysql":
        return "mysql";
      case "h2":
        return "h2";
      case "oracle":
        return "oracle.db";
      case "sqlserver":
      case "jtds":
        return "microsoft.sql_server";
      case "sqlite":
        return "sqlite";
      case "derby":
        return "derby";
      case "hsqldb":
        return "hsqldb";
      case "db2":
        return "ibm.db2";
      default:
        return UNKNOWN;
    }
  }
}
