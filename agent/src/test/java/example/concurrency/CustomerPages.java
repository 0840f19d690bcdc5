package example.concurrency;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/**
 * Many threads, each on its own H2 connection, serve customer pages as fast as they can, each page in an
 * explicit scope named after its thread ({@code page-<n>}): a parent query for a segment's customers, one
 * orders lookup per customer (a deliberate N+1 of {@link #CUSTOMERS_PER_SEGMENT}), one customer lookup, one
 * audit insert and one {@code executeBatch} of {@link #EVENTS_PER_PAGE} event inserts; so
 * {@link #STATEMENTS_PER_PAGE} executions per page, a batch counting once.
 *
 * <p>Usage: {@code CustomerPages <threads> <statements per thread> <platform|virtual>}; the statements per
 * thread must be a multiple of {@link #STATEMENTS_PER_PAGE}. Every thread counts what it ran itself; the
 * workload prints the sums as {@code observed <key>=<value>} lines ({@code calls.<label>}, {@code
 * rows.<label>}, {@code setup.statements}, {@code verify.statements}, {@code nPlusOne.page-<n>}, {@code
 * pages.page-<n>}, {@code threads.virtual}, {@code workload.ms}) for the test to hold the agent's report against, then {@code workload done}. Exits 1 if
 * any thread failed or the tables do not hold what the threads inserted.
 */
public final class CustomerPages {

  /** Customers per segment: the rows of each page's parent query, and the length of its N+1. */
  public static final int CUSTOMERS_PER_SEGMENT = 16;

  /** Orders per customer: the rows of each orders lookup. */
  public static final int ORDERS_PER_CUSTOMER = 2;

  /** Event inserts in each page's batch. */
  public static final int EVENTS_PER_PAGE = 3;

  /** Executions per page: the parent, its N+1, the customer lookup, the audit insert and the batch. */
  public static final int STATEMENTS_PER_PAGE = 1 + CUSTOMERS_PER_SEGMENT + 1 + 1 + 1;

  /** Segments; thread n reads segment n modulo this. */
  public static final int SEGMENTS = 64;

  // The workload's statements; the test finds them in the report by these texts.
  public static final String PARENT = "select id from cc_customer where segment = ? order by id";
  public static final String ORDERS = "select id, total from cc_order where customer_id = ?";
  public static final String CUSTOMER = "select name, segment from cc_customer where id = ?";
  public static final String AUDIT = "insert into cc_audit(thread_no, page_no) values (?, ?)";
  public static final String EVENT = "insert into cc_event(thread_no, kind) values (?, ?)";

  /** The labels of {@code calls.<label>} and {@code rows.<label>}, in the order of the statements above. */
  public static final List<String> LABELS = List.of("parent", "orders", "customer", "audit", "event");

  private static final String URL = "jdbc:h2:mem:customer_pages;DB_CLOSE_DELAY=-1";

  private CustomerPages() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int statementsPerThread = Integer.parseInt(args[1]);
    String kind = args[2];
    if (statementsPerThread % STATEMENTS_PER_PAGE != 0) {
      throw new IllegalArgumentException(
          "statements per thread must be a multiple of " + STATEMENTS_PER_PAGE + " but was " + statementsPerThread);
    }
    int pages = statementsPerThread / STATEMENTS_PER_PAGE;

