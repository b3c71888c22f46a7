package dev.eddy.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Any split of the input gives the same events, heads, bodies, trailers, errors and consumed count. */
class HttpParserSplitTest {

    @TestFactory
    Stream<DynamicTest> everySplitGivesTheSameEvents() throws IOException {
        Path d = HttpDiffCases.locate();
        Assumptions.assumeTrue(d != null || !"true".equals(System.getenv("CI")) ? d != null : fail());
        return HttpDiffCases.loadCases(d).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            byte[] raw = c.raw();
            List<String> whole = HttpDiffCases.run(raw, new int[0]);
            assertThat(HttpDiffCases.run(raw, c.chunks())).as("case chunks").isEqualTo(whole);
            assertThat(HttpDiffCases.run(raw, IntStream.range(1, raw.length).toArray()))
                    .as("byte by byte").isEqualTo(whole);
            // Large cases: every split near both ends and near where the whole run stopped, plus a spread.
            int stop = Integer.parseInt(whole.get(whole.size() - 1).split(" ")[1]);
            int edge = raw.length <= 64 * 1024 ? 1024 : 128;
            IntStream points = raw.length <= 4096 ? IntStream.range(1, raw.length)
                    : Stream.of(IntStream.range(1, edge).toArray(),
                            IntStream.range(raw.length - edge, raw.length).toArray(),
                            IntStream.rangeClosed(stop - 64, stop + 64).filter(i -> i > 0 && i < raw.length).toArray(),
                            IntStream.range(0, 64).map(i -> edge + (int) ((long) i * (raw.length - 2 * edge) / 64)).toArray())
                    .flatMapToInt(IntStream::of).distinct();
            points.forEach(s -> assertThat(HttpDiffCases.run(raw, new int[] {s})).as("split at %d", s)
                    .isEqualTo(whole));
        }));
    }

    private static boolean fail() {
        throw new AssertionError("shared/http-diff not found and CI=true");
    }

    @Test
    void theLogSeesDifferences() {
        // Guards the comparison itself: different inputs must give different logs.
        byte[] a = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        byte[] b = "GET /b HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        assertThat(HttpDiffCases.run(a, new int[0])).isNotEqualTo(HttpDiffCases.run(b, new int[0]));
    }
}
