package io.querylens.agent.record;

import java.lang.reflect.Method;

/**
 * Reads the server's id of a connection's session, the id lock views report: PostgreSQL's backend
 * pid ({@code PGConnection.getBackendPID()}), MariaDB's thread id ({@code getThreadId()}), MySQL's
 * connection id ({@code getId()}), H2's session id ({@code getSession().getId()}). These are field
 * reads in the drivers, safe from another thread; no SQL runs on the application's connection.
 */
final class SessionIds {
  private SessionIds() {}

  /** The session id, or null when the driver offers none we know. */
  static String of(Object connection) {
    if (connection == null) {
      return null;
    }
    for (String getter : new String[] {"getBackendPID", "getThreadId", "getId"}) {
      Object id = call(connection, getter);
      if (id instanceof Number) {
        return id.toString();
      }
    }
    Object session = call(connection, "getSession");
    Object id = session == null ? null : call(session, "getId");
    return id instanceof Number ? id.toString() : null;
  }

  private static Object call(Object target, String getter) {
    try {
      Method method = target.getClass().getMethod(getter);
      if (method.getParameterCount() != 0) {
        return null;
      }
      method.setAccessible(true);
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
