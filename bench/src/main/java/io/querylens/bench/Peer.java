package io.querylens.bench;

import io.querylens.bench.peers.CountingQueryListener;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One way of watching JDBC, as a user would set it up: the JVM options it needs and how the
 * application then opens its connections. A benchmark JVM learns its peer from the system property
 * {@value #PROPERTY}; {@link PeerComparison} starts one JVM per peer.
 */
public enum Peer {
  /** Nothing: the baseline every other peer is divided by. */
  NONE("no instrumentation"),
  /** The QueryLens agent, meters off ({@code metricsPort=0}): the recording and the detectors. */
  QUERYLENS_AGENT("QueryLens agent"),
  /** The QueryLens agent as shipped, meters on (a Prometheus registry; its HTTP port is not scraped). */
  QUERYLENS_AGENT_METERS("QueryLens agent, meters on"),
  /** QueryLens library mode: P6Spy with only the QueryLens module ({@code jdbc:p6spy:} URL), meters off. */
  QUERYLENS_LIBRARY("QueryLens library mode (P6Spy)"),
  /** P6Spy with its default modules, logging every statement to an appender that discards it. */
  P6SPY("P6Spy alone, no-op appender"),
  /** A datasource-proxy {@code DataSource} with a counting listener. */
  DATASOURCE_PROXY("datasource-proxy, counting listener"),
  /** The OpenTelemetry Java agent, every exporter off. */
  OPENTELEMETRY_AGENT("OpenTelemetry Java agent, exporters off");

  /** The system property that names the peer in a benchmark JVM. */
  public static final String PROPERTY = "qlbench.peer";

  private final String label;

  Peer(String label) {
    this.label = label;
  }

  /** Returns how the peer is named in tables. */
  public String label() {
    return label;
  }

  /** Returns the peer this JVM was started for ({@link #NONE} when none was named). */
  public static Peer current() {
    return valueOf(System.getProperty(PROPERTY, NONE.name()));
  }

  /**
   * Returns the JVM options that set this peer up.
   *
   * @param queryLensAgent the QueryLens agent jar
   * @param openTelemetryAgent the OpenTelemetry Java agent jar
   * @param reportDir where the QueryLens agent may write its report (at shutdown only)
   */
  public List<String> jvmArgs(File queryLensAgent, File openTelemetryAgent, File reportDir) {
    String self = "-D" + PROPERTY + "=" + name();
    // reportInterval=0: the report is written once, at shutdown, never during a measurement.
    String queryLensOptions = "reportDir=" + reportDir.getAbsolutePath() + ",reportInterval=0,consoleSummary=false";
    switch (this) {
      case QUERYLENS_AGENT:
        return List.of(self, "-javaagent:" + queryLensAgent.getAbsolutePath() + "=" + queryLensOptions + ",metricsPort=0");
      case QUERYLENS_AGENT_METERS:
        // A port of its own, so that it does not clash with anything listening on the default 9464.
        return List.of(self, "-javaagent:" + queryLensAgent.getAbsolutePath() + "=" + queryLensOptions + ",metricsPort=19464");
      case QUERYLENS_LIBRARY:
        return List.of(self, "-Dp6spy.config.modulelist=io.querylens.agent.library.QueryLensP6Module",
            "-Dquerylens.reportDir=" + reportDir.getAbsolutePath(), "-Dquerylens.reportInterval=0",
            "-Dquerylens.consoleSummary=false", "-Dquerylens.metricsPort=0");
      case P6SPY:
        return List.of(self, "-Dp6spy.config.appender=io.querylens.bench.peers.DiscardingP6Logger");
      case OPENTELEMETRY_AGENT:
        return List.of(self, "-javaagent:" + openTelemetryAgent.getAbsolutePath(), "-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none");
      default:
        return List.of(self);
    }
  }

  /**
   * Opens a connection to {@code url} the way an application watched by this peer would.
   *
   * @param url a plain {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
   */
  public Connection connect(String url) throws SQLException {
    switch (this) {
      case QUERYLENS_LIBRARY:
      case P6SPY:
        return DriverManager.getConnection("jdbc:p6spy:" + url.substring("jdbc:".length()));
      case DATASOURCE_PROXY:
        DataSource proxy = ProxyDataSourceBuilder.create(dataSource(url)).listener(new CountingQueryListener()).build();
        return proxy.getConnection();
      default:
        return DriverManager.getConnection(url);
    }
  }

  private static DataSource dataSource(String url) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      return h2;
    }
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setUrl(url);
    return postgres;
  }
}
