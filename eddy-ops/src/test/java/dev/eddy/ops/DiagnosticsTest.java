package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
  private static final String TOKEN = "a-long-enough-admin-token-0123456789";

  @TempDir Path dir;

  @Test
  void heapDumpsAndRecordingsNeedTheTokenAndLandOnDisk() throws Exception {
    App app = Web.app().set("env", "test");
    app.use("/admin", Diagnostics.routes(TOKEN, dir));
    app.get("/ping", (req, res) -> res.send("pong"));
    try (TestClient c = TestClient.inject(app)) {
      c.post("/admin/heapdump").body("").expect(401).expectHeader("WWW-Authenticate", "Bearer");
      c.post("/admin/heapdump").header("Authorization", "Bearer wrong").body("").expect(401);
      Map<?, ?> heap = (Map<?, ?>) c.post("/admin/heapdump").header("Authorization", "Bearer " + TOKEN).body("").expect(200).json();
      Path hprof = Path.of((String) heap.get("file"));
      assertThat(hprof.getParent()).isEqualTo(dir);
      assertThat(Files.size(hprof)).isGreaterThan(1000);
      c.post("/admin/jfr?seconds=0").header("Authorization", "Bearer " + TOKEN).body("").expect(400);
      Map<?, ?> jfr = (Map<?, ?>) c.post("/admin/jfr?seconds=1").header("Authorization", "Bearer " + TOKEN).body("").expect(200).json();
      Path recording = Path.of((String) jfr.get("file"));
      assertThat(RecordingFile.readAllEvents(recording)).isNotEmpty();
      c.get("/ping").send().expect(200);
    }
  }

  @Test
  void aShortTokenFailsAtStartup() {
    assertThatThrownBy(() -> Diagnostics.routes("short", Path.of("/tmp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 24 characters");
  }
}
