package dev.eddy;

import static dev.eddy.BufferTest.check;
import static dev.eddy.BufferTest.list;
import static dev.eddy.BufferTest.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.BufferTest.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StringDecoder against Node 20: the "stringDecoder" cases of buffer-fixtures.json feed texts to
 * Node's decoder split at every byte position (and in threes, byte by byte, and at random) in every
 * encoding, and record what each write and end returned.
 */
class StringDecoderTest {

  @Test
  void everyChunkingOfEveryTextMatchesNode() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (Map<String, Object> c : list("stringDecoder")) {
      Encoding encoding = Encoding.of(str(c.get("enc")));
      List<?> chunks = (List<?>) c.get("chunks");
      for (Memory memory : Memory.values()) {
        String label = memory + " " + encoding + " " + chunks;
        StringDecoder decoder = new StringDecoder(encoding);
        List<String> writes = new ArrayList<>();
        for (Object chunk : chunks) {
          writes.add(decoder.write(memory.hex(str(chunk))));
        }
        check(failures, label + " writes", c.get("writes"), writes);
        check(failures, label + " end()", c.get("end"), decoder.end());

        StringDecoder other = new StringDecoder(encoding);
        List<String> writes2 = new ArrayList<>();
        for (Object chunk : chunks.subList(0, Math.max(chunks.size() - 1, 0))) {
          writes2.add(other.write(memory.hex(str(chunk))));
        }
        String endWith = chunks.isEmpty() ? other.end()
            : other.end(memory.hex(str(chunks.get(chunks.size() - 1))));
        check(failures, label + " writes before end(last)", c.get("writes2"), writes2);
        check(failures, label + " end(last)", c.get("endWith"), endWith);

        // After end() the decoder starts afresh: the whole text in one chunk.
        StringBuilder whole = new StringBuilder();
        for (Object chunk : chunks) {
          whole.append(str(chunk));
        }
        check(failures, label + " reused", c.get("again"),
            decoder.write(memory.hex(whole.toString())) + decoder.end());
        cases++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(cases).isGreaterThan(2000);
  }

  @Test
  void aCharacterSplitAcrossChunksComesOutWhole() {
    StringDecoder decoder = new StringDecoder();
    Buffer euro = Buffer.from("€"); // e2 82 ac
    assertThat(decoder.write(euro.slice(0, 1))).isEmpty();
    assertThat(decoder.write(euro.slice(1, 2))).isEmpty();
    assertThat(decoder.write(euro.slice(2))).isEqualTo("€");
    // An incomplete sequence at the end is one U+FFFD, as Node's end() gives.
    assertThat(decoder.write(euro.slice(0, 2))).isEmpty();
    assertThat(decoder.end()).isEqualTo("\ufffd");

    StringDecoder base64 = new StringDecoder(Encoding.BASE64);
    assertThat(base64.write(Buffer.from("abcd"))).isEqualTo("YWJj");
    assertThat(base64.end()).isEqualTo("ZA==");
    assertThat(new StringDecoder(Encoding.BASE64URL).end(Buffer.from("abcd"))).isEqualTo("YWJjZA");

    StringDecoder utf16 = new StringDecoder(Encoding.UTF16LE);
    Buffer smile = Buffer.from("😀", Encoding.UTF16LE); // 3d d8 00 de
    assertThat(utf16.write(smile.slice(0, 2))).isEmpty(); // a high surrogate waits for its pair
    assertThat(utf16.end(smile.slice(2))).isEqualTo("😀");
    // Node holds back only the odd byte here, so the high surrogate goes out alone.
    assertThat(utf16.write(smile.slice(0, 3))).isEqualTo("\ud83d");
    assertThat(utf16.end(smile.slice(3))).isEqualTo("\ude00");
    assertThat(utf16.encoding()).isEqualTo(Encoding.UTF16LE);
  }
}
