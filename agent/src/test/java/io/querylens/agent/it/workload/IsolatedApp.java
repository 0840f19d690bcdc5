package io.querylens.agent.it.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that ships its own ByteBuddy and Jackson (other versions than the agent's): it generates
 * a class at runtime, serializes an object, prints what it used, and runs a little JDBC on H2.
 *
 * <p>Usage: {@code IsolatedApp <token>}. Prints {@code ByteBuddy <version> from <jar>},
 * {@code Jackson <version>}, {@code generated <toString of the generated class>}, {@code JSON <json>}.
 */
public final class IsolatedApp {

  /** Rows the application inserts, one prepared execution each. */
  public static final int ROWS = 3;

  private IsolatedApp() {}

  /** The application's table in run {@code token}. */
  public static String table(String token) {
    return "ql_isolated_" + token;
  }

  /** Runs the application. */
  public static void main(String[] args) throws Exception {
    String token = args[0];

    Class<?> generated =
        new ByteBuddy()
            .subclass(Object.class)
            .name("io.querylens.agent.it.workload.Generated" + token)
            .method(ElementMatchers.named("toString"))
            .intercept(FixedValue.value("made by the application's ByteBuddy"))
            .make()
            .load(IsolatedApp.class.getClassLoader())
            .getLoaded();
    System.out.println("ByteBuddy " + byteBuddyVersion() + " from " + jarName(ByteBuddy.class));
    System.out.println("generated " + generated.getDeclaredConstructor().newInstance());

    System.out.println("Jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
        + " from " + jarName(ObjectMapper.class));
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("id", 42);
    order.put("items", new String[] {"tea", "milk"});
    System.out.println("JSON " + new ObjectMapper().writeValueAsString(order));

    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:isolated;DB_CLOSE_DELAY=-1")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table " + table(token) + " (id int primary key, label varchar(20))");
      }
      try (PreparedStatement ps = c.prepareStatement("insert into " + table(token) + " (id, label) values (?, ?)")) {
        for (int id = 1; id <= ROWS; id++) {
          ps.setInt(1, id);
          ps.setString(2, "row-" + id);
          ps.executeUpdate();
        }
      }
      int rows = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select id, label from " + table(token))) {
        while (rs.next()) {
          rows++;
        }
      }
      System.out.println("rows " + rows);
    }
    Observations.done();
  }

  // Byte Buddy's manifest may carry no Implementation-Version; the jar name then says which one was used.
  private static String byteBuddyVersion() {
    String version = ByteBuddy.class.getPackage().getImplementationVersion();
    if (version != null) {
      return version;
    }
    return jarName(ByteBuddy.class).replaceFirst("^byte-buddy-", "").replaceFirst("\\.jar$", "");
  }

  private static String jarName(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    } catch (Exception e) {
      return "<unknown: " + e + ">";
    }
  }
}
