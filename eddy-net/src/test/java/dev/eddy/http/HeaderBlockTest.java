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

  /** The head of the answer to GET / from a server whose handler is {@code handler}. */
  private static String head(RequestHandler handler) {
    String[] h = new String[1];
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(handler);
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        h[0] = c.exchange(get("/")).head;
      }
      Raw.close(server);
      return null;
    });
    return h[0];
  }

  private static final HeaderBlock THREE = HeaderBlock.of("X-One", "1", "X-Two", "2", "X-Three", "3");

  @Test
  void aBlockAddedWholeIsWrittenAsSetAndStaysVisibleToGetAndRemove() {
    java.util.List<Object> seen = new java.util.ArrayList<>();
    String h = head((req, res) -> {
      res.setHeader("X-Before", "b");
      res.setHeaders(THREE);
      seen.add(res.getHeader("x-two"));
      seen.add(res.hasHeader("X-THREE"));
      seen.add(res.getHeaderNames());
      res.removeHeader("X-Before");
      res.setHeader("X-After", "a");
      res.end("ok");
    });
    assertThat(h).contains("\r\nX-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\nX-After: a\r\n").doesNotContain("X-Before");
    assertThat(seen).containsExactly("2", true, java.util.List.of("x-before", "x-one", "x-two", "x-three"));
  }

  @Test
  void changesToTheBlocksHeadersAfterwardsAreWritten() {
    assertThat(head((req, res) -> {
      res.setHeaders(THREE);
      res.removeHeader("x-two");
      res.end();
    })).contains("X-One: 1\r\nX-Three: 3\r\n").doesNotContain("X-Two");
    assertThat(head((req, res) -> {
      res.setHeaders(THREE);
      res.setHeader("x-two", "changed");
      res.end();
    })).contains("X-One: 1\r\nx-two: changed\r\nX-Three: 3\r\n");
    assertThat(head((req, res) -> {
      res.setHeaders(THREE);
      res.appendHeader("X-Three", "again");
      res.end();
    })).contains("X-Two: 2\r\nX-Three: 3\r\nX-Three: again\r\n");
    assertThat(head((req, res) -> {
      res.setHeaders(THREE);
      res.removeHeader("X-One");
      res.end();
    })).contains("X-Two: 2\r\nX-Three: 3\r\n").doesNotContain("X-One");
  }

  @Test
  void aBlockOverHeadersAlreadySetReplacesThemInPlaceAndTwoBlocksCombine() {
    HeaderBlock other = HeaderBlock.of("X-Four", "4", "X-Two", "two");
    assertThat(head((req, res) -> {
      res.setHeaders(THREE);
      res.setHeaders(other);
      res.end();
    })).contains("X-One: 1\r\nX-Two: two\r\nX-Three: 3\r\nX-Four: 4\r\n");
    HeaderBlock five = HeaderBlock.of("X-Five", "5");
    assertThat(head((req, res) -> {
      res.setHeaders(THREE);
      res.setHeaders(five);
      res.removeHeader("X-Three");
      res.end();
    })).contains("X-One: 1\r\nX-Two: 2\r\nX-Five: 5\r\n").doesNotContain("X-Three");
  }

  @Test
  void answersOnOneConnectionWithFewerOrMoreHeadersThanTheLastOneCarryExactlyTheirOwn() {
    // a response starts with room for as many headers as the previous one on its connection had
    int[] counts = {1, 30, 3, 45, 0, 12};
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        int n = Integer.parseInt(req.url().substring(1));
        if (n == 12) {
          res.setHeaders(THREE);
        }
        for (int i = 0; i < n; i++) {
          res.setHeader("X-H" + i, Integer.toString(i));
        }
        res.end("ok");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        for (int n : counts) {
          String head = c.exchange(get("/" + n)).head;
          StringBuilder expected = new StringBuilder(n == 12 ? "X-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\n" : "");
          for (int i = 0; i < n; i++) {
            expected.append("X-H").append(i).append(": ").append(i).append("\r\n");
          }
          assertThat(head).as("answer with %d headers", n).contains("HTTP/1.1 200 OK\r\n" + expected + "Date: ");
          assertThat(head.split("X-H", -1)).hasSize(n + 1);
        }
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void twoWholeBlocksAreBothWrittenAndARemovalBeforeThemKeepsTheFirstIntact() {
    HeaderBlock other = HeaderBlock.of("X-Four", "4", "X-Five", "5");
    assertThat(head((req, res) -> {
      res.setHeader("X-Zero", "0");
      res.setHeaders(THREE);
      res.setHeaders(other);
      res.removeHeader("x-zero");
      res.setHeader("X-Six", "6");
      res.end();
    })).contains("HTTP/1.1 200 OK\r\nX-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\nX-Four: 4\r\nX-Five: 5\r\nX-Six: 6\r\n")
        .doesNotContain("X-Zero");
  }

  @Test
  void aBlockNamingAHeaderTwiceKeepsTheLastValueAtTheFirstPlace() {
    HeaderBlock twice = HeaderBlock.of("X-A", "1", "X-B", "2", "x-a", "3");
    assertThat(head((req, res) -> {
      res.setHeaders(twice);
      res.end();
    })).contains("x-a: 3\r\nX-B: 2\r\n").doesNotContain("X-A: 1");
  }

  @Test
  void manyHeadersStillFindTheirOwnAndMissAbsentOnes() {
    java.util.List<String> found = new java.util.ArrayList<>();
    assertThat(head((req, res) -> {
      for (int i = 0; i < 40; i++) res.setHeader("X-H" + i, Integer.toString(i));
      res.setHeaders(THREE);
      for (int i = 0; i < 400; i++) found.add(res.getHeader("x-h" + i));
      res.setHeader("X-H7", "seven");
      res.end();
    })).contains("X-H6: 6\r\nX-H7: seven\r\nX-H8: 8\r\n").contains("X-H39: 39\r\nX-One: 1\r\n");
    for (int i = 0; i < 400; i++) assertThat(found.get(i)).isEqualTo(i < 40 ? Integer.toString(i) : null);
  }
}
