package io.querylens.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isOverriddenFrom;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.querylens.agent.AgentErrors;
import io.querylens.bootstrap.JdbcListener;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the JDBC advice on every implementation of {@code Driver}, {@code Connection},
 * {@code Statement}, {@code ResultSet} and {@code DatabaseMetaData}, whichever class loader
 * defines it, and marks pools' own methods as pool-internal.
 *
 * <p>Advice, not wrappers: the application keeps its own objects, so vendor casts and
 * {@code unwrap} still work.
 */
public final class JdbcInstrumentation {
  /** Classes of pools that run statements for themselves (validation, init SQL). */
  private static final String[] POOL_INTERNAL_TYPES = {
    "com.zaxxer.hikari.pool.PoolBase",
    "org.apache.commons.dbcp2.PoolableConnectionFactory",
    "org.apache.tomcat.jdbc.pool.PooledConnection",
    "com.mchange.v2.c3p0.impl.DefaultConnectionTester",
    "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool",
  };

  private static final Class<?>[] JDBC_TYPES = {
    java.sql.Statement.class, java.sql.Connection.class, java.sql.Driver.class, java.sql.ResultSet.class,
    java.sql.DatabaseMetaData.class,
  };

  private static final String[] JDBC_TYPE_NAMES =
      Arrays.stream(JDBC_TYPES).map(Class::getName).toArray(String[]::new);

  private static final Set<String> POOL_INTERNAL_TYPE_NAMES = Set.of(POOL_INTERNAL_TYPES);

  /** The data sources of pools, whose {@code getConnection} may wait for a free connection. */
  private static final String[] POOL_DATA_SOURCE_TYPES = {
    "com.zaxxer.hikari.HikariDataSource",
    "org.apache.commons.dbcp2.BasicDataSource",
    "org.apache.commons.dbcp2.PoolingDataSource",
    "org.apache.tomcat.jdbc.pool.DataSourceProxy",
    "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource",
  };

  private static final Set<String> POOL_DATA_SOURCE_TYPE_NAMES = Set.of(POOL_DATA_SOURCE_TYPES);

  /** The servlet base classes whose {@code service} serves a request (javax and jakarta). */
  private static final String[] SERVLET_TYPES = {"javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet"};

  /** Filter chains run a request's filters, then its servlet; containers implement them. */
  private static final String[] FILTER_CHAIN_TYPES = {"javax.servlet.FilterChain", "jakarta.servlet.FilterChain"};

  private static final Set<String> SERVLET_TYPE_NAMES = Set.of(SERVLET_TYPES);
  private static final Set<String> FILTER_CHAIN_TYPE_NAMES = Set.of(FILTER_CHAIN_TYPES);

  private static final String[] HIERARCHY_ROOTS = concat(JDBC_TYPE_NAMES, FILTER_CHAIN_TYPES);

  private final ClassFileLocator adviceLocator =
      ClassFileLocator.ForClassLoader.of(JdbcInstrumentation.class.getClassLoader());

  /** Whether {@code ResultSet} is instrumented at all: off, rows cost nothing, not even a check. */
  private final boolean countRows;

  private JdbcInstrumentation(boolean countRows) {
    this.countRows = countRows;
  }

  /**
   * Installs the advice; already loaded JDBC classes are retransformed.
   *
   * @param countRows whether to instrument {@code ResultSet.next()} to count rows read
   */
  public static void install(Instrumentation instrumentation, boolean countRows) {
    new JdbcInstrumentation(countRows).agentBuilder(alreadyLoadedJdbcClasses(instrumentation))
        .installOn(instrumentation);
  }

