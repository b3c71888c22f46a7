package dev.eddy.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzing seeded with the http-diff cases (and some responses): mutated inputs never throw, every
 * execute returns with progress or a reason to stop, splits never change the events, and an
 * over-long head fails with 431 without the scratch growing past the limit.
 */
class HttpParserFuzzTest {

    private static final List<byte[]> SEEDS = seeds();
    private static final byte[] ALPHABET = "\r\n \t:;,=\"\\/?#@*0123456789abcdefABCDEFxX-\u0000\u000b\u007f\u00ff\u00e9"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        Path d = HttpDiffCases.locate();
        if (d != null) {
            try {
                for (HttpDiffCases.Case c : HttpDiffCases.loadCases(d)) {
                    if (c.raw().length <= 32 * 1024) {
                        out.add(c.raw());
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        for (String s : new String[] {
                "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\"b\"\r\nabc\r\n0\r\nT: 1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nrest",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\n\u0081"}) {
            out.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1),
                Arbitraries.longs().list().ofMinSize(0).ofMaxSize(8)).as((i, ops) -> mutate(SEEDS.get(i), ops));
    }

    /** Applies byte flips, insertions, deletions, slice duplications and truncations chosen by ops. */
    static byte[] mutate(byte[] seed, List<Long> ops) {
        byte[] b = seed.clone();
        for (long op : ops) {
            Random r = new Random(op);
            int kind = r.nextInt(6);
            int n = b.length;
            int pos = n == 0 ? 0 : r.nextInt(n);
            byte x = r.nextBoolean() ? ALPHABET[r.nextInt(ALPHABET.length)] : (byte) r.nextInt(256);
            switch (kind) {
                case 0 -> {
                    if (n > 0) {
                        b[pos] = x;
                    }
                }
                case 1 -> {
                    byte[] c = new byte[n + 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    c[pos] = x;
                    System.arraycopy(b, pos, c, pos + 1, n - pos);
                    b = c;
                }
                case 2 -> {
                    int len = Math.min(n - pos, 1 + r.nextInt(8));
                    byte[] c = new byte[n - len];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + len, c, pos, n - pos - len);
                    b = c;
                }
                case 3 -> {
                    int len = Math.min(n - pos, 1 + r.nextInt(64));
                    byte[] c = new byte[n + len];
                    System.arraycopy(b, 0, c, 0, pos + len);
                    System.arraycopy(b, pos, c, pos + len, n - pos);
                    b = c;
                }
                case 4 -> b = Arrays.copyOf(b, pos);
                default -> {
                    // Case flip of a letter: exercises the case-(in)sensitive comparisons.
                    if (n > 0 && Character.isLetter(b[pos])) {
                        b[pos] ^= 0x20;
                    }
                }
            }
        }
        return b;
    }

    @Provide
    Arbitrary<int[]> splitSeeds() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofMinSize(0).ofMaxSize(6);
    }

    private static int[] splits(int[] seeds, int length) {
        if (length < 2) {
            return new int[0];
        }
        return Arrays.stream(seeds).map(s -> 1 + s % (length - 1)).sorted().distinct().toArray();
    }

    @Property(tries = 3000)
    void mutatedInputNeverThrowsAndAlwaysReturns(@ForAll("mutated") byte[] in, @ForAll("splitSeeds") int[] cut,
                                                @ForAll boolean response, @ForAll @IntRange(min = 16, max = 16384) int max) {
        HttpParser.Kind kind = response ? HttpParser.Kind.RESPONSE : HttpParser.Kind.REQUEST;
        HttpDiffCases.Recorder rec = new HttpDiffCases.Recorder();
        HttpParser p = new HttpParser(kind, rec, max);
        int[] s = splits(cut, in.length);
        int prev = 0;
        boolean stopped = false;
        for (int k = 0; k <= s.length && !stopped; k++) {
            int end = k < s.length ? s[k] : in.length;
            int n = p.execute(in, prev, end - prev);
            assertThat(n).isBetween(0, end - prev);
            if (n < end - prev) {
                // Only an error or an upgrade may stop a parser nobody paused.
                assertThat(p.error() != null || p.execute(in, prev + n, end - prev - n) == 0).isTrue();
                stopped = true;
            }
            prev = end;
            assertThat(p.scratchCapacity()).isLessThanOrEqualTo(max + HttpParser.SCRATCH_SLACK);
        }
        p.finish();
        assertThat(p.headerBytes()).isLessThanOrEqualTo(max);
    }

    @Property(tries = 3000)
    void splitsNeverChangeTheEvents(@ForAll("mutated") byte[] in, @ForAll("splitSeeds") int[] cut,
                                    @ForAll boolean response) {
        HttpParser.Kind kind = response ? HttpParser.Kind.RESPONSE : HttpParser.Kind.REQUEST;
        List<String> whole = HttpDiffCases.run(kind, 16384, in, new int[0]);
        assertThat(HttpDiffCases.run(kind, 16384, in, splits(cut, in.length))).isEqualTo(whole);
    }

    @Property(tries = 500)
    void overLongHeadsFailWith431WithoutBuffering(@ForAll @IntRange(min = 32, max = 4096) int max,
                                                  @ForAll @IntRange(min = 0, max = 3) int shape,
                                                  @ForAll("splitSeeds") int[] cut) {
        StringBuilder sb = new StringBuilder();
        switch (shape) {
            case 0 -> sb.append("GET /").append("u".repeat(max)).append(" HTTP/1.1\r\n\r\n");
            case 1 -> sb.append("GET / HTTP/1.1\r\nX: ").append("v".repeat(max)).append("\r\n\r\n");
            case 2 -> {
                sb.append("GET / HTTP/1.1\r\n");
                for (int i = 0; sb.length() < 3 * max; i++) {
                    sb.append("H").append(i).append(": x\r\n");
                }
                sb.append("\r\n");
            }
            default -> {
                sb.append("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n");
                for (int i = 0; sb.length() < 3 * max; i++) {
                    sb.append("T").append(i).append(": ").append("t".repeat(40)).append("\r\n");
                }
                sb.append("\r\n");
            }
        }
        byte[] in = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        HttpParser p = new HttpParser(HttpParser.Kind.REQUEST, new HttpDiffCases.Recorder(), max);
        int[] s = splits(cut, in.length);
        int prev = 0;
        long consumed = 0;
        for (int k = 0; k <= s.length; k++) {
            int end = k < s.length ? s[k] : in.length;
            consumed += p.execute(in, prev, end - prev);
            prev = end;
            if (p.error() != null) {
                break;
            }
        }
        assertThat(p.error()).isEqualTo(HttpParseError.HPE_HEADER_OVERFLOW);
        assertThat(p.error().status()).isEqualTo(431);
        assertThat(consumed).isLessThan(in.length);
        assertThat(p.scratchCapacity()).isLessThanOrEqualTo(max + HttpParser.SCRATCH_SLACK);
    }
}
