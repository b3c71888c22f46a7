package dev.eddy.stream;

import dev.eddy.Buffer;
import dev.eddy.Encoding;
import dev.eddy.StringDecoder;

/** The decoder behind a readable side's encoding: Node's string_decoder and its normalized name. */
final class TextDecoder {
  private final StringDecoder decoder;

  private TextDecoder(Encoding encoding) {
    this.decoder = new StringDecoder(encoding);
  }

  /** @throws dev.eddy.NodeException ERR_UNKNOWN_ENCODING for an unknown name */
  static TextDecoder forEncoding(String name) {
    return new TextDecoder(Encoding.of(name));
  }

  String encoding() {
    return decoder.encoding().nodeName();
  }

  String write(Buffer bytes) {
    return decoder.write(bytes);
  }

  String end() {
    return decoder.end();
  }
}
