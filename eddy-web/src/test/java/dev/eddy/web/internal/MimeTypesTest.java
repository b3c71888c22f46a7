package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.internal.NegotiatorFixtureTest.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * MimeTypes against mime-types 3.0.2 / mime-db 1.54.0 (fixture {@code mime-types.json}: every
 * extension, every type with extensions or a charset, samples of the rest, odd inputs).
 */
class MimeTypesTest {

  @Test
  void everyRecordedRowMatches() {
    JsonNode root = Fixture.mime();
    assertThat(root.get("versions").get("mime-types").asText()).isEqualTo("3.0.2");
    assertThat(root.get("versions").get("mime-db").asText()).isEqualTo("1.54.0");
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (JsonNode row : root.get("rows")) {
      String in = row.get(0).asText();
      check(failures, in, "lookup", Fixture.str(row.get(1)), MimeTypes.lookup(in));
      check(failures, in, "contentType", Fixture.str(row.get(2)), MimeTypes.contentType(in));
      check(failures, in, "charset", Fixture.str(row.get(3)), MimeTypes.charset(in));
      check(failures, in, "extension", Fixture.str(row.get(4)), MimeTypes.extension(in));
      n++;
    }
    assertThat(failures).isEmpty();
    assertThat(n).isGreaterThan(2000);
  }

  private static void check(List<String> failures, String in, String fn, String exp, String act) {
    if (!Objects.equals(exp, act)) failures.add(fn + "(" + in + "): expected " + exp + ", got " + act);
  }

  @Test
  void commonTypes() {
    assertThat(MimeTypes.lookup("json")).isEqualTo("application/json");
    assertThat(MimeTypes.lookup(".html")).isEqualTo("text/html");
    assertThat(MimeTypes.lookup("dir/File.TXT")).isEqualTo("text/plain");
    assertThat(MimeTypes.lookup("a/b")).isNull();
    assertThat(MimeTypes.lookup(null)).isNull();
    assertThat(MimeTypes.lookup("")).isNull();
    assertThat(MimeTypes.contentType("json")).isEqualTo("application/json; charset=utf-8");
    assertThat(MimeTypes.contentType("html")).isEqualTo("text/html; charset=utf-8");
    assertThat(MimeTypes.contentType("png")).isEqualTo("image/png");
    assertThat(MimeTypes.contentType("text/x-custom")).isEqualTo("text/x-custom; charset=utf-8");
    assertThat(MimeTypes.contentType("text/plain; charset=latin1"))
        .isEqualTo("text/plain; charset=latin1");
    assertThat(MimeTypes.contentType("nope")).isNull();
    assertThat(MimeTypes.charset("application/json; x")).isEqualTo("UTF-8");
    assertThat(MimeTypes.charset("image/png")).isNull();
    assertThat(MimeTypes.extension("text/html")).isEqualTo("html");
    assertThat(MimeTypes.extension("application/x-nope")).isNull();
    assertThat(MimeTypes.extensions("image/jpeg")).contains("jpeg", "jpg");
  }

  @Test
  void extnameFollowsNode() {
    assertThat(MimeTypes.extname("json")).isEqualTo("json");
    assertThat(MimeTypes.extname(".json")).isEqualTo("json");
    assertThat(MimeTypes.extname("a/.bashrc")).isNull();
    assertThat(MimeTypes.extname("file.")).isNull();
    assertThat(MimeTypes.extname("json/")).isEqualTo("json");
    assertThat(MimeTypes.extname("a.tar.gz")).isEqualTo("gz");
  }
}
