package io.querylens.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.it.support.Classpaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

/**
 * The filter in front of ByteBuddy may only rule out classes ByteBuddy would not instrument: a
 * mistake there would miss a driver's statements without a word. Checked against ByteBuddy's own
 * matcher on every class of every jar this module's tests run with (drivers, pools, Hibernate,
 * Spring, servlet containers), and on hierarchies made to be awkward.
 */
class CandidateFilterTest {
  private static final ClassLoader LOADER = CandidateFilterTest.class.getClassLoader();

  private final CandidateFilter filter = JdbcInstrumentation.candidateFilter();
  private final ElementMatcher<TypeDescription> instrumented = JdbcInstrumentation.instrumentedTypes();

  @Test
  void rulesOutNoClassOnTheTestClassPathThatByteBuddyWouldInstrument() throws IOException {
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(LOADER));
    int classes = 0;
    int ruledOut = 0;
    List<String> instrumentedClasses = new ArrayList<>();
    List<String> wronglyRuledOut = new ArrayList<>();
    for (Path entry : Classpaths.testJvm()) {
      if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
        continue;
      }
      try (JarFile jar = new JarFile(entry.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry classEntry = entries.nextElement();
          String name = classEntry.getName();
          if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")
              || name.endsWith("package-info.class")) {
            continue;
          }
          String internalName = name.substring(0, name.length() - ".class".length());
          byte[] classFile;
          try (InputStream in = jar.getInputStream(classEntry)) {
            classFile = in.readAllBytes();
          }
          classes++;
          boolean passes = filter.mayBeCandidate(LOADER, internalName, classFile);
          Boolean matches = byteBuddyMatches(pool, internalName.replace('/', '.'));
          if (!passes) {
            ruledOut++;
          }
          if (Boolean.TRUE.equals(matches)) {
            instrumentedClasses.add(internalName);
            if (!passes) {
              wronglyRuledOut.add(internalName);
            }
          }
        }
      }
    }

    assertThat(wronglyRuledOut).as("classes ByteBuddy instruments but the filter ruled out").isEmpty();
    assertThat(instrumentedClasses).as("the drivers and pools on the class path were seen")
        .contains("org/h2/jdbc/JdbcConnection", "org/postgresql/jdbc/PgConnection", "org/mariadb/jdbc/Connection",
            "com/zaxxer/hikari/pool/HikariProxyConnection", "com/zaxxer/hikari/pool/PoolBase");
    // It must also earn its place: most classes an application loads are none of these.
    assertThat(ruledOut).as("classes ruled out of %d", classes).isGreaterThan(classes * 8 / 10);
  }

  /** ByteBuddy's verdict, or null where it cannot describe the class (a dependency is missing). */
  private Boolean byteBuddyMatches(TypePool pool, String name) {
    try {
      return instrumented.matches(pool.describe(name).resolve());
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  @Test
  void keepsClassesThatReachAJdbcInterfaceOnlyThroughOthers() throws Exception {
    Map<String, byte[]> types = new HashMap<>();
    // an abstract base implementing Statement, and a subclass whose own class file names no JDBC type
    types.put("app.BaseStatement", abstractImplementing("app.BaseStatement", Statement.class));
    types.put("app.QuietStatement", classWith("app.QuietStatement", "app/BaseStatement"));
    // an application interface extending ResultSet, implemented two levels down
    types.put("app.RowSource", new ByteBuddy().makeInterface(ResultSet.class).name("app.RowSource").make().getBytes());
    types.put("app.Rows", classWith("app.Rows", "java/lang/Object", "app/RowSource"));
    types.put("app.MoreRows", classWith("app.MoreRows", "app/Rows"));
    // a class extending a real driver's connection from the parent loader
    types.put("app.TracingConnection", classWith("app.TracingConnection", JdbcConnection.class.getName().replace('.', '/')));
    // a class whose super class cannot be found
    types.put("app.Orphan", classWith("app.Orphan", "app/NotThere"));
    // plain classes
    types.put("app.Plain", classWith("app.Plain", "java/lang/Object", "java/lang/Runnable"));
    types.put("app.Listy", classWith("app.Listy", "java/util/ArrayList"));
    types.put("app.ListyChild", classWith("app.ListyChild", "app/Listy"));
    // an interface extending Connection: interfaces are never instrumented
    types.put("app.ConnectionLike", new ByteBuddy().makeInterface(Connection.class).name("app.ConnectionLike").make().getBytes());
    // a servlet filter chain through an abstract base
    types.put("app.BaseChain", classWith("app.BaseChain", "java/lang/Object", "jakarta/servlet/FilterChain"));
    types.put("app.Chain", classWith("app.Chain", "app/BaseChain"));
    ClassLoader loader = new ByteArrayClassLoader(LOADER, types, ByteArrayClassLoader.PersistenceHandler.MANIFEST);

    for (String kept : List.of("app.BaseStatement", "app.QuietStatement", "app.Rows", "app.MoreRows",
        "app.TracingConnection", "app.Orphan", "app.BaseChain", "app.Chain")) {
      assertThat(filter.mayBeCandidate(loader, kept.replace('.', '/'), types.get(kept))).as(kept).isTrue();
    }
    for (String ruledOut : List.of("app.Plain", "app.Listy", "app.ListyChild", "app.ConnectionLike", "app.RowSource")) {
      assertThat(filter.mayBeCandidate(loader, ruledOut.replace('.', '/'), types.get(ruledOut))).as(ruledOut).isFalse();
    }
  }

  @Test
  void leavesWhatItCannotReadToByteBuddy() {
    assertThat(filter.mayBeCandidate(LOADER, "app/Broken", new byte[] {1, 2, 3})).isTrue();
    assertThat(filter.mayBeCandidate(LOADER, "app/Empty", new byte[0])).isTrue();
    byte[] truncated = java.util.Arrays.copyOf(classWith("app.Cut", "java/lang/Object"), 40);
    assertThat(filter.mayBeCandidate(LOADER, "app/Cut", truncated)).isTrue();
    assertThat(filter.mayBeCandidate(LOADER, null, new byte[0])).as("a class without a name").isTrue();
  }

  @Test
  void keepsTheClassesInstrumentedByNameWhateverTheyExtend() {
    byte[] plain = classWith("com.zaxxer.hikari.HikariDataSource", "java/lang/Object");
    assertThat(filter.mayBeCandidate(LOADER, "com/zaxxer/hikari/HikariDataSource", plain)).isTrue();
    byte[] servlet = classWith("jakarta.servlet.http.HttpServlet", "java/lang/Object");
    assertThat(filter.mayBeCandidate(LOADER, "jakarta/servlet/http/HttpServlet", servlet)).isTrue();
  }

  @Test
  void readsTheHeaderOfRealClassFiles() throws IOException {
    ClassHeader header = ClassHeader.read(classFileOf(JdbcConnection.class));
    assertThat(header.isInterface).isFalse();
    assertThat(header.superName).isEqualTo("org/h2/message/TraceObject");
    assertThat(header.interfaceNames).contains("java/sql/Connection");

    ClassHeader statement = ClassHeader.read(classFileOf(java.sql.PreparedStatement.class));
    assertThat(statement.isInterface).isTrue();
    assertThat(statement.interfaceNames).containsExactly("java/sql/Statement");
    // long and double constants take two slots; a class with both must still read right
    ClassHeader withLongs = ClassHeader.read(classFileOf(Constants.class));
    assertThat(withLongs.superName).isEqualTo("java/lang/Object");
    assertThat(withLongs.interfaceNames).containsExactly("java/util/concurrent/Callable");
  }

  /** Holds long and double constants in its pool, before its interfaces. */
  static final class Constants implements Callable<Double> {
    private final long big = 1L << 40;
    private final double ratio = 0.123456789;

    @Override
    public Double call() {
      return big * ratio;
    }
  }

  private static byte[] classFileOf(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private static byte[] abstractImplementing(String name, Class<?> jdbcInterface) {
    return new ByteBuddy().subclass(Object.class).implement(jdbcInterface).name(name)
        .modifiers(Visibility.PUBLIC, net.bytebuddy.description.modifier.TypeManifestation.ABSTRACT)
        .make().getBytes();
  }

  /** A class file naming only its super class and interfaces, as the JVM would read it. */
  private static byte[] classWith(String name, String superInternalName, String... interfaceInternalNames) {
    net.bytebuddy.jar.asm.ClassWriter writer = new net.bytebuddy.jar.asm.ClassWriter(0);
    writer.visit(net.bytebuddy.jar.asm.Opcodes.V17, net.bytebuddy.jar.asm.Opcodes.ACC_PUBLIC,
        name.replace('.', '/'), null, superInternalName, interfaceInternalNames);
    writer.visitEnd();
    return writer.toByteArray();
  }
}
