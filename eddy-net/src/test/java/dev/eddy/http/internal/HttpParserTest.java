package dev.eddy.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** Focused behaviour: responses, framing, keep-alive, limits, pause / resume / reset, HttpHead access. */
class HttpParserTest {

    /** A parsed message as the listener saw it. */
    record Msg(HttpHead head, String body, HttpHead trailers) {
    }

    /** Collects messages; the head decision and pause points are configurable. */
    static final class Collector implements HttpParser.Listener {
        final List<Msg> messages = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<HttpHead> heads = new ArrayList<>();
        ToIntFunction<HttpHead> decide = h -> NORMAL;
        HttpParser parser;
        boolean pauseOnHead, pauseOnComplete;
        private HttpHead head;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void onMessageBegin() {
            events.add("begin");
            body.reset();
        }

        @Override
        public int onHeadersComplete(HttpHead h) {
            events.add("head");
            heads.add(h);
            head = h;
            if (pauseOnHead) {
                parser.pause();
            }
            return decide.applyAsInt(h);
        }

        @Override
        public void onBody(byte[] buf, int off, int len) {
            body.write(buf, off, len);
        }

        @Override
        public void onMessageComplete(HttpHead trailers) {
            events.add("complete");
            messages.add(new Msg(head, body.toString(StandardCharsets.ISO_8859_1), trailers));
            if (pauseOnComplete) {
                parser.pause();
            }
        }
    }

    private static Collector collector;

    private static HttpParser parser(HttpParser.Kind kind) {
        return parser(kind, 16384);
    }

    private static HttpParser parser(HttpParser.Kind kind, int max) {
        collector = new Collector();
        HttpParser p = new HttpParser(kind, collector, max);
        collector.parser = p;
        return p;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int feed(HttpParser p, String s) {
        byte[] bytes = b(s);
        return p.execute(bytes, 0, bytes.length);
    }

    // ---------------------------------------------------------------- responses

    @Test
    void statusLineHeadersAndContentLengthBody() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        String in = "HTTP/1.1 200 Very OK\r\nContent-Length: 5\r\nX-A:  v \t\r\n\r\nhello";
        assertThat(feed(p, in)).isEqualTo(in.length());
        assertThat(p.error()).isNull();
        Msg m = collector.messages.get(0);
        assertThat(m.head().statusCode()).isEqualTo(200);
        assertThat(m.head().statusMessage()).isEqualTo("Very OK");
        assertThat(m.head().method()).isNull();
        assertThat(m.head().versionMajor()).isEqualTo(1);
        assertThat(m.head().versionMinor()).isEqualTo(1);
        assertThat(m.head().contentLength()).isEqualTo(5);
        assertThat(m.head().value(1)).isEqualTo("v");
        assertThat(m.head().shouldKeepAlive()).isTrue();
        assertThat(m.body()).isEqualTo("hello");
        assertThat(m.trailers()).isNull();
        assertThat(p.messageInProgress()).isFalse();
    }

