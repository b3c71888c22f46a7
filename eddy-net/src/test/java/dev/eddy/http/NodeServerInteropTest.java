package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static dev.eddy.EventEmitter.once;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.net.OnLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Eddy's HTTP client against Node's own http server (node is the reference and is on the machine). */
class NodeServerInteropTest {
  private static Process node;
  private static int port;

  private static final String SERVER = String.join("\n",
      "const http = require('http');",
      "const s = http.createServer((req, res) => {",
      "  const parts = [];",
      "  req.on('data', c => parts.push(c));",
      "  req.on('end', () => {",
      "    const body = Buffer.concat(parts).toString('utf8');",
      "    if (req.url === '/chunked') {",
      "      res.setHeader('Content-Type', 'text/plain');",
      "      res.addTrailers({'X-Trailer': 'done'});",
      "      res.write('one,'); res.write('two,'); res.end('three');",
      "      return;",
      "    }",
      "    if (req.url === '/close') { res.setHeader('Connection', 'close'); res.end('bye'); return; }",
      "    if (req.url === '/eof') { res.socket.end('HTTP/1.1 200 OK\\r\\n\\r\\nuntil-eof'); return; }",
      "    res.setHeader('Content-Type', 'application/json');",
      "    res.end(JSON.stringify({method: req.method, url: req.url, headers: req.rawHeaders, body,",
      "      remotePort: req.socket.remotePort}));",
      "  });",
      "});",
      "s.listen(0, '127.0.0.1', () => console.log(s.address().port));");

  @BeforeAll
  static void startNode() throws Exception {
    node = new ProcessBuilder("node", "-e", SERVER).redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertThat(line).as("node printed its port").isNotNull().matches("\\d+");
    port = Integer.parseInt(line);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.destroy();
      node.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void nodeParsesEddysRequestsAndEddyParsesNodesAnswers() {
    OnLoop.run(() -> {
      ClientRequest post = Http.request(ClientRequest.Options.of(url("/echo?x=1")).method("POST")
          .header("X-Custom", "v1").header("Content-Type", "text/plain"), null);
      post.write("chunk-a,");
      post.end("chunk-b");
      IncomingMessage res = await(once(post, ClientRequest.RESPONSE));
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.header("content-type")).isEqualTo("application/json");
      String json = await(HttpClientTest.body(res));
      assertThat(json).contains("\"method\":\"POST\"").contains("\"url\":\"/echo?x=1\"")
          .contains("\"body\":\"chunk-a,chunk-b\"")
          .contains("\"X-Custom\",\"v1\"").contains("\"Transfer-Encoding\",\"chunked\"")
          .contains("\"Host\",\"127.0.0.1:" + port + "\"");
      Agent.global().destroy();
      return null;
    });
  }

  @Test
  void keepAliveReusesTheConnectionToNode() {
    OnLoop.run(() -> {
      List<String> ports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        FetchResponse r = await(Fetch.fetch(url("/n" + i)));
        String text = await(r.text());
        ports.add(text.replaceAll(".*\"remotePort\":(\\d+).*", "$1"));
        await(HttpClientTest.tick());
      }
      assertThat(ports).containsOnly(ports.get(0));
      Agent.global().destroy();
      return null;
    });
  }

  @Test
  void chunkedAnswerWithTrailersFromNode() {
    OnLoop.run(() -> {
      IncomingMessage res = await(once(Http.get(url("/chunked"), null), ClientRequest.RESPONSE));
      assertThat(res.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(await(HttpClientTest.body(res))).isEqualTo("one,two,three");
      assertThat(res.trailers()).isEqualTo(Map.of("x-trailer", "done"));
      Agent.global().destroy();
      return null;
    });
  }

  @Test
  void connectionCloseAndBodyUntilEof() {
    OnLoop.run(() -> {
      FetchResponse close = await(Fetch.fetch(url("/close")));
      assertThat(close.header("connection")).isEqualTo("close");
      assertThat(await(close.text())).isEqualTo("bye");
      FetchResponse eof = await(Fetch.fetch(url("/eof")));
      assertThat(await(eof.text())).isEqualTo("until-eof");
      Agent.global().destroy();
      return null;
    });
  }
}