    try (Connection main = DriverManager.getConnection(URL)) {
      System.out.println("observed setup.statements=" + setUp(main));

      ThreadFactory factory = Threads.factory(kind, "pages-");
      CountDownLatch go = new CountDownLatch(1);
      List<Worker> workers = new ArrayList<>();
      List<Thread> running = new ArrayList<>();
      for (int n = 0; n < threads; n++) {
        Worker worker = new Worker(n, pages, go);
        workers.add(worker);
        running.add(factory.newThread(worker));
      }
      running.forEach(Thread::start);
      long started = System.nanoTime();
      go.countDown(); // all at once, so the threads overlap from the first page
      for (Thread thread : running) {
        thread.join();
      }
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;

      long[] calls = new long[LABELS.size()];
      long[] rows = new long[LABELS.size()];
      boolean virtual = true;
      int failed = 0;
      for (Worker worker : workers) {
        if (worker.failure != null) {
          failed++;
          System.err.println("worker " + worker.index + " failed:");
          worker.failure.printStackTrace();
        }
        virtual &= worker.virtual;
        for (int i = 0; i < calls.length; i++) {
          calls[i] += worker.calls[i];
          rows[i] += worker.rows[i];
        }
        System.out.println("observed nPlusOne." + worker.scopeName + "=" + worker.nPlusOneExecutions);
        System.out.println("observed pages." + worker.scopeName + "=" + worker.pagesServed);
      }
      for (int i = 0; i < calls.length; i++) {
        System.out.println("observed calls." + LABELS.get(i) + "=" + calls[i]);
        System.out.println("observed rows." + LABELS.get(i) + "=" + rows[i]);
      }
      System.out.println("observed threads.virtual=" + virtual);
      System.out.println("observed workload.ms=" + elapsedMs);

      // The database must hold every row the threads say they inserted: nothing lost on the way.
      long audits = count(main, "select count(*) from cc_audit");
      long events = count(main, "select count(*) from cc_event");
      System.out.println("observed verify.statements=2");
      if (failed > 0 || audits != calls[3] || events != rows[4]) {
        System.out.println("workload FAILED: " + failed + " threads failed; audit rows " + audits + " of " + calls[3]
            + ", event rows " + events + " of " + rows[4]);
        System.exit(1);
      }
      System.out.println("workload done");
    }
  }

  /** Creates and fills the tables; returns how many statements it ran. */
  private static int setUp(Connection c) throws SQLException {
    int statements = 0;
    try (Statement ddl = c.createStatement()) {
      for (String sql : List.of(
          "create table cc_customer(id int primary key, segment int not null, name varchar(40) not null)",
          "create index cc_customer_segment on cc_customer(segment)",
          "create table cc_order(id int primary key, customer_id int not null, total int not null)",
          "create index cc_order_customer on cc_order(customer_id)",
          "create table cc_audit(id bigint auto_increment primary key, thread_no int, page_no int)",
          "create table cc_event(id bigint auto_increment primary key, thread_no int, kind int)")) {
        ddl.execute(sql);
        statements++;
      }
    }
    int customers = SEGMENTS * CUSTOMERS_PER_SEGMENT;
    try (PreparedStatement insert = c.prepareStatement("insert into cc_customer(id, segment, name) values (?, ?, ?)")) {
      for (int id = 1; id <= customers; id++) {
        insert.setInt(1, id);
        insert.setInt(2, id % SEGMENTS);
        insert.setString(3, "customer " + id);
        insert.addBatch();
      }
      insert.executeBatch();
      statements++;
    }
    try (PreparedStatement insert =
        c.prepareStatement("insert into cc_order(id, customer_id, total) values (?, ?, ?)")) {
      for (int id = 1; id <= customers * ORDERS_PER_CUSTOMER; id++) {
        insert.setInt(1, id);
        insert.setInt(2, (id - 1) / ORDERS_PER_CUSTOMER + 1);
        insert.setInt(3, id * 10);
        insert.addBatch();
      }
      insert.executeBatch();
      statements++;
    }
    return statements;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One thread's pages, on its own connection; it counts what it ran, confined to itself until joined. */
  private static final class Worker implements Runnable {
    final int index;
    final String scopeName;
    final int pages;
    final CountDownLatch go;
    final long[] calls = new long[LABELS.size()];
    final long[] rows = new long[LABELS.size()];
    long nPlusOneExecutions;
    int pagesServed;
    boolean virtual;
    Throwable failure;

    Worker(int index, int pages, CountDownLatch go) {
      this.index = index;
      this.scopeName = String.format("page-%02d", index);
      this.pages = pages;
      this.go = go;
    }

    @Override
    public void run() {
      virtual = Threads.isVirtual(Thread.currentThread());
      int segment = index % SEGMENTS;
      int[] ids = new int[CUSTOMERS_PER_SEGMENT];
      try (Connection c = DriverManager.getConnection(URL);
          PreparedStatement parent = c.prepareStatement(PARENT);
          PreparedStatement orders = c.prepareStatement(ORDERS);
          PreparedStatement customer = c.prepareStatement(CUSTOMER);
          PreparedStatement audit = c.prepareStatement(AUDIT);
          PreparedStatement event = c.prepareStatement(EVENT)) {
        go.await();
        for (int page = 0; page < pages; page++) {
          try (QueryLensScope scope = QueryLens.scope(scopeName)) {
            parent.setInt(1, segment);
            int found = 0;
            try (ResultSet rs = parent.executeQuery()) {
              while (rs.next()) {
                ids[found++] = rs.getInt(1);
              }
            }
            count(0, found);
            for (int i = 0; i < found; i++) {
              orders.setInt(1, ids[i]);
              int read = 0;
              // The N+1: one lookup per customer of the page.
              try (ResultSet rs = orders.executeQuery()) { // marker: n-plus-one
                while (rs.next()) {
                  read++;
                }
              }
              count(1, read);
              nPlusOneExecutions++;
            }
            customer.setInt(1, ids[page % found]);
            int read = 0;
            try (ResultSet rs = customer.executeQuery()) {
              while (rs.next()) {
                read++;
              }
            }
            count(2, read);
            audit.setInt(1, index);
            audit.setInt(2, page);
            count(3, audit.executeUpdate());
            for (int kind = 0; kind < EVENTS_PER_PAGE; kind++) {
              event.setInt(1, index);
              event.setInt(2, kind);
              event.addBatch();
            }
            int inserted = 0;
            for (int n : event.executeBatch()) {
              inserted += n;
            }
            count(4, inserted);
            pagesServed++;
          }
        }
      } catch (Throwable t) {
        failure = t;
      }
    }

    private void count(int label, int rowCount) {
      calls[label]++;
      rows[label] += rowCount;
    }
  }
}
