package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.config.ParameterMask;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How each mask shows a bind value; issue 10 part 6. */
class MaskedValueTest {

  @Test
  void partialShowsTypeLengthAndTheFirstTwoCharactersOfALongEnoughString() {
    assertThat(MaskedValue.of("john.smith@example.org", ParameterMask.PARTIAL))
        .isEqualTo("'jo…' (string, 22 chars)");
    assertThat(MaskedValue.of("o'hara", ParameterMask.PARTIAL)).isEqualTo("'o''…' (string, 6 chars)");
  }

  @Test
  void partialShowsNoCharacterOfAShortString() {
    assertThat(MaskedValue.of("FR", ParameterMask.PARTIAL)).isEqualTo("(string, 2 chars)");
    assertThat(MaskedValue.of("12345", ParameterMask.PARTIAL)).isEqualTo("(string, 5 chars)");
    assertThat(MaskedValue.of("", ParameterMask.PARTIAL)).isEqualTo("(string, 0 chars)");
  }

  @Test
  void partialNeverSplitsASurrogatePair() {
    assertThat(MaskedValue.of("😀😀abcdef", ParameterMask.PARTIAL)).isEqualTo("'😀😀…' (string, 10 chars)");
  }

  @Test
  void numbersShowTheirDigitCountUnlessUnmasked() {
    assertThat(MaskedValue.of(40213, ParameterMask.PARTIAL)).isEqualTo("(int, 5 digits)");
    assertThat(MaskedValue.of(7L, ParameterMask.TYPE)).isEqualTo("(long, 1 digit)");
    assertThat(MaskedValue.of(new BigDecimal("-1234.50"), ParameterMask.PARTIAL)).isEqualTo("(decimal, 6 digits)");
    assertThat(MaskedValue.of(new BigDecimal("1E+3"), ParameterMask.NONE)).isEqualTo("1000");
    assertThat(MaskedValue.of(40213, ParameterMask.NONE)).isEqualTo("40213");
  }

  @Test
  void typeShowsNoCharacterAtAll() {
    assertThat(MaskedValue.of("john.smith@example.org", ParameterMask.TYPE)).isEqualTo("(string, 22 chars)");
    assertThat(MaskedValue.of(new byte[] {1, 2, 3}, ParameterMask.TYPE)).isEqualTo("(bytes, 3 bytes)");
    assertThat(MaskedValue.of(LocalDate.of(2024, 2, 29), ParameterMask.TYPE)).isEqualTo("(date)");
  }

  @Test
  void datesBytesAndUuidsShowOnlyTheirKindUnlessUnmasked() {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(MaskedValue.of(java.sql.Timestamp.valueOf("2024-02-29 10:00:00"), ParameterMask.PARTIAL))
        .isEqualTo("(timestamp)");
    assertThat(MaskedValue.of(id, ParameterMask.PARTIAL)).isEqualTo("(uuid)");
    assertThat(MaskedValue.of(id, ParameterMask.NONE)).isEqualTo("123e4567-e89b-12d3-a456-426614174000 (uuid)");
    assertThat(MaskedValue.of(LocalDate.of(2024, 2, 29), ParameterMask.NONE)).isEqualTo("2024-02-29 (date)");
    assertThat(MaskedValue.of(new byte[] {(byte) 0xca, (byte) 0xfe}, ParameterMask.PARTIAL)).isEqualTo("(bytes, 2 bytes)");
    assertThat(MaskedValue.of(new byte[] {(byte) 0xca, (byte) 0xfe}, ParameterMask.NONE)).isEqualTo("0xcafe");
  }

  @Test
  void unmaskedValuesAreQuotedAndLongOnesCut() {
    assertThat(MaskedValue.of("it's", ParameterMask.NONE)).isEqualTo("'it''s'");
    assertThat(MaskedValue.of("x".repeat(1000), ParameterMask.NONE))
        .isEqualTo("'" + "x".repeat(200) + "'… (string, 1000 chars)");
    assertThat(MaskedValue.of(new byte[40], ParameterMask.NONE))
        .isEqualTo("0x" + "00".repeat(32) + "… (bytes, 40 bytes)");
  }

  @Test
  void nullIsNull() {
    assertThat(MaskedValue.of(null, ParameterMask.PARTIAL)).isEqualTo("NULL");
  }

  @Test
  void applicationObjectsAndStreamsAreNeverLookedIntoEvenUnmasked() {
    Object entity = new Object() {
      @Override
      public String toString() {
        throw new AssertionError("application code ran");
      }
    };
    assertThat(MaskedValue.of(entity, ParameterMask.NONE)).isEqualTo("(object)");
    assertThat(MaskedValue.of(new ByteArrayInputStream(new byte[3]), ParameterMask.NONE)).isEqualTo("(stream)");
    assertThat(MaskedValue.of(new int[] {1, 2}, ParameterMask.NONE)).isEqualTo("(array)");
    assertThat(MaskedValue.of(new java.util.concurrent.atomic.AtomicLong(5), ParameterMask.NONE)).isEqualTo("(number)");
  }
}
