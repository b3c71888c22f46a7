package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static dev.eddy.EventEmitter.once;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.Promise;
import dev.eddy.net.NetException;
import dev.eddy.net.OnLoop;
import dev.eddy.net.Server;
import dev.eddy.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eddy's HTTP client against Eddy's server. */
class HttpClientTest {

  static Promise<String> body(IncomingMessage m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.on(Stream.DATA, c -> {
      byte[] b = ((Buffer) c).toByteArray();
      out.write(b, 0, b.length);
    });
    return once(m, Stream.END).then(v -> out.toString(StandardCharsets.UTF_8));
  }

  static HttpServer echoServer() throws Exception {
    HttpServer server = Http.createServer((req, res) -> {
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      req.on(Stream.DATA, c -> {
        byte[] b = ((Buffer) c).toByteArray();
        in.write(b, 0, b.length);
      });
      req.on(Stream.END, v -> {
        res.setHeader("X-Method", req.method());
        res.setHeader("X-Url", req.url());
        res.setHeader("X-Port", String.valueOf(req.socket().remotePort()));
        String te = req.header("transfer-encoding");
        res.setHeader("X-Framing", te != null ? "te=" + te : "cl=" + req.header("content-length"));
        res.end(in.toString(StandardCharsets.UTF_8));
      });
    });
    server.listen(0, "127.0.0.1", null);
    await(once(server, HttpServer.LISTENING));
    return server;
  }

