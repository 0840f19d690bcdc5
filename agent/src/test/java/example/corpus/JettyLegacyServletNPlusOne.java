package example.corpus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * A plain javax.servlet {@code HttpServlet} on embedded Jetty 9.4, no framework: {@code GET
 * /legacy/owners/7/pets} runs an N+1. Without a route template the scope is the method and path
 * with the numeric id collapsed: {@code GET /legacy/owners/{id}/pets}.
 */
final class JettyLegacyServletNPlusOne implements Scenario {

  // written on the set-up thread, read on the scenario's after join()
  private Server server;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new LegacyPetsServlet()), "/legacy/*");
    server.setHandler(context);
    server.start();
  }

  @Override
  public void run() throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    String body = Http.get(URI.create("http://127.0.0.1:" + port + "/legacy/owners/7/pets"));
    if (body.lines().count() != Clinic.PETS_PER_OWNER) {
      throw new IllegalStateException("the servlet answered " + body);
    }
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  /** Lists an owner's pets with their visit counts, one count query per pet. */
  static final class LegacyPetsServlet extends HttpServlet {
    private static final Pattern PETS_OF_OWNER = Pattern.compile("/owners/(\\d+)/pets");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws ServletException, IOException {
      Matcher path = PETS_OF_OWNER.matcher(String.valueOf(request.getPathInfo()));
      if (!path.matches()) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      StringBuilder body = new StringBuilder();
      try (Connection c = CorpusDb.pool().getConnection();
          PreparedStatement petsOf = c.prepareStatement("select id from clinic_pet where owner_id = ? order by id");
          PreparedStatement visitsOf = c.prepareStatement("select count(*) from clinic_visit where pet_id = ?")) {
        petsOf.setLong(1, Long.parseLong(path.group(1)));
        List<Long> pets = new ArrayList<>();
        try (ResultSet pet = petsOf.executeQuery()) {
          while (pet.next()) {
            pets.add(pet.getLong(1));
          }
        }
        for (long petId : pets) {
          visitsOf.setLong(1, petId);
          try (ResultSet count = visitsOf.executeQuery()) { // expect: N_PLUS_ONE scope="GET /legacy/owners/{id}/pets"
            count.next();
            body.append(petId).append(' ').append(count.getInt(1)).append('\n');
          }
        }
      } catch (SQLException e) {
        throw new ServletException(e);
      }
      response.setContentType("text/plain");
      response.getWriter().write(body.toString());
    }
  }
}
