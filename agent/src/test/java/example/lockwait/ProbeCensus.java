package example.lockwait;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts this process's lock-probe connections to PostgreSQL, those whose application name is {@value
 * #PROBE}, from a connection of the workload's own. Not thread-safe; the main thread owns it.
 *
 * <p>The server is shared: other builds' agents open probes of their own whenever one of their statements
 * runs long, so a count over the whole server says nothing about this process. A connection is this
 * process's when its client port is the local port of one of this process's sockets, which only Linux's
 * {@code /proc} tells (see {@link #openIfItCanTell}).
 *
 * <p>Each count is a unit of work of its own, in a scope of its own ({@value #SCOPE}), as a health check
 * would be: the same query a few dozen times in one scope would rightly be a REPEATED_QUERY.
 */
final class ProbeCensus implements AutoCloseable {

  /** The application name of the agent's side connection to PostgreSQL. */
  static final String PROBE = "querylens-lock-probe";

  /** The name of each count's scope. */
  static final String SCOPE = "probe-census";

  private static final String COUNT =
      "select count(*) from pg_stat_activity where application_name = '" + PROBE + "' and client_port = any(?)";
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/self/net/tcp"), Path.of("/proc/self/net/tcp6"));

  private final Connection connection;
  private final PreparedStatement count;
  private final int serverPort;

  private ProbeCensus(Connection connection, int serverPort) throws SQLException {
    this.connection = connection;
    this.serverPort = serverPort;
    this.count = connection.prepareStatement(COUNT);
  }

  /**
   * A census over a new autocommit connection, or {@code null} when this process cannot tell its own
   * connections from others': not on Linux, or the server sees other ports than this process does (behind
   * a container's port mapping). Each count is a transaction of its own, and so sees a fresh {@code
   * pg_stat_activity} rather than the snapshot PostgreSQL keeps for a transaction.
   */
  static ProbeCensus openIfItCanTell(AccountDatabase database) throws SQLException, IOException {
    if (!Files.isDirectory(FDS) || !Files.isReadable(TCP_TABLES.get(0))) {
      return null;
    }
    Connection connection = database.connect();
    try (Statement s = connection.createStatement();
        ResultSet row = s.executeQuery("select inet_server_port(), inet_client_port()")) {
      row.next();
      ProbeCensus census = new ProbeCensus(connection, row.getInt(1));
      if (Arrays.asList(census.localPortsToServer()).contains(row.getInt(2))) {
        return census;
      }
    } catch (SQLException | IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    connection.close();
    return null;
  }

  /** This process's lock-probe connections open on the server right now. */
  int count() throws SQLException, IOException {
    Array ports = connection.createArrayOf("int4", localPortsToServer());
    try (QueryLensScope census = QueryLens.scope(SCOPE)) {
      count.setArray(1, ports);
      try (ResultSet row = count.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("count(*) returned no row in scope " + census.name());
        }
        return row.getInt(1);
      }
    } finally {
      ports.free();
    }
  }

  /** The local ports of this process's TCP connections to the server's port. */
  private Integer[] localPortsToServer() throws IOException {
    Set<String> inodes = socketInodes();
    List<Integer> ports = new ArrayList<>();
    for (Path table : TCP_TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      List<String> lines = Files.readAllLines(table);
      // After the header: "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...",
      // addresses as HEXADDR:HEXPORT.
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (port(fields[2]) == serverPort && inodes.contains(fields[9])) {
          ports.add(port(fields[1]));
        }
      }
    }
    return ports.toArray(new Integer[0]);
  }

  /** The inodes of this process's sockets: /proc/self/fd links read {@code socket:[<inode>]}. */
  private static Set<String> socketInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException closedSinceListed) {
          continue;
        }
        if (target.startsWith("socket:[")) {
          inodes.add(target.substring("socket:[".length(), target.length() - 1));
        }
      }
    }
    return inodes;
  }

  private static int port(String hexAddress) {
    return Integer.parseInt(hexAddress.substring(hexAddress.lastIndexOf(':') + 1), 16);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
