package dev.eddy.http;

import static dev.eddy.http.HttpServerTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.NodeException;
import dev.eddy.net.OnLoop;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {
  @Test
  void invalidNamesAndValuesFailWhenTheBlockIsBuilt() {
    assertThatThrownBy(() -> HeaderBlock.of("Bad Name", "x")).isInstanceOf(NodeException.class)
        .hasMessageContaining("Header name must be a valid HTTP token");
    assertThatThrownBy(() -> HeaderBlock.of("X-Ok", "a\r\nb")).isInstanceOf(NodeException.class)
        .hasMessageContaining("Invalid character in header content");
    assertThatThrownBy(() -> HeaderBlock.of("X-Odd")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBlockSetsItsHeadersReplacingExistingOnesInPlace() {
    HeaderBlock block = HeaderBlock.of("X-Frame-Options", "SAMEORIGIN", "x-a", "1", "X-B", "2");
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        res.setHeader("X-A", "old");
        res.setHeaders(block);
        res.setHeader("X-B", "3");
        res.end("ok");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/"));
        assertThat(r.head).contains("x-a: 1\r\nX-Frame-Options: SAMEORIGIN\r\nX-B: 3\r\n");
      }
      Raw.close(server);
      return null;
    });
  }
}
