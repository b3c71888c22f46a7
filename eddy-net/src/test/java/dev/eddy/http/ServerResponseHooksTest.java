package dev.eddy.http;

import static dev.eddy.http.HttpServerTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.net.OnLoop;
import dev.eddy.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** onHeaders (on-headers), beforeEnd (a deferred end, as express-session needs) and whenDone (on-finished). */
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

  @Test
  void doneHooksRunOnceAfterFinishAndBeforeCloseInTheOrderAdded() {
    OnLoop.run(() -> {
      List<String> events = new ArrayList<>();
      Promise.Resolvers<Void> closed = Promise.withResolvers();
      HttpServer server = Http.createServer((req, res) -> {
        res.on(Stream.FINISH, v -> events.add("finish"));
        res.on(Stream.CLOSE, v -> {
          events.add("close");
          closed.resolve().accept(null);
        });
        res.whenDone(() -> events.add("first finished=" + res.writableFinished()));
        res.whenDone(() -> events.add("second"));
        res.whenDone(() -> events.add("third"));
        res.end("ok");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange(get("/")).body).isEqualTo("ok");
      }
      Eddy.await(closed.promise());
      assertThat(events).containsExactly("finish", "first finished=true", "second", "third", "close");
      Raw.close(server);
      return null;
    });
  }

  @Test
  void aDoneHookHearsAConnectionThatClosedBeforeTheAnswer() {
    OnLoop.run(() -> {
      Promise.Resolvers<Boolean> done = Promise.withResolvers();
      HttpServer server = Http.createServer((req, res) -> res.whenDone(() -> done.resolve().accept(res.writableFinished())));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send(get("/never-answered"));
      }
      assertThat(Eddy.await(done.promise())).as("finished").isFalse();
      Raw.close(server);
      return null;
    });
  }

  @Test
  void aHookAddedAfterTheCloseRunsOnTheNextTickAndAThrowingHookStopsNeitherTheOthersNorClose() {
    OnLoop.run(() -> {
      List<String> events = new ArrayList<>();
      Promise.Resolvers<Void> late = Promise.withResolvers();
      List<Throwable> uncaught = new ArrayList<>();
      Eddy.process().on(dev.eddy.EddyProcess.UNCAUGHT_EXCEPTION, uncaught::add);
      HttpServer server = Http.createServer((req, res) -> {
        res.whenDone(() -> {
          throw new IllegalStateException("hook failed");
        });
        res.whenDone(() -> events.add("second"));
        res.on(Stream.CLOSE, v -> {
          events.add("close");
          res.whenDone(() -> {
            events.add("late");
            late.resolve().accept(null);
          });
          events.add("after whenDone");
        });
        res.end("ok");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange(get("/")).body).isEqualTo("ok");
      }
      Eddy.await(late.promise());
      assertThat(events).containsExactly("second", "close", "after whenDone", "late");
      assertThat(uncaught).singleElement().extracting(Throwable::getMessage).isEqualTo("hook failed");
      Raw.close(server);
      return null;
    });
  }
}
