package dev.eddy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.net.OnLoop;
import dev.eddy.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Node 20's http client against Eddy's server: Node must parse Eddy's answers as Eddy meant them. */
class HttpNodeInteropTest {

  /** The client: prints one "key value" line per fact it observed. */
  private static final String CLIENT = """
      const http = require('http');
      const port = +process.argv[1];
      function req(opts, body) {
        return new Promise((ok, fail) => {
          const r = http.request({ host: '127.0.0.1', port, ...opts }, res => {
            let data = '';
            res.setEncoding('latin1');
            res.on('data', d => data += d);
            res.on('end', () => ok({ res, data, local: r.socket.localPort }));
          });
          r.on('error', fail);
          if (body) for (const part of body) r.write(part);
          r.end();
        });
      }
      (async () => {
        let g = await req({ path: '/get?x=1', headers: { 'X-Test': 'a' } });
        console.log('get.status', g.res.statusCode, g.res.statusMessage);
        console.log('get.body', g.data);
        console.log('get.length', g.res.headers['content-length']);
        console.log('get.ctype', g.res.headers['content-type']);
        console.log('get.cookies', JSON.stringify(g.res.headers['set-cookie']));
        console.log('get.version', g.res.httpVersion);
        let p = await req({ method: 'POST', path: '/post', headers: { 'Transfer-Encoding': 'chunked' } }, ['hel', 'lo ', 'world']);
        console.log('post.status', p.res.statusCode);
        console.log('post.body', p.data);
        console.log('post.te', p.res.headers['transfer-encoding']);
        console.log('post.trailer', JSON.stringify(p.res.trailers));
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const ports = new Set();
        const bodies = [];
        for (let i = 0; i < 4; i++) {
          const r = await req({ path: '/ka' + i, agent });
          ports.add(r.local);
          bodies.push(r.data);
          if (i === 0) console.log('ka.connection', r.res.headers['connection'], r.res.headers['keep-alive']);
        }
        console.log('ka.sockets', ports.size);
        console.log('ka.bodies', bodies.join(','));
        const all = await Promise.all([0, 1, 2].map(i => req({ path: '/par' + i, agent })));
        console.log('par.bodies', all.map(r => r.data).join(','));
        const h = await req({ method: 'HEAD', path: '/get', agent });
        console.log('head.status', h.res.statusCode, JSON.stringify(h.data));
        const e = await req({ path: '/status', agent });
        console.log('status', e.res.statusCode, e.res.statusMessage, JSON.stringify(e.data));
        agent.destroy();
        console.log('done', 'ok');
      })().catch(e => { console.log('error', e.code || e.message); process.exit(1); });
      """;

  @Test
  void nodeClientTalksToEddy() {
    OnLoop.run(30, () -> {
      HttpServer server = Http.createServer((req, res) -> {
        String url = req.url();
        if (url.startsWith("/get")) {
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.setHeader("Set-Cookie", List.of("a=1", "b=2"));
          res.end("got " + url + " " + req.header("x-test") + " " + req.header("connection"));
        } else if (url.equals("/post")) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          req.on(Stream.DATA, c -> {
            byte[] b = ((Buffer) c).toByteArray();
            out.write(b, 0, b.length);
          });
          req.on(Stream.END, v -> {
            res.addTrailers(Map.of("X-Sum", Integer.toString(out.size())));
            res.write(req.header("transfer-encoding") + ":");
            res.end(out.toString(StandardCharsets.ISO_8859_1));
          });
        } else if (url.equals("/status")) {
          res.writeHead(418, "Teapot Here", Map.of("X-A", "b"));
          res.end();
        } else {
          res.end(url.substring(1));
        }
      });
      int port = Raw.listen(server);
      String output = Raw.io(() -> {
        Process p = new ProcessBuilder("node", "-e", CLIENT, String.valueOf(port)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
      });
      Map<String, String> facts = new LinkedHashMap<>();
      for (String line : output.split("\n")) {
        int sp = line.indexOf(' ');
        if (sp > 0) {
          facts.put(line.substring(0, sp), line.substring(sp + 1));
        }
      }
      assertThat(facts).as(output).containsEntry("done", "ok");
      assertThat(facts).containsEntry("get.status", "200 OK")
          .containsEntry("get.body", "got /get?x=1 a keep-alive") // node 20: the global agent keeps alive
          .containsEntry("get.length", "25")
          .containsEntry("get.ctype", "text/plain; charset=utf-8")
          .containsEntry("get.cookies", "[\"a=1\",\"b=2\"]")
          .containsEntry("get.version", "1.1")
          .containsEntry("post.status", "200")
          .containsEntry("post.body", "chunked:hello world")
          .containsEntry("post.te", "chunked")
          .containsEntry("post.trailer", "{\"x-sum\":\"11\"}")
          .containsEntry("ka.connection", "keep-alive timeout=5")
          .containsEntry("ka.sockets", "1")
          .containsEntry("ka.bodies", "ka0,ka1,ka2,ka3")
          .containsEntry("par.bodies", "par0,par1,par2")
          .containsEntry("head.status", "200 \"\"")
          .containsEntry("status", "418 Teapot Here \"\"");
      Raw.close(server);
      return null;
    });
  }
}
