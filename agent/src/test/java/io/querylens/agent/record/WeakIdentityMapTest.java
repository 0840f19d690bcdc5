package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  private final WeakIdentityMap<String> map = new WeakIdentityMap<>();
  private final WeakIdentityMap.Probe probe = new WeakIdentityMap.Probe();

  @Test
  void findsValuesByIdentityNotEquality() {
    String first = new String("same");
    String second = new String("same");
    map.put(first, "first");

    assertThat(map.get(first, probe)).isEqualTo("first");
    assertThat(map.get(second, probe)).isNull();
  }

  @Test
  void removeForgetsTheKey() {
    Object statement = new Object();
    map.put(statement, "sql");

    assertThat(map.remove(statement, probe)).isEqualTo("sql");
    assertThat(map.get(statement, probe)).isNull();
    assertThat(map.size()).isZero();
  }

  @Test
  void probeHoldsNoReferenceAfterALookup() throws Exception {
    Object statement = new Object();
    map.put(statement, "sql");
    map.get(statement, probe);

    java.lang.reflect.Field target = WeakIdentityMap.Probe.class.getDeclaredField("target");
    target.setAccessible(true);
    assertThat(target.get(probe)).isNull();
  }

  @Test
  void entriesOfCollectedKeysAreExpunged() throws InterruptedException {
    for (int i = 0; i < 10_000; i++) {
      map.put(new Object(), "leaked statement " + i);
    }
    for (int attempt = 0; attempt < 50 && map.size() > 0; attempt++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(map.size()).isZero();
  }
}
