package io.querylens.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Caches the type descriptions ByteBuddy reads while matching classes, one cache per class loader.
 *
 * <p>Without a cache each loaded class re-reads its supertypes' class files to answer "is this a
 * JDBC type?". The cache must not keep anything alive: class loaders are held weakly (an
 * application server that undeploys an application gets its loader back) and each loader's cache
 * holds soft references, so the JVM reclaims it under memory pressure. Thread-safe; the lock is
 * taken only while a class is being loaded, never on a JDBC call.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  private final TypePool.CacheProvider bootstrapCache = new TypePool.CacheProvider.Simple.UsingSoftReference();

  // guarded by itself
  private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();

  TypePoolCache() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader classLoader) {
    if (classLoader == null) {
      return bootstrapCache;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(classLoader, loader -> new TypePool.CacheProvider.Simple.UsingSoftReference());
    }
  }
}
