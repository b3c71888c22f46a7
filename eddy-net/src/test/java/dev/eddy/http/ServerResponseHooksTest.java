package dev.eddy.http;

import static dev.eddy.http.HttpServerTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Eddy;
import dev.eddy.net.OnLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** onHeaders (on-headers) and beforeEnd (a deferred end, as express-session needs). */
class ServerResponseHooksTest {
  @Test
  void headerHooksRunOnceBeforeTheHeadLastRegisteredFirst() {
    OnLoop.run(() -> {
      List<String> order = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        res.onHeaders(() -> {
          order.add("first");
          res.setHeader("X-First", "1");
        });
        res.onHeaders(() -> {
          order.add("second");
          res.statusCode(201);
        });
        res.write("a");
        res.end("b");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/"));
        assertThat(r.head).startsWith("HTTP/1.1 201 Created\r\n").contains("X-First: 1\r\n");
      }
      assertThat(order).containsExactly("second", "first");
      Raw.close(server);
      return null;
    });
  }

  @Test
  void beforeEndHoldsTheWholeAnswerUntilTheGateContinues() {
    OnLoop.run(() -> {
      List<String> events = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        res.beforeEnd(proceed -> {
          events.add("gate");
          assertThat(res.headersSent()).isFalse();
          Eddy.setTimeout(() -> {
            events.add("saved");
            res.setHeader("X-Saved", "yes");
            proceed.run();
          }, 20);
        });
        res.end("body");
        res.end("ignored second end");
        events.add("end returned");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/"));
        assertThat(r.head).contains("X-Saved: yes\r\n").contains("Content-Length: 4\r\n");
        assertThat(r.body).isEqualTo("body");
      }
      assertThat(events).containsExactly("gate", "end returned", "saved");
      Raw.close(server);
      return null;
    });
  }
}