    @Test
    void statusWithoutReasonPhrase() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n");
        assertThat(p.error()).isNull();
        assertThat(collector.messages.get(0).head().statusMessage()).isEmpty();
        assertThat(collector.messages.get(0).head().statusCode()).isEqualTo(404);
    }

    @Test
    void noBodyFor204And304And1xxEvenWithContentLength() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(p.error()).isNull();
        assertThat(collector.messages).extracting(m -> m.head().statusCode()).containsExactly(100, 204, 304, 200);
        assertThat(collector.messages).extracting(Msg::body).containsExactly("", "", "", "ok");
    }

    @Test
    void skipBodyFromTheListenerAndFromExpectedHead() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        collector.decide = h -> h.statusCode() == 200 ? HttpParser.Listener.SKIP_BODY : HttpParser.Listener.NORMAL;
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx");
        assertThat(p.error()).isNull();
        assertThat(collector.messages).extracting(Msg::body).containsExactly("", "x");

        p = parser(HttpParser.Kind.RESPONSE);
        p.expectResponseTo(HttpMethods.HEAD);
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        assertThat(collector.messages).hasSize(1);
        assertThat(collector.messages.get(0).head().shouldKeepAlive()).isTrue();
        // The expectation is used up by the final response: the next one has a body again.
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab");
        assertThat(collector.messages.get(1).body()).isEqualTo("ab");
    }

    @Test
    void chunkedResponseWithTrailers() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=\"a;b\"\r\nabc\r\n0\r\nX-T: 1\r\n\r\n");
        assertThat(p.error()).isNull();
        Msg m = collector.messages.get(0);
        assertThat(m.head().isChunked()).isTrue();
        assertThat(m.body()).isEqualTo("abc");
        assertThat(m.trailers().size()).isEqualTo(1);
        assertThat(m.trailers().name(0)).isEqualTo("X-T");
    }

    @Test
    void bodyUntilEofCompletesOnFinish() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\nServer: x\r\n\r\nabc");
        feed(p, "def");
        assertThat(collector.messages).isEmpty();
        assertThat(p.messageInProgress()).isTrue();
        assertThat(p.finish()).isNull();
        assertThat(collector.messages).hasSize(1);
        assertThat(collector.messages.get(0).body()).isEqualTo("abcdef");
        assertThat(collector.messages.get(0).head().shouldKeepAlive()).isFalse();
        assertThat(p.messageInProgress()).isFalse();
    }

    @Test
    void responseTransferEncodingNotEndingInChunkedReadsUntilEof() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw");
        assertThat(p.error()).isNull();
        assertThat(p.finish()).isNull();
        assertThat(collector.messages.get(0).body()).isEqualTo("raw");
    }

    @Test
    void finishInTheMiddleOfAMessageIsAnError() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\nContent-Le");
        assertThat(p.finish()).isEqualTo(HttpParseError.HPE_INVALID_EOF_STATE);
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_EOF_STATE);

        HttpParser q = parser(HttpParser.Kind.REQUEST);
        feed(q, "GET / HTTP/1.1\r\nHost: x\r\n\r\n\r\n");
        assertThat(q.finish()).isNull();
    }

    @Test
    void switchingProtocolsStopsAfterTheHead() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        assertThat(feed(p, head + "\u0081\u0005hello")).isEqualTo(head.length());
        assertThat(p.error()).isNull();
        assertThat(collector.messages.get(0).head().isUpgrade()).isTrue();
        assertThat(feed(p, "more")).isZero();
    }

    @Test
    void connectResponseIsAnUpgrade() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        p.expectResponseTo(HttpMethods.CONNECT);
        String head = "HTTP/1.1 200 Connection established\r\n\r\n";
        assertThat(feed(p, head + "TLS")).isEqualTo(head.length());
        assertThat(collector.messages.get(0).head().isUpgrade()).isTrue();
    }

    @Test
    void responseLineEndsMustBeCrlf() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_CR_EXPECTED);
        p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\rContent-Length: 0\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_STRICT);
        p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 2x0 OK\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_STATUS);
        p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.2 200 OK\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_VERSION);
        p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_HEADER_TOKEN);
    }

    @Test
    void responseKeepAlive() {
        assertThat(responseHead("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").shouldKeepAlive()).isTrue();
        assertThat(responseHead("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                .shouldKeepAlive()).isFalse();
        assertThat(responseHead("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").shouldKeepAlive()).isFalse();
        assertThat(responseHead("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                .shouldKeepAlive()).isTrue();
        // Delimited by EOF: never kept.
        assertThat(responseHead("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n").shouldKeepAlive()).isFalse();
        assertThat(responseHead("HTTP/1.1 204 No Content\r\n\r\n").shouldKeepAlive()).isTrue();
    }

    private static HttpHead responseHead(String s) {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, s);
        assertThat(p.error()).isNull();
        return collector.heads.get(0);
    }

    @Test
    void dataAfterANonKeepAliveResponseIsAnError() {
        HttpParser p = parser(HttpParser.Kind.RESPONSE);
        feed(p, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx\r\n\r\nz");
        assertThat(collector.messages).hasSize(1);
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_CLOSED_CONNECTION);
    }

    // ---------------------------------------------------------------- requests

    @Test
    void requestHeadAccessors() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        feed(p, "GET /a?b=1#f HTTP/1.1\r\nHost: Example.test\r\nX-Caf\u00e9: \t v\u00e9 \t\r\nEmpty:\r\n\r\n");
        assertThat(p.error()).as(p.errorReason()).isNotNull();
        // A non-tchar (0xE9) in a name is rejected...
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_HEADER_TOKEN);
        p = parser(HttpParser.Kind.REQUEST);
        // ...but obs-text in values is fine.
        feed(p, "GET /a?b=1#f HTTP/1.1\r\nHost: Example.test\r\nX-V: \t v\u00e9 \t\r\nEmpty:\r\n\r\n");
        assertThat(p.error()).isNull();
        HttpHead h = collector.messages.get(0).head();
        assertThat(h.method()).isSameAs(HttpMethods.GET);
        assertThat(h.url()).isEqualTo("/a?b=1#f");
        assertThat(h.urlEquals("/a?b=1#f")).isTrue();
        assertThat(h.urlEquals("/a?b=1")).isFalse();
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.indexOf("host")).isZero();
        assertThat(h.indexOf("x-v")).isEqualTo(1);
        assertThat(h.indexOf("nope")).isEqualTo(-1);
        assertThat(h.nameEqualsIgnoreCase(0, "host")).isTrue();
        assertThat(h.valueEqualsIgnoreCase(0, "example.TEST")).isTrue();
        assertThat(h.value(1)).isEqualTo("v\u00e9");
        assertThat(h.value(2)).isEmpty();
        assertThat(h.contentLength()).isEqualTo(-1);
        assertThat(h.statusCode()).isZero();
        assertThat(h.shouldKeepAlive()).isTrue();
        assertThat(h.isUpgrade()).isFalse();
    }

    @Test
    void httpTenKeepAliveRules() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        feed(p, "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\nGET /2 HTTP/1.0\r\n\r\nGET /3 HTTP/1.0\r\n\r\n");
        assertThat(collector.messages).hasSize(2);
        assertThat(collector.messages.get(0).head().shouldKeepAlive()).isTrue();
        assertThat(collector.messages.get(1).head().shouldKeepAlive()).isFalse();
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_CLOSED_CONNECTION);
        assertThat(p.errorReason()).isEqualTo("Data after `Connection: close`");
    }

    @Test
    void proxyConnectionCloseAndTokenRules() {
        assertThat(requestHead("GET / HTTP/1.1\r\nProxy-Connection: close\r\n\r\n").shouldKeepAlive()).isFalse();
        assertThat(requestHead("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n").shouldKeepAlive()).isTrue();
        assertThat(requestHead("GET / HTTP/1.1\r\nConnection: close;x\r\n\r\n").shouldKeepAlive()).isTrue();
        assertThat(requestHead("GET / HTTP/1.1\r\nConnection: foo,  CLOSE \r\n\r\n").shouldKeepAlive()).isFalse();
        assertThat(requestHead("GET / HTTP/1.1\r\nConnection: a\r\nConnection: close\r\n\r\n").shouldKeepAlive())
                .isFalse();
    }

    private static HttpHead requestHead(String s) {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        feed(p, s);
        assertThat(p.error()).as(p.errorReason()).isNull();
        return collector.messages.get(0).head();
    }

    @Test
    void upgradeRequestParsedNormallyUnlessTheListenerTakesIt() {
        String up = "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
        String next = "GET /next HTTP/1.1\r\n\r\n";
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        assertThat(feed(p, up + next)).isEqualTo(up.length() + next.length());
        assertThat(collector.messages).hasSize(2);
        assertThat(collector.messages.get(0).head().isUpgrade()).isTrue();

        p = parser(HttpParser.Kind.REQUEST);
        collector.decide = h -> h.isUpgrade() ? HttpParser.Listener.UPGRADE : HttpParser.Listener.NORMAL;
        assertThat(feed(p, up + next)).isEqualTo(up.length());
        assertThat(collector.events).containsExactly("begin", "head", "complete");
        assertThat(p.error()).isNull();
        assertThat(feed(p, next)).isZero();
    }

    @Test
    void connectIsAnUpgrade() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        collector.decide = h -> HttpParser.Listener.UPGRADE;
        String head = "CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n";
        assertThat(feed(p, head + "\u0016\u0003\u0001")).isEqualTo(head.length());
        HttpHead h = collector.messages.get(0).head();
        assertThat(h.method()).isSameAs(HttpMethods.CONNECT);
        assertThat(h.url()).isEqualTo("example.test:443");
        assertThat(h.isUpgrade()).isTrue();
    }

    @Test
    void storedHeaderLimitKeepsFramingOfLaterLines() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        p.setMaxStoredHeaders(2);
        feed(p, "POST / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertThat(p.error()).isNull();
        HttpHead h = collector.messages.get(0).head();
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.name(1)).isEqualTo("B");
        assertThat(h.contentLength()).isEqualTo(3);
        assertThat(h.shouldKeepAlive()).isFalse();
        assertThat(collector.messages.get(0).body()).isEqualTo("abc");
    }

    @Test
    void headerSizeCountsTargetNamesAndValuesWithTrailingWhitespace() {
        // Counted: "/abc" (4) + "Name" (4) + "val  " (5) = 13; leading OWS, method, version, colons not.
        String req = "GET /abc HTTP/1.1\r\nName:   val  \r\n\r\n";
        HttpParser ok = parser(HttpParser.Kind.REQUEST, 14);
        feed(ok, req);
        assertThat(ok.error()).isNull();
        HttpParser over = parser(HttpParser.Kind.REQUEST, 13);
        feed(over, req);
        assertThat(over.error()).isEqualTo(HttpParseError.HPE_HEADER_OVERFLOW);
        assertThat(over.error().status()).isEqualTo(431);
        assertThat(over.headerBytes()).isEqualTo(13);
        assertThat(over.scratchCapacity()).isLessThanOrEqualTo(13 + HttpParser.SCRATCH_SLACK);
    }

    @Test
    void eachRequestHasItsOwnBudget() {
        HttpParser p = parser(HttpParser.Kind.REQUEST, 20);
        String one = "GET /0123456789 HTTP/1.1\r\nA: b\r\n\r\n"; // 11 + 1 + 1 = 13 each
        feed(p, one + one + one);
        assertThat(p.error()).isNull();
        assertThat(collector.messages).hasSize(3);
    }

    @Test
    void contentLengthMaxU64IsAcceptedAndOneMoreOverflows() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        collector.decide = h -> {
            assertThat(h.contentLength()).isEqualTo(Long.MAX_VALUE);
            return HttpParser.Listener.NORMAL;
        };
        feed(p, "POST / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\nhello");
        assertThat(p.error()).isNull();
        assertThat(collector.events).containsExactly("begin", "head");
        p = parser(HttpParser.Kind.REQUEST);
        feed(p, "POST / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_CONTENT_LENGTH);
        assertThat(p.errorReason()).isEqualTo("Content-Length overflow");
    }

    @Test
    void chunkExtensionsOverTheLimitAre413() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        String ext = "e".repeat(16384);
        feed(p, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + ext + "\r\nx\r\n0\r\n\r\n");
        assertThat(p.error()).isNull();
        p = parser(HttpParser.Kind.REQUEST);
        feed(p, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + ext + "e\r\nx\r\n0\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_CHUNK_EXTENSIONS_OVERFLOW);
        assertThat(p.error().status()).isEqualTo(413);
    }

    @Test
    void methodsAreCaseSensitiveAndProtocolChecked() {
        assertThat(requestHead("M-SEARCH * HTTP/1.1\r\n\r\n").method()).isSameAs(HttpMethods.M_SEARCH);
        assertThat(requestHead("DESCRIBE / RTSP/1.0\r\n\r\n").method()).isSameAs(HttpMethods.DESCRIBE);
        assertThat(requestHead("SOURCE / ICE/1.0\r\n\r\n").versionMinor()).isZero();
        for (String bad : new String[] {"get / HTTP/1.1\r\n\r\n", "GETX / HTTP/1.1\r\n\r\n",
                "DESCRIBE / HTTP/1.1\r\n\r\n", "GET / ICE/1.0\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"}) {
            HttpParser p = parser(HttpParser.Kind.REQUEST);
            feed(p, bad);
            assertThat(p.error()).as(bad).isNotNull();
            assertThat(p.error().status()).isEqualTo(400);
        }
        assertThat(HttpMethods.NODE_METHODS).hasSize(35).contains("QUERY").doesNotContain("PRI");
    }

    @Test
    void missingVersionIsHttp09WithHeaders() {
        HttpHead h = requestHead("GET /path\r\nX: y\r\n\r\n");
        assertThat(h.versionMajor()).isZero();
        assertThat(h.versionMinor()).isEqualTo(9);
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.shouldKeepAlive()).isFalse();
    }

    // ---------------------------------------------------------------- pause / resume / reset

    @Test
    void pauseInHeadersCompleteStopsUntilResumed() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        collector.pauseOnHead = true;
        String head = "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n";
        byte[] in = b(head + "abc");
        int n = p.execute(in, 0, in.length);
        assertThat(n).isEqualTo(head.length());
        assertThat(p.isPaused()).isTrue();
        assertThat(p.execute(in, n, in.length - n)).isZero();
        collector.pauseOnHead = false;
        p.resume();
        assertThat(p.execute(in, n, in.length - n)).isEqualTo(3);
        assertThat(collector.messages.get(0).body()).isEqualTo("abc");
    }

    @Test
    void pauseWithNoBodyCompletesTheMessageOnResumeEvenWithoutBytes() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        collector.pauseOnHead = true;
        feed(p, "GET / HTTP/1.1\r\n\r\n");
        assertThat(collector.events).containsExactly("begin", "head");
        p.resume();
        assertThat(p.execute(new byte[0], 0, 0)).isZero();
        assertThat(collector.events).containsExactly("begin", "head", "complete");
    }

    @Test
    void pauseAtMessageCompleteStopsAtTheBoundary() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        collector.pauseOnComplete = true;
        String one = "GET /1 HTTP/1.1\r\n\r\n";
        byte[] in = b(one + "GET /2 HTTP/1.1\r\n\r\n");
        assertThat(p.execute(in, 0, in.length)).isEqualTo(one.length());
        assertThat(collector.messages).hasSize(1);
        p.resume();
        assertThat(p.execute(in, one.length(), in.length - one.length())).isEqualTo(in.length - one.length());
        assertThat(collector.messages).hasSize(2);
        assertThat(collector.messages.get(1).head().url()).isEqualTo("/2");
    }

    @Test
    void resetClearsErrorAndState() {
        HttpParser p = parser(HttpParser.Kind.REQUEST);
        feed(p, "BREW / HTTP/1.1\r\n\r\n");
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_INVALID_METHOD);
        assertThat(p.errorReason()).isEqualTo("Invalid method encountered");
        assertThat(feed(p, "GET / HTTP/1.1\r\n\r\n")).isZero();
        p.reset();
        assertThat(p.error()).isNull();
        feed(p, "GET /ok HTTP/1.1\r\n\r\n");
        assertThat(p.error()).isNull();
        assertThat(collector.messages).extracting(m -> m.head().url()).containsExactly("/ok");
    }

    @Test
    void errorStatuses() {
        assertThat(HttpParseError.HPE_HEADER_OVERFLOW.status()).isEqualTo(431);
        assertThat(HttpParseError.HPE_CHUNK_EXTENSIONS_OVERFLOW.status()).isEqualTo(413);
        assertThat(HttpParseError.HPE_INVALID_METHOD.status()).isEqualTo(400);
        assertThat(HttpParseError.HPE_INVALID_METHOD.message()).isEqualTo("Invalid method encountered");
    }
}
