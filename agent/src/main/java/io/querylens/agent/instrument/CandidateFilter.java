package io.querylens.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells, from class files alone, which newly loaded classes cannot be instrumented, so that
 * ByteBuddy never describes them.
 *
 * <p>ByteBuddy decides by describing every class that loads (a full parse of its class file) and
 * walking its supertypes; in a Spring Boot application that is thousands of classes, and most of
 * the agent's cost at start-up. This filter reads only {@linkplain ClassHeader headers}, remembers
 * each supertype's answer per class loader, and rules a class out only when it is certain: the
 * class is an interface, or no class or interface above it is one of the hierarchy roots. Anything
 * it cannot read, or cannot find through the class loader, goes on to ByteBuddy, which decides as
 * before; so does every retransformation. Thread-safe; it takes a lock only to find a loader's
 * cache.
 */
final class CandidateFilter {
  /** Hierarchies deeper than this are left to ByteBuddy; real ones are a dozen levels at most. */
  private static final int MAX_DEPTH = 64;

  /** Verdicts kept per class loader before that loader's cache starts over: memory stays bounded. */
  private static final int MAX_VERDICTS_PER_LOADER = 100_000;

  /** The JDK's own types never extend an application's: one cache serves every loader for them. */
  private static final String[] JDK_PREFIXES = {"java/", "jdk/", "sun/", "com/sun/"};

  private static final ClassLoader PLATFORM_LOADER = ClassLoader.getPlatformClassLoader();

  private final Set<String> roots;
  private final Set<String> namedTypes;
  private final Map<String, Boolean> jdkVerdicts = new ConcurrentHashMap<>();

  // guarded by itself; loaders are held weakly so that an undeployed application's loader goes
  private final Map<ClassLoader, Map<String, Boolean>> verdicts = new WeakHashMap<>();

  /**
   * @param roots internal names ({@code java/sql/Connection}) of the types whose implementations
   *     are instrumented
   * @param namedTypes internal names of classes instrumented by name, whatever their supertypes
   */
  CandidateFilter(Set<String> roots, Set<String> namedTypes) {
    this.roots = Set.copyOf(roots);
    this.namedTypes = Set.copyOf(namedTypes);
  }

  /**
   * Whether the class {@code internalName}, defined by {@code loader} from {@code classFile}, may be
   * one ByteBuddy instruments. False only when it certainly is not.
   */
  boolean mayBeCandidate(ClassLoader loader, String internalName, byte[] classFile) {
    if (internalName == null || namedTypes.contains(internalName)) {
      return true;
    }
    if (loader == null || loader == PLATFORM_LOADER || isJdkType(internalName) || internalName.startsWith("javax/")) {
      return true; // ByteBuddy ignores these by loader or name alone, which costs less than a header
    }
    ClassHeader header = ClassHeader.read(classFile);
    if (header == null) {
      return true;
    }
    boolean reaches = reachesRoot(loader, header, 0);
    // Remembered for interfaces too, for the classes that will implement them; only classes get advice.
    remember(cacheOf(loader), internalName, reaches);
    return reaches && !header.isInterface;
  }

  /** Whether a supertype named in {@code header} is a root or reaches one. */
  private boolean reachesRoot(ClassLoader loader, ClassHeader header, int depth) {
    if (header.superName != null && isOrReachesRoot(loader, header.superName, depth + 1)) {
      return true;
    }
    for (String name : header.interfaceNames) {
      if (isOrReachesRoot(loader, name, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private boolean isOrReachesRoot(ClassLoader loader, String internalName, int depth) {
    if (roots.contains(internalName)) {
      return true;
    }
    if (internalName.equals("java/lang/Object")) {
      return false;
    }
    if (depth > MAX_DEPTH) {
      return true;
    }
    boolean jdk = isJdkType(internalName);
    Map<String, Boolean> cache = jdk ? jdkVerdicts : cacheOf(loader);
    Boolean known = cache.get(internalName);
    if (known != null) {
      return known;
    }
    ClassHeader header = ClassHeader.read(classFileOf(jdk ? ClassLoader.getSystemClassLoader() : loader, internalName));
    // Unreadable or not found: ByteBuddy, which reads class files the same way, has the last word.
    boolean reaches = header == null || reachesRoot(loader, header, depth);
    remember(cache, internalName, reaches);
    return reaches;
  }

  private static void remember(Map<String, Boolean> cache, String internalName, boolean reaches) {
    if (cache.size() >= MAX_VERDICTS_PER_LOADER) {
      cache.clear();
    }
    cache.put(internalName, reaches);
  }

  private Map<String, Boolean> cacheOf(ClassLoader loader) {
    synchronized (verdicts) {
      return verdicts.computeIfAbsent(loader, any -> new ConcurrentHashMap<>());
    }
  }

  private static boolean isJdkType(String internalName) {
    for (String prefix : JDK_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The class file of {@code internalName} as {@code loader} finds it; null when it cannot. */
  private static byte[] classFileOf(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