  /**
   * The loaded classes that may need retransforming. Letting ByteBuddy describe every loaded class
   * (thousands, its own included) to find them cost most of a second at start-up; a reflective
   * check of each costs next to nothing.
   */
  private static Set<Class<?>> alreadyLoadedJdbcClasses(Instrumentation instrumentation) {
    Set<Class<?>> candidates = new HashSet<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      ClassLoader loader = type.getClassLoader();
      if (loader == null || loader == ClassLoader.getPlatformClassLoader() || type.isInterface()
          || type.isArray() || !instrumentation.isModifiableClass(type)) {
        continue;
      }
      for (Class<?> jdbcType : JDBC_TYPES) {
        if (jdbcType.isAssignableFrom(type)) {
          candidates.add(type);
        }
      }
      if (POOL_INTERNAL_TYPE_NAMES.contains(type.getName()) || SERVLET_TYPE_NAMES.contains(type.getName())
          || POOL_DATA_SOURCE_TYPE_NAMES.contains(type.getName())
          || implementsFilterChain(type)) {
        candidates.add(type);
      }
    }
    return candidates;
  }

  /** The servlet API is not visible here, so filter chains are recognised by name. */
  private static boolean implementsFilterChain(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> implemented : c.getInterfaces()) {
        if (FILTER_CHAIN_TYPE_NAMES.contains(implemented.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  private AgentBuilder agentBuilder(Set<Class<?>> alreadyLoaded) {
    AsmVisitorWrapper statement = statementAdvice();
    AsmVisitorWrapper connection = connectionAdvice();
    AsmVisitorWrapper driver = advice(EnterAdvice.Call.class, ExitAdvice.Connect.class,
        named("connect").and(takesArguments(2)).and(takesArgument(0, String.class)));
    AsmVisitorWrapper resultSet = new AsmVisitorWrapper.Compound(
        advice(EnterAdvice.Call.class, ExitAdvice.Next.class,
            named("next").and(takesArguments(0)).and(returns(boolean.class))),
        advice(EnterAdvice.Call.class, ExitAdvice.ResultSetClose.class, named("close").and(takesArguments(0))));
    AsmVisitorWrapper metaData =
        advice(EnterAdvice.Call.class, ExitAdvice.Call.class, jdbcMethodsOf("java.sql.DatabaseMetaData"));
    AsmVisitorWrapper poolInternal = advice(EnterAdvice.PoolInternal.class, ExitAdvice.PoolInternal.class, any());
    AsmVisitorWrapper checkout = advice(EnterAdvice.Checkout.class, ExitAdvice.Checkout.class,
        named("getConnection").and(isPublic()).and(takesArguments(0).or(takesArguments(2))));
    AsmVisitorWrapper servlet = Advice.to(ServletAdvice.class, adviceLocator)
        .on(named("service").and(isPublic()).and(takesArguments(2)).and(not(isAbstract())));
    AsmVisitorWrapper filterChain = Advice.to(ServletAdvice.class, adviceLocator)
        .on(named("doFilter").and(isPublic()).and(takesArguments(2)).and(not(isAbstract())));
    ElementMatcher.Junction<TypeDescription> isFilterChain = hasSuperType(namedOneOf(FILTER_CHAIN_TYPES));

    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(alreadyLoaded))
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(new TypePoolCache())
        .with(new ErrorListener())
        // Most classes an application loads are ruled out from their class file's header alone.
        .with(FilteringTransformer.decorator(candidateFilter()))
        // JDBC implementations never live in the JDK's own loaders; skipping them is most of start-up.
        .ignore(ignoredTypes())
        .or(any(), isBootstrapClassLoader().or(isExtensionClassLoader()))
        // One matcher walks each new class's hierarchy once; the transformer then picks the advice.
        .type(instrumentedTypes())
        .transform((builder, type, loader, module, domain) -> {
          if (type.isAssignableTo(java.sql.Statement.class)) {
            builder = builder.visit(statement);
          }
          if (type.isAssignableTo(java.sql.Connection.class)) {
            builder = builder.visit(connection);
          }
          if (type.isAssignableTo(java.sql.Driver.class)) {
            builder = builder.visit(driver);
          }
          if (countRows && type.isAssignableTo(java.sql.ResultSet.class)) {
            builder = builder.visit(resultSet);
          }
          if (type.isAssignableTo(java.sql.DatabaseMetaData.class)) {
            builder = builder.visit(metaData);
          }
          if (POOL_INTERNAL_TYPE_NAMES.contains(type.getName())) {
            builder = builder.visit(poolInternal);
          }
          if (POOL_DATA_SOURCE_TYPE_NAMES.contains(type.getName())) {
            builder = builder.visit(checkout);
          }
          if (SERVLET_TYPE_NAMES.contains(type.getName())) {
            builder = builder.visit(servlet);
          } else if (!type.isAssignableTo(java.sql.Wrapper.class) && isFilterChain.matches(type)) {
            // JDBC types are never filter chains; only the rest pays for a second look at the hierarchy
            builder = builder.visit(filterChain);
          }
          return builder;
        });
  }

  /** The classes that get advice: implementations of a hierarchy root, and the pool and servlet classes by name. */
  static ElementMatcher.Junction<TypeDescription> instrumentedTypes() {
    return not(isInterface()).and(hasSuperType(namedOneOf(HIERARCHY_ROOTS)))
        .or(namedOneOf(POOL_INTERNAL_TYPES)).or(namedOneOf(SERVLET_TYPES)).or(namedOneOf(POOL_DATA_SOURCE_TYPES));
  }

  /** Rules out, from class-file headers, the classes {@link #instrumentedTypes()} cannot match. */
  static CandidateFilter candidateFilter() {
    Set<String> named = new HashSet<>();
    for (String[] names : List.of(POOL_INTERNAL_TYPES, SERVLET_TYPES, POOL_DATA_SOURCE_TYPES)) {
      for (String name : names) {
        named.add(name.replace('.', '/'));
      }
    }
    Set<String> roots = new HashSet<>();
    for (String root : HIERARCHY_ROOTS) {
      roots.add(root.replace('.', '/'));
    }
    return new CandidateFilter(roots, named);
  }

  private AsmVisitorWrapper statementAdvice() {
    ElementMatcher.Junction<MethodDescription> executeArguments =
        takesArguments(0).or(takesArgument(0, String.class)); // prepared, or the SQL first
    return new AsmVisitorWrapper.Compound(
        advice(EnterAdvice.Execute.class, ExitAdvice.ExecuteReturningObject.class,
            namedOneOf("execute", "executeQuery").and(executeArguments)),
        advice(EnterAdvice.Execute.class, ExitAdvice.ExecuteReturningInt.class,
            named("executeUpdate").and(returns(int.class)).and(executeArguments)),
        advice(EnterAdvice.Execute.class, ExitAdvice.ExecuteReturningLong.class,
            named("executeLargeUpdate").and(returns(long.class)).and(executeArguments)),
        advice(EnterAdvice.Execute.class, ExitAdvice.ExecuteReturningObject.class,
            namedOneOf("executeBatch", "executeLargeBatch").and(takesArguments(0))),
        advice(EnterAdvice.Call.class, ExitAdvice.AddBatch.class,
            named("addBatch").and(takesArguments(0).or(takesArguments(1).and(takesArgument(0, String.class))))),
        advice(EnterAdvice.Call.class, ExitAdvice.StatementClose.class, named("close").and(takesArguments(0))),
        advice(EnterAdvice.Call.class, ExitAdvice.SetParameter.class, parameterSetters().and(not(named("setNull")))),
        advice(EnterAdvice.Call.class, ExitAdvice.SetNull.class, parameterSetters().and(named("setNull"))));
  }

  /** {@code setInt(int, int)}, {@code setObject(int, Object, int)}...: what N+1 detection compares by hash. */
  private static ElementMatcher.Junction<MethodDescription> parameterSetters() {
    return nameStartsWith("set").and(isPublic()).and(not(isStatic()))
        .and(takesArgument(0, int.class))
        .and(takesArguments(2).or(takesArguments(3)).or(takesArguments(4)))
        .and(isOverriddenFrom(named("java.sql.PreparedStatement")));
  }

  private AsmVisitorWrapper connectionAdvice() {
    ElementMatcher.Junction<MethodDescription> prepare =
        namedOneOf("prepareStatement", "prepareCall").and(takesArgument(0, String.class));
    ElementMatcher.Junction<MethodDescription> create = named("createStatement");
    ElementMatcher.Junction<MethodDescription> commit = named("commit").and(takesArguments(0));
    ElementMatcher.Junction<MethodDescription> rollback = named("rollback").and(takesArguments(0));
    ElementMatcher.Junction<MethodDescription> close = named("close").and(takesArguments(0));
    ElementMatcher.Junction<MethodDescription> autoCommit =
        named("setAutoCommit").and(takesArguments(1)).and(takesArgument(0, boolean.class));
    ElementMatcher.Junction<MethodDescription> recorded =
        prepare.or(create).or(commit).or(rollback).or(close).or(autoCommit);
    return new AsmVisitorWrapper.Compound(
        advice(EnterAdvice.Call.class, ExitAdvice.Prepare.class, prepare),
        advice(EnterAdvice.Call.class, ExitAdvice.CreateStatement.class, create),
        connectionCall(JdbcListener.COMMIT, commit),
        connectionCall(JdbcListener.ROLLBACK, rollback),
        connectionCall(JdbcListener.CLOSE, close),
        advice(EnterAdvice.Call.class, ExitAdvice.SetAutoCommit.class, autoCommit),
        // Every other connection method may run SQL inside the driver (isolation, schema, isValid).
        advice(EnterAdvice.Call.class, ExitAdvice.Call.class,
            jdbcMethodsOf("java.sql.Connection").and(not(recorded))));
  }

  private AsmVisitorWrapper connectionCall(int kind, ElementMatcher<? super MethodDescription> methods) {
    return Advice.withCustomMapping()
        .bind(ExitAdvice.ConnectionCall.class, kind)
        .to(EnterAdvice.Call.class, ExitAdvice.ConnectionCallExit.class, adviceLocator)
        .on(concrete().and(methods));
  }

  private AsmVisitorWrapper advice(
      Class<?> enter, Class<?> exit, ElementMatcher<? super MethodDescription> methods) {
    return Advice.to(enter, exit, adviceLocator).on(concrete().and(methods));
  }

  private static ElementMatcher.Junction<MethodDescription> concrete() {
    return not(isAbstract()).and(not(isBridge())).and(not(isConstructor()));
  }

  /**
   * The methods a class implements from a JDBC interface, not its other public methods: drivers
   * call their own helpers on every statement, and guarding those would only cost time.
   */
  private static ElementMatcher.Junction<MethodDescription> jdbcMethodsOf(String interfaceName) {
    return isPublic().and(not(isStatic())).and(isOverriddenFrom(named(interfaceName)))
        .and(not(namedOneOf("unwrap", "isWrapperFor", "isClosed")));
  }

  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return nameStartsWith("io.querylens.")
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("java."))
        .or(nameStartsWith("javax.").and(not(namedOneOf(SERVLET_TYPES))))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        // P6Spy wraps the real driver; the driver underneath records, so P6Spy must not.
        .or(nameStartsWith("com.p6spy."))
        // Mocks are not drivers, and Mockito's inline advice names a type it injects at run time,
        // which no type pool resolves: matching it would only draw a warning.
        .or(nameStartsWith("org.mockito."))
        .or(isSynthetic());
  }

  /** Counts classes that could not be instrumented; the class stays as it was. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
      AgentErrors.record("instrument", "could not instrument " + typeName + "; its statements are not observed", throwable);
    }
  }
}
