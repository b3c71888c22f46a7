package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
  static final MultipartParser.Limits NO_LIMITS = new MultipartParser.Limits(Long.MAX_VALUE, Long.MAX_VALUE,
      Long.MAX_VALUE, Long.MAX_VALUE, 1 << 20, 2000);

  /** Records the events, joining consecutive file data so that the split does not show. */
  static class Recorder implements MultipartParser.Listener {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean accept = true;

    private void flush() {
      if (data.size() > 0) {
        events.add("data " + HexFormat.of().formatHex(data.toByteArray()));
        data.reset();
      }
    }

    @Override
    public boolean onFile(String name, String filename, String encoding, String mimeType) {
      flush();
      events.add("file " + name + " " + filename + " " + encoding + " " + mimeType);
      return accept;
    }

    @Override
    public void onFileData(byte[] b, int off, int len, boolean copy) {
      data.write(b, off, len);
    }

    @Override
    public void onFileLimit() {
      flush();
      events.add("fileLimit");
    }

    @Override
    public void onFileEnd() {
      flush();
      events.add("fileEnd");
    }

    @Override
    public void onField(String name, String value, boolean valueTruncated, String encoding, String mimeType) {
      flush();
      events.add("field " + name + "=" + value + (valueTruncated ? " truncated" : "") + " " + encoding + " " + mimeType);
    }

    @Override
    public void onPartsLimit() {
      flush();
      events.add("partsLimit");
    }

    @Override
    public void onFilesLimit() {
      flush();
      events.add("filesLimit");
    }

    @Override
    public void onFieldsLimit() {
      flush();
      events.add("fieldsLimit");
    }
  }

  static List<String> parse(String boundary, byte[] body, int[] cuts, MultipartParser.Limits limits) {
    Recorder r = new Recorder();
    MultipartParser p = new MultipartParser(boundary, limits, MultipartSyntax.decoder("latin1"), false, r);
    int from = 0;
    try {
      for (int i = 0; i <= cuts.length; i++) {
        int to = i < cuts.length ? cuts[i] : body.length;
        p.push(body, from, to - from);
        from = to;
      }
      p.end();
      r.flush();
      r.events.add("complete");
    } catch (MultipartParser.MalformedException e) {
      r.flush();
      r.events.add("error " + e.getMessage());
    }
    return r.events;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static final String[] BODIES = {
    "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--b\r\n"
        + "Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\nContent-Type: application/x\r\n\r\n"
        + "\r\n--\r\n--bb\r\n-b\r\r\n--b--\r\nepilogue",
    "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n\r\r\r\n\r\n--\r\n--b--",
    "--b\r\nX: 1\r\n folded\r\nContent-Disposition: form-data;\r\n\tname=\"a\"\r\n\r\n\r\n--b\r\n"
        + "Content-Disposition: form-data; name=\"c\"\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\nh\0i\0\r\n--b--",
    "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--b\r\n\r\nno headers\r\n--b--",
    "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ntruncated",
    "--bjunk\r\n--b-x\r\n--b\rx\r\n--b  \r\n--b\r\nContent-Disposition: form-data; name=\"z\"\r\n\r\n1\r\n--b--",
  };

  @Test
  void everySplitIntoTwoGivesTheSameEvents() {
    for (String s : BODIES) {
      byte[] body = bytes(s);
      List<String> whole = parse("b", body, new int[0], NO_LIMITS);
      for (int i = 0; i <= body.length; i++) {
        assertThat(parse("b", body, new int[] {i}, NO_LIMITS)).as("split at %d of %s", i, s).isEqualTo(whole);
      }
    }
  }

  @Test
  void everySplitIntoThreeGivesTheSameEvents() {
    byte[] body = bytes(BODIES[0]);
    List<String> whole = parse("b", body, new int[0], NO_LIMITS);
    for (int i = 0; i <= body.length; i++) {
      for (int j = i; j <= body.length; j++) {
        assertThat(parse("b", body, new int[] {i, j}, NO_LIMITS)).as("split at %d, %d", i, j).isEqualTo(whole);
      }
    }
  }

  @Test
  void byteByByteGivesTheSameEvents() {
    for (String s : BODIES) {
      byte[] body = bytes(s);
      int[] cuts = new int[body.length];
      for (int i = 0; i < cuts.length; i++) cuts[i] = i;
      assertThat(parse("b", body, cuts, NO_LIMITS)).isEqualTo(parse("b", body, new int[0], NO_LIMITS));
    }
  }

  @Test
  void eventsOfAWellFormedBody() {
    assertThat(parse("b", bytes(BODIES[0]), new int[0], NO_LIMITS)).containsExactly(
        "field a=value 7bit text/plain",
        "file f x.bin 7bit application/x",
        // "\r\n--bb" holds a delimiter: what follows it up to the next one is ignored
        "data " + HexFormat.of().formatHex(bytes("\r\n--")),
        "fileEnd",
        "complete");
    assertThat(parse("b", bytes(BODIES[2]), new int[0], NO_LIMITS)).containsExactly(
        "field a= 7bit text/plain", "field c=hi 7bit text/plain", "complete");
    assertThat(parse("b", bytes(BODIES[3]), new int[0], NO_LIMITS)).containsExactly(
        "field a=v 7bit text/plain", "error Malformed part header");
    assertThat(parse("b", bytes(BODIES[4]), new int[0], NO_LIMITS)).containsExactly(
        "field a=v 7bit text/plain", "error Unexpected end of form");
    assertThat(parse("b", bytes(BODIES[5]), new int[0], NO_LIMITS)).containsExactly("field z=1 7bit text/plain", "complete");
  }

  @Test
  void limitsAreReportedWhenExceeded() {
    MultipartParser.Limits limits = new MultipartParser.Limits(3, 1, 1, 3, 2, 2000);
    String body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n1234\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"g\"; filename=\"y\"\r\n\r\n1\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\nd\r\n--b--";
    assertThat(parse("b", bytes(body), new int[0], limits)).containsExactly(
        "file f x 7bit text/plain", "data 31323334", "fileLimit", "fileEnd",
        "field a=abc truncated 7bit text/plain",
        "filesLimit", "fieldsLimit", "partsLimit", "complete");
  }

  @Test
  void fileBytesAreNeverBuffered() {
    Recorder r = new Recorder();
    long[] received = new long[1];
    MultipartParser.Listener counting = new MultipartParser.Listener() {
      public boolean onFile(String n, String f, String e, String m) { return true; }
      public void onFileData(byte[] b, int off, int len, boolean copy) { received[0] += len; }
      public void onFileLimit() {}
      public void onFileEnd() { r.events.add("end"); }
      public void onField(String n, String v, boolean t, String e, String m) {}
      public void onPartsLimit() {}
      public void onFilesLimit() {}
      public void onFieldsLimit() {}
    };
    String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    MultipartParser p = new MultipartParser(boundary, NO_LIMITS, MultipartSyntax.decoder("latin1"), false, counting);
    byte[] head = bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n");
    p.push(head, 0, head.length);
    byte[] chunk = new byte[65536];
    for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) (i % 7 == 0 ? '\r' : i % 5 == 0 ? '-' : i);
    chunk[chunk.length - 3] = '\r';
    chunk[chunk.length - 2] = '\n';
    chunk[chunk.length - 1] = '-';
    long max = 0;
    long pushed = 0;
    for (int i = 0; i < 160; i++) { // 10 MiB
      p.push(chunk, 0, chunk.length);
      pushed += chunk.length;
      max = Math.max(max, p.bufferedBytes());
      // everything but a possible delimiter prefix has been handed on
      assertThat(pushed - received[0]).isLessThanOrEqualTo(boundary.length() + 4);
    }
    assertThat(max).isLessThanOrEqualTo(boundary.length() + 4);
    byte[] close = bytes("\r\n--" + boundary + "--");
    p.push(close, 0, close.length);
    p.end();
    assertThat(r.events).containsExactly("end");
    assertThat(received[0]).isEqualTo(pushed);
  }

  @Test
  void stopEndsParsing() {
    List<String> seen = new ArrayList<>();
    MultipartParser[] p = new MultipartParser[1];
    Recorder r = new Recorder() {
      @Override
      public void onField(String name, String value, boolean t, String e, String m) {
        seen.add(name);
        p[0].stop();
      }
    };
    p[0] = new MultipartParser("b", NO_LIMITS, MultipartSyntax.decoder("latin1"), false, r);
    byte[] body = bytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\n"
        + "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--b--");
    p[0].push(body, 0, body.length);
    p[0].end();
    assertThat(seen).containsExactly("a");
  }

  @Test
  void headerBlockIsLimitedTo16KiB() {
    String pad = "X: " + "p".repeat(17000) + "\r\n";
    assertThat(parse("b", bytes("--b\r\n" + pad + "\r\nv\r\n--b--"), new int[0], NO_LIMITS))
        .containsExactly("error Malformed part header");
  }

  @Test
  void headerPairsLimitIgnoresLaterLines() {
    MultipartParser.Limits two = new MultipartParser.Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE, 100, 2);
    String body = "--b\r\nX-A: 1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ny\r\n--b--";
    assertThat(parse("b", bytes(body), new int[0], two)).containsExactly("field b=y 7bit text/plain", "complete");
  }

  @Test
  void boundaryWithCrIsRefused() {
    assertThatThrownBy(() -> new MultipartParser("a\rb", NO_LIMITS, MultipartSyntax.decoder("latin1"), false, new Recorder()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ property

  record Part(boolean file, String name, byte[] content) {}

  @Provide
  Arbitrary<List<Part>> forms() {
    Arbitrary<byte[]> content = Arbitraries.of(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
            Arbitraries.of("\r", "\n", "-", "--", "b", "\r\n", "\r\n-", "\r\n--", "\r\n--b", "\r\n--bx", "x")
                .list().ofMaxSize(12).map(l -> bytes(String.join("", l))))
        .flatMap(a -> a);
    Arbitrary<Part> part = Combinators.combine(Arbitraries.of(true, false), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), content)
        .as(Part::new);
    return part.list().ofMaxSize(5);
  }

  @Property(tries = 300)
  void anySplitOfAnyFormGivesTheSameEvents(@ForAll("forms") List<Part> parts, @ForAll("cutList") List<Integer> rawCuts,
      @ForAll boolean closed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part p : parts) {
      out.writeBytes(bytes("--b\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
          + (p.file() ? "; filename=\"" + p.name() + ".bin\"" : "") + "\r\n\r\n"));
      out.writeBytes(p.content());
      out.writeBytes(bytes("\r\n"));
    }
    if (closed) out.writeBytes(bytes("--b--"));
    byte[] body = out.toByteArray();
    int[] cuts = rawCuts.stream().mapToInt(c -> Math.floorMod(c, body.length + 1)).sorted().toArray();
    assertThat(parse("b", body, cuts, NO_LIMITS)).isEqualTo(parse("b", body, new int[0], NO_LIMITS));
  }

  @Provide
  Arbitrary<List<Integer>> cutList() {
    return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(8);
  }
}