  @Test
  void getAndKeepAliveReuseOneConnection() {
    OnLoop.run(() -> {
      HttpServer server = echoServer();
      int port = server.address().port();
      String url = "http://127.0.0.1:" + port + "/a?b=1";
      List<String> clientPorts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ClientRequest req = Http.get(url, null);
        IncomingMessage res = await(once(req, ClientRequest.RESPONSE));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.statusMessage()).isEqualTo("OK");
        assertThat(res.header("x-url")).isEqualTo("/a?b=1");
        assertThat(res.header("connection")).isEqualTo("keep-alive");
        clientPorts.add(res.header("x-port"));
        assertThat(await(body(res))).isEmpty();
        await(Promise.resolve()); // let the agent take the connection back
        await(tick());
      }
      assertThat(clientPorts).as("one pooled connection").containsOnly(clientPorts.get(0));
      assertThat(Agent.global().freeSocketCount("127.0.0.1", port)).isEqualTo(1);
      Agent.global().destroy();
      server.close();
      return null;
    });
  }

  static Promise<Void> tick() {
    return Promise.create((resolve, reject) -> dev.eddy.Eddy.setImmediate(() -> resolve.accept(null)));
  }

  @Test
  void postChunkedAndWithLength() {
    OnLoop.run(() -> {
      HttpServer server = echoServer();
      String url = "http://127.0.0.1:" + server.address().port() + "/p";
      ClientRequest chunked = Http.request(ClientRequest.Options.of(url).method("POST").noAgent(), null);
      chunked.write("hello ");
      chunked.write("world");
      chunked.end();
      IncomingMessage res = await(once(chunked, ClientRequest.RESPONSE));
      assertThat(res.header("x-framing")).isEqualTo("te=chunked");
      assertThat(await(body(res))).isEqualTo("hello world");

      ClientRequest sized = Http.request(ClientRequest.Options.of(url).method("PUT").noAgent(), null);
      sized.end("π=3.14");
      res = await(once(sized, ClientRequest.RESPONSE));
      assertThat(res.header("x-framing")).isEqualTo("cl=7");
      assertThat(await(body(res))).isEqualTo("π=3.14");
      server.close();
      return null;
    });
  }

  @Test
  void maxSocketsQueuesRequests() {
    OnLoop.run(() -> {
      HttpServer server = echoServer();
      int port = server.address().port();
      Agent agent = new Agent(new Agent.Options().keepAlive(true).maxSockets(1));
      List<Promise<String>> ports = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ClientRequest r = Http.request(ClientRequest.Options.of("http://127.0.0.1:" + port + "/" + i).agent(agent), null);
        r.end();
        ports.add(once(r, ClientRequest.RESPONSE).thenCompose(m -> body(m).then(b -> m.header("x-port"))));
      }
      await(tick());
      assertThat(agent.pendingRequestCount("127.0.0.1", port)).isEqualTo(3);
      List<String> got = await(Promise.all(ports));
      assertThat(got).containsOnly(got.get(0));
      agent.destroy();
      server.close();
      return null;
    });
  }

  @Test
  void connectionRefusedIsARequestError() {
    OnLoop.run(() -> {
      Server probe = dev.eddy.net.Net.createServer(null).listen(0, "127.0.0.1", null);
      await(once(probe, Server.LISTENING));
      int port = probe.address().port();
      probe.close();
      ClientRequest req = Http.get("http://127.0.0.1:" + port + "/", null);
      Throwable err = await(once(req, ClientRequest.ERROR));
      assertThat(((NetException) err).code()).isEqualTo("ECONNREFUSED");
      return null;
    });
  }

  @Test
  void serverClosingBeforeAnsweringIsSocketHangUp() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> req.socket().destroy());
      server.listen(0, "127.0.0.1", null);
      await(once(server, HttpServer.LISTENING));
      ClientRequest req = Http.get("http://127.0.0.1:" + server.address().port() + "/", null);
      Throwable err = await(once(req, ClientRequest.ERROR));
      assertThat(err.getMessage()).isEqualTo("socket hang up");
      assertThat(((dev.eddy.NodeException) err).code()).isEqualTo("ECONNRESET");
      server.close();
      return null;
    });
  }

  @Test
  void fetchTextStatusHeadersAndJsonCodec() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/json")) {
          res.setHeader("Content-Type", "application/json");
          res.end("{\"n\":42}");
        } else {
          res.statusCode(404).setHeader("Set-Cookie", List.of("a=1", "b=2"));
          res.end("nope");
        }
      });
      server.listen(0, "127.0.0.1", null);
      await(once(server, HttpServer.LISTENING));
      String base = "http://127.0.0.1:" + server.address().port();
      FetchResponse missing = await(Fetch.fetch(base + "/x"));
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.ok()).isFalse();
      assertThat(missing.headers().get("set-cookie")).isEqualTo(List.of("a=1", "b=2"));
      assertThat(await(missing.text())).isEqualTo("nope");

      JsonCodec toy = new JsonCodec() {
        @Override
        public byte[] encode(Object value) {
          return value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T decode(byte[] json, Class<T> type) {
          String s = new String(json, StandardCharsets.UTF_8);
          return type.cast(Map.of("n", Integer.parseInt(s.replaceAll("[^0-9]", ""))));
        }
      };
      FetchResponse ok = await(Fetch.fetch(base + "/json", new Fetch.Options().codec(toy)));
      assertThat(ok.ok()).isTrue();
      assertThat(await(ok.json(Map.class))).isEqualTo(Map.of("n", 42));
      Agent.global().destroy();
      server.close();
      return null;
    });
  }

  @Test
  void fetchWithoutCodecExplainsWhatToDo() {
    OnLoop.run(() -> {
      Fetch.defaultCodec(null);
      try {
        await(Fetch.fetch("http://127.0.0.1:1/", new Fetch.Options().json(Map.of())));
        throw new AssertionError("expected a rejection");
      } catch (dev.eddy.NodeException e) {
        assertThat(e.code()).isEqualTo("ERR_NO_JSON_CODEC");
        assertThat(e.getMessage()).contains("Fetch.defaultCodec");
      }
      return null;
    });
  }

  @Test
  void headResponseHasNoBodyAndChunkedTrailersArrive() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        res.setHeader("Content-Type", "text/plain");
        if (req.method().equals("HEAD")) {
          res.setHeader("Content-Length", "5");
          res.end();
          return;
        }
        res.addTrailers(Map.of("X-Sum", "abc"));
        res.write("ab");
        res.end("c");
      });
      server.listen(0, "127.0.0.1", null);
      await(once(server, HttpServer.LISTENING));
      String url = "http://127.0.0.1:" + server.address().port() + "/";
      ClientRequest head = Http.request(ClientRequest.Options.of(url).method("HEAD"), null);
      head.end();
      IncomingMessage h = await(once(head, ClientRequest.RESPONSE));
      assertThat(h.header("content-length")).isEqualTo("5");
      assertThat(await(body(h))).isEmpty();
      ClientRequest get = Http.get(url, null);
      IncomingMessage g = await(once(get, ClientRequest.RESPONSE));
      assertThat(g.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(await(body(g))).isEqualTo("abc");
      assertThat(g.trailers()).isEqualTo(Map.of("x-sum", "abc"));
      Agent.global().destroy();
      server.close();
      return null;
    });
  }
}
