package io.querylens.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.querylens.agent.AgentErrors;
import java.lang.instrument.Instrumentation;
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

  private JdbcInstrumentation() {}

  /** Installs the advice; already loaded JDBC classes are retransformed. */
  public static void install(Instrumentation instrumentation) {
    ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(JdbcInstrumentation.class.getClassLoader());
    AsmVisitorWrapper statement = statementAdvice(adviceLocator);
    AsmVisitorWrapper connection = connectionAdvice(adviceLocator);
    AsmVisitorWrapper driver = advice(adviceLocator, ConnectionAdvice.Connect.class,
        named("connect").and(takesArguments(2)).and(takesArgument(0, String.class)));
    AsmVisitorWrapper resultSet = new AsmVisitorWrapper.Compound(
        advice(adviceLocator, ResultSetAdvice.Next.class, named("next").and(takesArguments(0)).and(returns(boolean.class))),
        advice(adviceLocator, ResultSetAdvice.Close.class, named("close").and(takesArguments(0))));
    AsmVisitorWrapper metaData = advice(adviceLocator, GuardAdvice.class, instanceMethods());
    AsmVisitorWrapper poolInternal = advice(adviceLocator, GuardAdvice.PoolInternal.class,
        not(isConstructor()).and(not(isAbstract())).and(not(isBridge())));

    new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(
            net.bytebuddy.pool.TypePool.Default.ReaderMode.FAST, new java.util.concurrent.ConcurrentHashMap<>()))
        .with(new ErrorListener())
        // JDBC implementations never live in the JDK's own loaders; skipping them is most of start-up.
        .ignore(ignoredTypes())
        .or(any(), isBootstrapClassLoader().or(isExtensionClassLoader()))
        .type(implementing("java.sql.Statement"))
        .transform((builder, type, loader, module, domain) -> builder.visit(statement))
        .type(implementing("java.sql.Connection"))
        .transform((builder, type, loader, module, domain) -> builder.visit(connection))
        .type(implementing("java.sql.Driver"))
        .transform((builder, type, loader, module, domain) -> builder.visit(driver))
        .type(implementing("java.sql.ResultSet"))
        .transform((builder, type, loader, module, domain) -> builder.visit(resultSet))
        .type(implementing("java.sql.DatabaseMetaData"))
        .transform((builder, type, loader, module, domain) -> builder.visit(metaData))
        .type(namedOneOf(POOL_INTERNAL_TYPES))
        .transform((builder, type, loader, module, domain) -> builder.visit(poolInternal))
        .installOn(instrumentation);
  }

  private static AsmVisitorWrapper statementAdvice(ClassFileLocator locator) {
    ElementMatcher.Junction<MethodDescription> execute = namedOneOf("execute", "executeQuery");
    return new AsmVisitorWrapper.Compound(
        advice(locator, StatementAdvice.ExecuteReturningObject.class, execute.and(executeArguments())),
        advice(locator, StatementAdvice.ExecuteReturningInt.class,
            named("executeUpdate").and(returns(int.class)).and(executeArguments())),
        advice(locator, StatementAdvice.ExecuteReturningLong.class,
            named("executeLargeUpdate").and(returns(long.class)).and(executeArguments())),
        advice(locator, StatementAdvice.ExecuteBatch.class,
            namedOneOf("executeBatch", "executeLargeBatch").and(takesArguments(0))),
        advice(locator, StatementAdvice.AddBatch.class,
            named("addBatch").and(takesArguments(0).or(takesArguments(1).and(takesArgument(0, String.class))))),
        advice(locator, StatementAdvice.Close.class, named("close").and(takesArguments(0))));
  }

  /** No arguments (prepared) or the SQL first (plain statements). */
  private static ElementMatcher.Junction<MethodDescription> executeArguments() {
    return takesArguments(0).or(takesArgument(0, String.class));
  }

  private static AsmVisitorWrapper connectionAdvice(ClassFileLocator locator) {
    ElementMatcher.Junction<MethodDescription> prepare =
        namedOneOf("prepareStatement", "prepareCall").and(takesArgument(0, String.class));
    ElementMatcher.Junction<MethodDescription> create = named("createStatement");
    ElementMatcher.Junction<MethodDescription> commit = named("commit").and(takesArguments(0));
    ElementMatcher.Junction<MethodDescription> rollback = named("rollback").and(takesArguments(0));
    ElementMatcher.Junction<MethodDescription> autoCommit =
        named("setAutoCommit").and(takesArguments(1)).and(takesArgument(0, boolean.class));
    ElementMatcher.Junction<MethodDescription> close = named("close").and(takesArguments(0));
    ElementMatcher.Junction<MethodDescription> special =
        prepare.or(create).or(commit).or(rollback).or(autoCommit).or(close);
    return new AsmVisitorWrapper.Compound(
        advice(locator, ConnectionAdvice.Prepare.class, prepare),
        advice(locator, ConnectionAdvice.CreateStatement.class, create),
        advice(locator, ConnectionAdvice.Commit.class, commit),
        advice(locator, ConnectionAdvice.Rollback.class, rollback),
        advice(locator, ConnectionAdvice.SetAutoCommit.class, autoCommit),
        advice(locator, ConnectionAdvice.Close.class, close),
        // Every other connection method may run SQL inside the driver (isolation, schema, isValid).
        advice(locator, GuardAdvice.class, instanceMethods().and(not(special))));
  }

  private static ElementMatcher.Junction<MethodDescription> instanceMethods() {
    return isPublic().and(not(isStatic())).and(not(isConstructor())).and(not(isAbstract())).and(not(isBridge()))
        .and(not(namedOneOf("toString", "hashCode", "equals", "unwrap", "isWrapperFor", "isClosed")));
  }

  private static AsmVisitorWrapper advice(
      ClassFileLocator locator, Class<?> adviceClass, ElementMatcher<? super MethodDescription> methods) {
    ElementMatcher.Junction<MethodDescription> concrete =
        not(isAbstract()).and(not(isBridge())).and(not(isConstructor()));
    return Advice.to(adviceClass, locator).on(concrete.and(methods));
  }

  private static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
    return not(isInterface()).and(hasSuperType(named(interfaceName)));
  }

  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return nameStartsWith("io.querylens.")
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("java."))
        .or(nameStartsWith("javax."))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        // P6Spy wraps the real driver; the driver underneath records, so P6Spy must not.
        .or(nameStartsWith("com.p6spy."))
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
