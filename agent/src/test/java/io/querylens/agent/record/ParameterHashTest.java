package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

class ParameterHashTest {

  @Test
  void equalValuesHashAlikeAndDifferentValuesApart() {
    assertThat(ParameterHash.of("owner-7")).isEqualTo(ParameterHash.of(new String("owner-7")));
    assertThat(ParameterHash.of(7)).isNotEqualTo(ParameterHash.of(8));
    assertThat(ParameterHash.of(new BigDecimal("1.50"))).isEqualTo(ParameterHash.of(new BigDecimal("1.50")));
    assertThat(ParameterHash.of(new Timestamp(1_000))).isEqualTo(ParameterHash.of(new Timestamp(1_000)));
    assertThat(ParameterHash.of(new byte[] {1, 2})).isEqualTo(ParameterHash.of(new byte[] {1, 2}));
    assertThat(ParameterHash.of(null)).isEqualTo(0);
  }

  @Test
  void largeBinaryValuesHashByTheirHeadAndLength() {
    byte[] big = new byte[10_000];
    byte[] longer = new byte[10_001];
    assertThat(ParameterHash.of(big)).isEqualTo(ParameterHash.of(big.clone()));
    assertThat(ParameterHash.of(big)).isNotEqualTo(ParameterHash.of(longer));
  }

  @Test
  void streamsAndApplicationObjectsAlwaysCountAsNewValuesAndAreNeverAskedForTheirHash() {
    assertThat(ParameterHash.of(new ByteArrayInputStream(new byte[1])))
        .isNotEqualTo(ParameterHash.of(new ByteArrayInputStream(new byte[1])));
    Object hostile = new Object() {
      @Override
      public int hashCode() {
        throw new AssertionError("the application's hashCode must not run");
      }
    };
    assertThat(ParameterHash.of(hostile)).isEqualTo(System.identityHashCode(hostile));
  }

  @Test
  void arraysCarryManyKeysButBytesAndCharsDoNot() {
    assertThat(ParameterHash.isMultiValue(new Integer[] {1, 2})).isTrue();
    assertThat(ParameterHash.isMultiValue(new long[] {1, 2})).isTrue();
    assertThat(ParameterHash.isMultiValue(new byte[] {1, 2})).isFalse();
    assertThat(ParameterHash.isMultiValue(new char[] {'a'})).isFalse();
    assertThat(ParameterHash.isMultiValue("1,2")).isFalse();
    assertThat(ParameterHash.isMultiValue(null)).isFalse();
  }
}
