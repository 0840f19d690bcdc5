package example.tests;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Plays a test framework against the agent's test hooks ({@code io.querylens.bootstrap.TestHooks},
 * called as {@code querylens-junit} calls them: by name, reflectively), with an HTTP server in the
 * same JVM, as under {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 *
 * <p>Each scenario prints {@code capture <name> <json>}, the JSON the hooks returned at the test's
 * end, then {@code workload done}:
 * <ul>
 *   <li>{@code alone}: one test sends {@code GET /orders} (an N+1 on the server thread) without header;
 *   <li>{@code headerA}/{@code headerB}: two tests at once, each naming itself in the {@code
 *       QueryLens-Test} header, A to {@code /orders}, B to {@code /customers};
 *   <li>{@code bareA}/{@code bareB}: the same without headers;
 *   <li>{@code lockWait}: a test whose update waits for a row another thread holds;
 *   <li>{@code paused}: a test that pauses, sends {@code /orders}, resumes, runs one query, resets and
 *       runs another.
 * </ul>
 */
public final class TestsServedOverHttp {
  private static final String URL = "jdbc:h2:mem:tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
  private static final int ORDERS = 4;
  private static final long LIMIT_SECONDS = 30;

  private final Hooks hooks;
  private final int port;

  private TestsServedOverHttp(Hooks hooks, int port) {
    this.hooks = hooks;
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    createTables();
    Path baseDir = Files.createTempDirectory("tests-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context root = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(root, "orders", new OrdersServlet());
    root.addServletMappingDecoded("/orders", "orders");
    Tomcat.addServlet(root, "customers", new CustomersServlet());
    root.addServletMappingDecoded("/customers", "customers");
    tomcat.start();
    try {
      TestsServedOverHttp tests = new TestsServedOverHttp(Hooks.find(), tomcat.getConnector().getLocalPort());
      tests.alone();
      tests.twoAtOnce(true);
      tests.twoAtOnce(false);
      tests.lockWait();
      tests.paused();
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
    System.out.println("workload done");
  }

  private void alone() throws Exception {
    Object test = hooks.open("alone", "Tests.alone()");
    get("/orders", null);
    print("alone", hooks.close(test));
  }

  /** Two tests overlapping in time, each sending one request, with or without naming itself. */
  private void twoAtOnce(boolean withHeader) throws Exception {
    String prefix = withHeader ? "header" : "bare";
    CyclicBarrier bothOpen = new CyclicBarrier(2);
    CyclicBarrier bothSent = new CyclicBarrier(2);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String[] test : new String[][] {{"A", "/orders"}, {"B", "/customers"}}) {
      String id = prefix + test[0];
      Thread thread = new Thread(() -> {
        try {
          Object token = hooks.open(id, "Tests." + id + "()");
          bothOpen.await(LIMIT_SECONDS, TimeUnit.SECONDS);
          get(test[1], withHeader ? id : null);
          bothSent.await(LIMIT_SECONDS, TimeUnit.SECONDS);
          print(id, hooks.close(token));
        } catch (Throwable t) {
          failures.add(t);
        }
      }, "test-" + id);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a test thread failed", failures.get(0));
    }
  }

  /** The test's update waits for a row that thread {@code blocker} holds in an open transaction. */
  private void lockWait() throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    Thread blocker = new Thread(() -> {
      try (Connection c = DriverManager.getConnection(URL);
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("update stock set quantity = quantity - 1 where product_id = 1");
        locked.countDown();
        Thread.sleep(900);
        c.commit();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "blocker");
    blocker.start();
    if (!locked.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the blocker never locked the row");
    }
    Object test = hooks.open("lockWait", "Tests.lockWait()");
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.executeUpdate("update stock set quantity = quantity + 1 where product_id = 1"); // marker: test-update
    }
    print("lockWait", hooks.close(test));
    blocker.join();
  }

  private void paused() throws Exception {
    Object test = hooks.open("paused", "Tests.paused()");
    Object pause = hooks.pause(test);
    get("/orders", null);
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from orders where id > 0").close();
    }
    hooks.resume(pause);
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from customers where id > 0").close();
      hooks.reset(test);
      s.executeQuery("select max(id) from customers").close();
    }
    print("paused", hooks.close(test));
  }

  private void get(String path, String testId) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
        .openConnection();
    if (testId != null) {
      connection.setRequestProperty("QueryLens-Test", testId);
    }
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
    if (connection.getResponseCode() != 200) {
      throw new IllegalStateException(path + " answered " + connection.getResponseCode());
    }
  }

  private static synchronized void print(String name, String json) {
    System.out.println("capture " + name + " " + json);
  }

  private static void createTables() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("create table customers (id int primary key, name varchar(40))");
      s.execute("create table orders (id int primary key, customer_id int)");
      s.execute("create table stock (product_id int primary key, quantity int)");
      s.execute("insert into stock values (1, 100)");
      for (int i = 1; i <= ORDERS; i++) {
        s.execute("insert into customers values (" + i + ", 'customer " + i + "')");
        s.execute("insert into orders values (" + i + ", " + i + ")");
      }
    }
  }

  /** Lists the orders with their customers' names, one lookup per order: an N+1. */
  static final class OrdersServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      StringBuilder names = new StringBuilder();
      try (Connection c = DriverManager.getConnection(URL);
          Statement orders = c.createStatement();
          ResultSet rows = orders.executeQuery("select id, customer_id from orders order by id");
          PreparedStatement customer = c.prepareStatement("select name from customers where id = ?")) {
        while (rows.next()) {
          customer.setInt(1, rows.getInt(2));
          try (ResultSet name = customer.executeQuery()) { // marker: server-lookup
            name.next();
            names.append(name.getString(1)).append('\n');
          }
        }
      } catch (SQLException e) {
        throw new IOException(e);
      }
      response.getWriter().write(names.toString());
    }
  }

  /** Counts the customers. */
  static final class CustomersServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      try (Connection c = DriverManager.getConnection(URL);
          Statement s = c.createStatement();
          ResultSet count = s.executeQuery("select count(*) from customers")) {
        count.next();
        response.getWriter().write(String.valueOf(count.getInt(1)));
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }
  }

  /** {@code TestHooks}, found by name on the bootstrap class path, where the agent put it. */
  private record Hooks(MethodHandle open, MethodHandle close, MethodHandle pause, MethodHandle resume,
      MethodHandle reset) {
    static Hooks find() throws ReflectiveOperationException {
      Class<?> hooks = Class.forName("io.querylens.bootstrap.TestHooks", true, null);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      return new Hooks(
          lookup.findStatic(hooks, "open", MethodType.methodType(Object.class, String.class, String.class)),
          lookup.findStatic(hooks, "close", MethodType.methodType(String.class, Object.class)),
          lookup.findStatic(hooks, "pause", MethodType.methodType(Object.class, Object.class)),
          lookup.findStatic(hooks, "resume", MethodType.methodType(void.class, Object.class)),
          lookup.findStatic(hooks, "reset", MethodType.methodType(void.class, Object.class)));
    }

    Object open(String id, String name) {
      Object token = call(open, id, name);
      if (token == null) {
        throw new IllegalStateException("the agent opened no capture for " + id);
      }
      return token;
    }

    String close(Object token) {
      return (String) call(close, token);
    }

    Object pause(Object token) {
      return call(pause, token);
    }

    void resume(Object token) {
      call(resume, token);
    }

    void reset(Object token) {
      call(reset, token);
    }

    private static Object call(MethodHandle hook, Object... arguments) {
      try {
        return hook.invokeWithArguments(arguments);
      } catch (Throwable t) {
        throw new IllegalStateException("a test hook threw, which it must never do", t);
      }
    }
  }
}
