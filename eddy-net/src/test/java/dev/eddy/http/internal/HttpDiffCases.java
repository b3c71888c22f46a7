package dev.eddy.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Test support: the http-diff oracle's cases (shared/http-diff), a tiny JSON reader, an event recorder
 * and a model of what Node's server does with the parser's events (the server-level rules).
 */
final class HttpDiffCases {
    private HttpDiffCases() {
    }

    /** One case: raw bytes and the split offsets. */
    record Case(String name, byte[] raw, int[] chunks) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ------------------------------------------------------------------ locating and loading

    /**
     * Finds shared/http-diff: walking up from the working directory, then (for a git worktree whose
     * .git is a file) up from the main repository's git directory. Null when absent.
     */
    static Path locate() {
        String override = System.getenv("HTTP_DIFF_DIR");
        if (override != null && Files.isDirectory(Path.of(override))) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("http-diff");
            if (Files.isDirectory(c.resolve("cases"))) {
                return c;
            }
            Path git = d.resolve(".git");
            if (Files.isRegularFile(git)) {
                try {
                    String s = Files.readString(git).trim();
                    if (s.startsWith("gitdir:")) {
                        for (Path g = Path.of(s.substring(7).trim()); g != null; g = g.getParent()) {
                            Path c2 = g.resolve("shared").resolve("http-diff");
                            if (Files.isDirectory(c2.resolve("cases"))) {
                                return c2;
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // not a worktree pointer we understand; keep walking
                }
            }
        }
        return null;
    }

    static List<Case> loadCases(Path dir) throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("cases"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Object json = Json.parse(Files.readString(f, StandardCharsets.UTF_8));
                List<?> items = json instanceof List<?> l ? l : List.of(json);
                for (Object o : items) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    byte[] raw;
                    if (m.get("raw") instanceof String s) {
                        raw = s.getBytes(StandardCharsets.ISO_8859_1);
                    } else {
                        raw = Base64.getDecoder().decode((String) m.get("raw_b64"));
                    }
                    int[] chunks = new int[0];
                    if (m.get("chunks") instanceof List<?> cl) {
                        chunks = cl.stream().mapToInt(x -> ((Long) x).intValue()).toArray();
                    }
                    out.add(new Case((String) m.get("name"), raw, chunks));
                }
            }
        }
        return out;
    }

    static Map<String, Object> loadExpected(Path dir) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("expected.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<?, ?> m = (Map<?, ?>) Json.parse(line);
            out.put((String) m.get("name"), m.get("outcome"));
        }
        return out;
    }

    // ------------------------------------------------------------------ JSON

    /** Minimal JSON reader: objects (LinkedHashMap), arrays, strings, Long/Double numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.i != s.length()) {
                throw new IllegalArgumentException("trailing data at " + j.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    i += 4;
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    i += 5;
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    i += 4;
                    return null;
                }
                default -> {
                    int st = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String num = s.substring(st, i);
                    return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ event log

    /** Records every event as text, merging body pieces, so that runs can be compared. */
    static final class Recorder implements HttpParser.Listener {
        final List<String> log = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpParser parser;

        @Override
        public void onMessageBegin() {
            log.add("begin");
        }

        @Override
        public int onHeadersComplete(HttpHead head) {
            log.add("head " + describe(head));
            return head.method() == HttpMethods.CONNECT ? UPGRADE : NORMAL;
        }

        @Override
        public void onBody(byte[] buf, int off, int len) {
            body.write(buf, off, len);
        }

        @Override
        public void onMessageComplete(HttpHead trailers) {
            flushBody();
            log.add("complete " + (trailers == null ? "-" : describe(trailers)));
        }

        void flushBody() {
            if (body.size() > 0) {
                log.add("body " + sha(body.toByteArray()) + " " + body.size());
                body.reset();
            }
        }
    }

    static String describe(HttpHead h) {
        StringBuilder sb = new StringBuilder();
        sb.append(h.method()).append('|').append(h.url()).append('|').append(h.versionMajor()).append('.')
                .append(h.versionMinor()).append('|').append(h.statusCode()).append('|').append(h.statusMessage())
                .append("|cl=").append(h.contentLength()).append(",ch=").append(h.isChunked()).append(",ka=")
                .append(h.shouldKeepAlive()).append(",up=").append(h.isUpgrade()).append('|');
        for (int i = 0; i < h.size(); i++) {
            sb.append(h.name(i)).append('=').append(h.value(i)).append(';');
        }
        return sb.toString();
    }

    /** Feeds the pieces in order and returns the log plus the consumed total and the error. */
    static List<String> run(byte[] raw, int[] splits) {
        return run(HttpParser.Kind.REQUEST, 16384, raw, splits);
    }

    /** As {@link #run(byte[], int[])} for either kind and any header limit; EOF is signalled at the end. */
    static List<String> run(HttpParser.Kind kind, int maxHeaderSize, byte[] raw, int[] splits) {
        Recorder rec = new Recorder();
        HttpParser p = new HttpParser(kind, rec, maxHeaderSize);
        rec.parser = p;
        long consumed = 0;
        int prev = 0;
        for (int k = 0; k <= splits.length; k++) {
            int end = k < splits.length ? splits[k] : raw.length;
            int n = p.execute(raw, prev, end - prev);
            consumed += n;
            if (n < end - prev) {
                break;
            }
            prev = end;
        }
        rec.flushBody();
        if (kind == HttpParser.Kind.RESPONSE) {
            rec.log.add("finish " + p.finish());
            rec.flushBody();
        }
        rec.log.add("consumed " + consumed + " error " + p.error() + " inMessage " + p.messageInProgress()
                + " headerBytes " + p.headerBytes());
        return rec.log;
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ Node's server, modelled

    /** The outcome as run.js normalizes it, plus which server-level rules were used. */
    record Outcome(Map<String, Object> normalized, Set<String> rules) {
    }

    /**
     * What Node's http server (node-echo.js) answers, derived from the parser's events and the rules
     * that live in Node's JS server rather than in llhttp: 1.1 without Host (400), Expect (100 / 417,
     * 1.1 only), CONNECT without handler (close, no answer), Connection close (answer then close; later
     * data in the same read is llhttp's "data after close"), the same-read rule (a parse error in the
     * read that completed requests replaces their unwritten answers by the error status), and the
     * discard of the rest of a read after an Upgrade request.
     */
    static Outcome simulate(Case c) {
        List<Object> responses = new ArrayList<>();
        Set<String> rules = new TreeSet<>();
        List<Object> pending = new ArrayList<>();
        boolean[] closeAfter = {false};
        boolean[] connect = {false};
        boolean[] hostFail = {false};
        boolean[] discardRest = {false};
        HttpParser[] parser = new HttpParser[1];
        HttpParser.Listener l = new HttpParser.Listener() {
            HttpHead head;
            int status;
            final ByteArrayOutputStream body = new ByteArrayOutputStream();

            @Override
            public void onMessageBegin() {
                body.reset();
            }

            @Override
            public int onHeadersComplete(HttpHead h) {
                head = h;
                status = 200;
                if (h.method() == HttpMethods.CONNECT) {
                    connect[0] = true;
                    rules.add("connect");
                    return UPGRADE;
                }
                if (h.versionMajor() == 1 && h.versionMinor() == 1) {
                    int expect = h.indexOf("expect");
                    if (h.indexOf("host") < 0) {
                        status = 400;
                        rules.add("host");
                    } else if (expect >= 0) {
                        StringBuilder joined = new StringBuilder();
                        for (int i = 0; i < h.size(); i++) {
                            if (h.nameEqualsIgnoreCase(i, "expect")) {
                                joined.append(joined.length() > 0 ? ", " : "").append(h.value(i));
                            }
                        }
                        if (is100Continue(joined.toString())) {
                            responses.add(Map.of("status", 100L));
                            rules.add("expect-100");
                        } else {
                            status = 417;
                            rules.add("expect-417");
                        }
                    }
                }
                return NORMAL;
            }

            @Override
            public void onBody(byte[] buf, int off, int len) {
                body.write(buf, off, len);
            }

            @Override
            public void onMessageComplete(HttpHead trailers) {
                if (status == 200) {
                    pending.add(Map.of("status", 200L, "echo", echo(head, body.toByteArray(), trailers)));
                } else {
                    pending.add(Map.of("status", (long) status));
                }
                if (status == 400) {
                    hostFail[0] = true;
                    parser[0].pause();
                } else if (!head.shouldKeepAlive()) {
                    closeAfter[0] = true;
                }
                if (head.isUpgrade() && head.method() != HttpMethods.CONNECT) {
                    // Node drops the rest of the read after an upgrade nobody listens for.
                    discardRest[0] = true;
                    rules.add("upgrade-discard");
                    parser[0].pause();
                }
            }
        };
        HttpParser p = new HttpParser(HttpParser.Kind.REQUEST, l, 16384);
        parser[0] = p;
        boolean closed = false;
        int prev = 0;
        for (int k = 0; k <= c.chunks().length && !closed; k++) {
            int end = k < c.chunks().length ? c.chunks()[k] : c.raw().length;
            int off = prev;
            prev = end;
            while (off < end) {
                int n = p.execute(c.raw(), off, end - off);
                off += n;
                if (p.error() != null || connect[0] || p.isPaused()) {
                    break;
                }
            }
            if (p.error() != null) {
                if (!pending.isEmpty()) {
                    rules.add("same-read");
                }
                pending.clear();
                responses.add(Map.of("status", (long) p.error().status()));
                closed = true;
                break;
            }
            if (connect[0]) {
                pending.clear();
                closed = true;
                break;
            }
            responses.addAll(pending);
            pending.clear();
            if (hostFail[0] || closeAfter[0]) {
                closed = true;
                break;
            }
            if (discardRest[0]) {
                discardRest[0] = false;
                p.resume();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("responses", responses);
        out.put("closed", closed);
        return new Outcome(out, rules);
    }

    /** Node's /(?:^|\W)100-continue(?:$|\W)/i on the comma-joined Expect values. */
    static boolean is100Continue(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        for (int i = s.indexOf("100-continue"); i >= 0; i = s.indexOf("100-continue", i + 1)) {
            boolean before = i == 0 || !isWord(s.charAt(i - 1));
            int e = i + "100-continue".length();
            boolean after = e == s.length() || !isWord(s.charAt(e));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z');
    }

    static Map<String, Object> echo(HttpHead h, byte[] body, HttpHead trailers) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("method", h.method());
        e.put("url", h.url());
        e.put("version", h.versionMajor() + "." + h.versionMinor());
        e.put("headers", fields(h));
        String b64 = Base64.getEncoder().encodeToString(body);
        if (b64.length() > 1368) {
            b64 = "<base64 of " + body.length + " bytes, sha256 " + sha(b64.getBytes(StandardCharsets.US_ASCII)) + ">";
        }
        e.put("body", b64);
        e.put("trailers", trailers == null ? List.of() : fields(trailers));
        return e;
    }

    private static List<Object> fields(HttpHead h) {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            l.add(List.of(h.name(i), h.value(i)));
        }
        return l;
    }
}
