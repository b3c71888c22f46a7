package dev.eddy.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.http.Http;
import dev.eddy.http.HttpServer;
import dev.eddy.http.IncomingMessage;
import dev.eddy.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The echo server of ../shared/http-diff (its README's "echo contract") on Eddy's HTTP server
 * with default options: {@code conformance/bin/http-echo PORT}.
 */
public final class HttpEchoMain {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpEchoMain() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv("PORT"));
    Eddy.main(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        req.on(Stream.DATA, c -> {
          byte[] b = ((Buffer) c).toByteArray();
          body.write(b, 0, b.length);
        });
        req.on(IncomingMessage.ERROR, e -> { }); // the client went away mid-body
        req.on(Stream.END, v -> {
          byte[] json = echo(req, body.toByteArray());
          Map<String, Object> headers = new LinkedHashMap<>();
          headers.put("Content-Type", "application/json");
          headers.put("Content-Length", json.length);
          if ("HEAD".equals(req.method())) {
            headers.put("X-Echo", Base64.getEncoder().encodeToString(json));
          }
          res.writeHead(200, headers);
          res.end(Buffer.from(json));
        });
      });
      server.on(HttpServer.ERROR, e -> {
        System.err.println("http-echo: " + e.getMessage());
        Eddy.process().exit(1);
      });
      server.listen(port, "127.0.0.1", () -> System.out.println("eddy http-echo listening on 127.0.0.1:" + port));
    });
  }

  private static byte[] echo(IncomingMessage req, byte[] body) {
    ObjectNode o = JSON.createObjectNode();
    o.put("method", req.method());
    o.put("url", req.url());
    o.put("version", req.httpVersion());
    o.set("headers", pairs(req.rawHeaders()));
    o.put("body", Base64.getEncoder().encodeToString(body));
    o.set("trailers", pairs(req.rawTrailers()));
    try {
      return JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ArrayNode pairs(List<String> raw) {
    ArrayNode a = JSON.createArrayNode();
    for (int i = 0; i + 1 < raw.size(); i += 2) {
      a.addArray().add(raw.get(i)).add(trimOws(raw.get(i + 1)));
    }
    return a;
  }

  private static String trimOws(String v) {
    int s = 0;
    int e = v.length();
    while (s < e && (v.charAt(s) == ' ' || v.charAt(s) == '\t')) {
      s++;
    }
    while (e > s && (v.charAt(e - 1) == ' ' || v.charAt(e - 1) == '\t')) {
      e--;
    }
    return v.substring(s, e);
  }
}
