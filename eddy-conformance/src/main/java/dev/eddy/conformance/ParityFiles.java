package dev.eddy.conformance;

import dev.eddy.web.App;
import dev.eddy.web.SendFileOptions;
import dev.eddy.web.StaticOptions;
import dev.eddy.web.Web;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Sections A6 (sendFile, download) and A16 (static files) of the parity app, as ref/app.js has them. */
final class ParityFiles {
  private ParityFiles() {}

  /**
   * The fixtures folder: {@code EXPRESS_PARITY_FIXTURES}, else the first {@code
   * shared/express-parity/ref/fixtures} found next to the working directory or one of its parents.
   */
  static Path fixtures() {
    String env = System.getenv("EXPRESS_PARITY_FIXTURES");
    if (env != null && !env.isEmpty()) return Path.of(env).toAbsolutePath();
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/express-parity/ref/fixtures");
      if (Files.isDirectory(candidate)) return candidate;
    }
    return start.resolve("../shared/express-parity/ref/fixtures").normalize();
  }

  static void register(App app) {
    Path files = fixtures().resolve("files");
    String filesDir = files.toString();
    app.get("/download", (req, res) -> res.download(files.resolve("report.txt").toString()));
    app.get("/download/renamed", (req, res) -> res.download(files.resolve("report.txt").toString(), "Résumé 2024.txt"));
    app.get("/download/missing", (req, res) -> res.download(files.resolve("does-not-exist.txt").toString()));
    app.get("/sendfile", (req, res) -> res.sendFile("report.txt",
        SendFileOptions.defaults().root(Path.of(filesDir)).header("X-Sent-File", "report.txt")));
    app.get("/sendfile/cached", (req, res) -> res.sendFile("report.txt",
        SendFileOptions.defaults().root(files).maxAge("2h").immutable(true)));
    app.get("/sendfile/missing", (req, res) -> res.sendFile("nope.txt", SendFileOptions.defaults().root(files)));
    app.get("/sendfile/dotfile", (req, res) -> res.sendFile(".hidden", SendFileOptions.defaults().root(files)));
  }

  static void registerStatic(App app) {
    Path pub = fixtures().resolve("public");
    app.use("/static", Web.serveStatic(pub));
    app.use("/assets", Web.serveStatic(pub, StaticOptions.defaults()
        .fallthrough(false)
        .index(List.of())
        .maxAge("1d")
        .immutable(true)
        .dotfiles(SendFileOptions.Dotfiles.DENY)
        .extensions(List.of("html"))
        .setHeaders((res, filePath, stat) -> res.set("X-Static-File", filePath.getFileName().toString()))));
  }
}
