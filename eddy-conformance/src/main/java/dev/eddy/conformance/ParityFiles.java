package dev.eddy.conformance;

import dev.eddy.web.App;

/** Sections A6 (sendFile, download) and A16 (static files) of the parity app. */
final class ParityFiles {
  private ParityFiles() {}

  static void register(App app) {
    // sendFile and download arrive with the static-file work
  }

  static void registerStatic(App app) {
    // express.static arrives with the static-file work
  }
}
