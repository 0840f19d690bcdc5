package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlcommenterAndHashTest {

  private static Map<String, String> parse(String body) {
    return CommentAttributes.parseInto(body, 0, body.length(), null);
  }

  @Test
  void aWellFormedBodyYieldsItsPairsInOrder() {
    assertThat(parse(" a='1' , b = '2' ")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void aBodyThatIsNotAllPairsYieldsNothing() {
    assertThat(parse("a='1', just prose")).isNull();
    assertThat(parse("a='unterminated")).isNull();
    assertThat(parse("='x'")).isNull();
    assertThat(parse("")).isNull();
  }

  @Test
  void keysAndValuesAreUrlDecodedAsUtf8() {
    assertThat(parse("r%C3%A9gion='caf%C3%A9+cr%C3%A8me',p='100%25',bad='%zz%4'"))
        .containsExactly(
            Map.entry("région", "café crème"), Map.entry("p", "100%"), Map.entry("bad", "%zz%4"));
  }

  @Test
  void fnv1aMatchesThePublishedTestVectors() {
    assertThat(Fnv1a64.hex(Fnv1a64.hashUtf8(""))).isEqualTo("cbf29ce484222325");
    assertThat(Fnv1a64.hex(Fnv1a64.hashUtf8("a"))).isEqualTo("af63dc4c8601ec8c");
    assertThat(Fnv1a64.hex(Fnv1a64.hashUtf8("foobar"))).isEqualTo("85944171f73967e8");
  }

  @Test
  void fnv1aHashesNonAsciiAsUtf8() {
    // Same value as Python: FNV-1a 64 over "é€😀".encode("utf-8").
    assertThat(Fnv1a64.hex(Fnv1a64.hashUtf8("é€😀"))).isEqualTo("0a289ca40199fa06");
  }

  @Test
  void keywordLookupIgnoresAsciiCaseOnly() {
    assertThat(Keywords.lookup("SeLeCt", 0, 6)).isEqualTo(Keywords.SELECT);
    assertThat(Keywords.lookup("xnullx", 1, 5)).isEqualTo(Keywords.NULL);
    assertThat(Keywords.lookup("selectx", 0, 7)).isEqualTo(Keywords.NONE);
    assertThat(Keywords.lookup("\u212Aey", 0, 3)).isEqualTo(Keywords.NONE); // Kelvin sign, not K
  }
}
