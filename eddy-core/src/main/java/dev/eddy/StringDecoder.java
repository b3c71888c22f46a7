package dev.eddy;

import dev.eddy.internal.StringBytes;
import java.util.Objects;

/**
 * Node's {@code string_decoder.StringDecoder}: turns a stream of buffers into text without
 * splitting a character across chunks. A multi-byte character cut by a chunk boundary is held back
 * until its remaining bytes arrive: UTF-8 sequences, UTF-16LE code units and surrogate pairs, and
 * base64 groups of 3 bytes. Hex, Latin-1 and ASCII pass every chunk straight through.
 *
 * <p>The outputs are Node 20's, quirks included, because the algorithm is src/string_decoder.cc's:
 * an incomplete UTF-8 sequence followed by a byte that cannot continue it is decoded at once (one
 * U+FFFD for its maximal subpart), and {@link #end()} decodes whatever is still held back (U+FFFD
 * for an incomplete UTF-8 sequence, the base64 of 1 or 2 bytes, a lone high surrogate for half a
 * UTF-16 pair; an odd UTF-16LE byte is dropped).
 *
 * <p>Not thread-safe: a decoder holds the state of one stream and is used by one thread at a time
 * (typically the loop thread that reads the stream). After {@link #end()} it can decode a new
 * stream.
 */
public final class StringDecoder {
  private final Encoding encoding;
  // src/string_decoder.h: up to 4 bytes of an incomplete character, how many of them are held
  // (buffered) and how many more complete it (missing).
  private final byte[] incomplete = new byte[4];
  private int buffered;
  private int missing;

  /** A UTF-8 decoder, like Node's {@code new StringDecoder()}. */
  public StringDecoder() {
    this(Encoding.UTF8);
  }

  /**
   * A decoder for {@code encoding}, like Node's {@code new StringDecoder(encoding)}; for a name use
   * {@code new StringDecoder(Encoding.of(name))}, which throws Node's {@code ERR_UNKNOWN_ENCODING}.
   *
   * @param encoding the encoding of the bytes
   */
  public StringDecoder(Encoding encoding) {
    this.encoding = Objects.requireNonNull(encoding, "encoding");
  }

  /** The encoding this decoder decodes. */
  public Encoding encoding() {
    return encoding;
  }

  /**
   * Node's {@code decoder.write(buffer)}: the text of {@code buffer} and of any bytes held back from
   * earlier chunks, without a trailing incomplete character, which is held back in turn.
   *
   * @param buffer the next chunk; its bytes are read now and not retained
   * @return the decoded text, possibly empty
   */
  public String write(Buffer buffer) {
    return decode(buffer.array(), buffer.arrayOffset(), buffer.length());
  }

  /**
   * Node's {@code decoder.end()}: the text of the bytes still held back, and a fresh state.
   *
   * @return the text, empty if nothing was held back
   */
  public String end() {
    return buffered > 0 ? flush() : "";
  }

  /**
   * Node's {@code decoder.end(buffer)}: {@link #write} of {@code buffer}, then {@link #end()}.
   *
   * @param buffer the last chunk
   * @return the text of both
   */
  public String end(Buffer buffer) {
    String text = write(buffer);
    return buffered > 0 ? text + flush() : text;
  }

  // src/string_decoder.cc StringDecoder::DecodeData, statement by statement.
  private String decode(byte[] data, int off, int nread) {
    if (encoding != Encoding.UTF8 && encoding != Encoding.UTF16LE && encoding != Encoding.BASE64
        && encoding != Encoding.BASE64URL) {
      return StringBytes.decode(encoding, data, off, nread);
    }
    String prepend = null;
    String body;
    if (missing > 0) {
      if (encoding == Encoding.UTF8) {
        // A byte that cannot continue the held-back sequence ends it: it is decoded as it is
        // (with the continuation bytes before this one), and the byte starts afresh.
        for (int i = 0; i < nread && i < missing; i++) {
          if ((data[off + i] & 0xC0) != 0x80) {
            missing = 0;
            System.arraycopy(data, off, incomplete, buffered, i);
            buffered += i;
            off += i;
            nread -= i;
            break;
          }
        }
      }
      int found = Math.min(nread, missing);
      System.arraycopy(data, off, incomplete, buffered, found);
      off += found;
      nread -= found;
      missing -= found;
      buffered += found;
      if (missing == 0) {
        prepend = StringBytes.decode(encoding, incomplete, 0, buffered);
        buffered = 0;
      }
    }
    if (nread == 0) {
      body = prepend != null ? prepend : "";
      prepend = null;
    } else {
      if (encoding == Encoding.UTF8 && (data[off + nread - 1] & 0x80) != 0) {
        // Ends on a non-ASCII byte: find where its character starts and how long it should be.
        for (int i = nread - 1; ; --i) {
          buffered++;
          int b = data[off + i];
          if ((b & 0xC0) == 0x80) {
            if (buffered >= 4 || i == 0) {
              // Too many continuation bytes, or no lead byte in this chunk: invalid anyway, and
              // the UTF-8 decoder replaces it.
              buffered = 0;
              break;
            }
          } else {
            if ((b & 0xE0) == 0xC0) {
              missing = 2;
            } else if ((b & 0xF0) == 0xE0) {
              missing = 3;
            } else if ((b & 0xF8) == 0xF0) {
              missing = 4;
            } else {
              buffered = 0; // not a lead byte of a representable character
              break;
            }
            if (buffered >= missing) {
              // Complete (or too long, which is invalid anyway): nothing to hold back.
              missing = 0;
              buffered = 0;
            }
            missing -= buffered;
            break;
          }
        }
      } else if (encoding == Encoding.UTF16LE) {
        if (nread % 2 == 1) {
          buffered = 1; // half a code unit
          missing = 1;
        } else if ((data[off + nread - 1] & 0xFC) == 0xD8) {
          buffered = 2; // a high surrogate waiting for its pair
          missing = 2;
        }
      } else if (encoding == Encoding.BASE64 || encoding == Encoding.BASE64URL) {
        buffered = nread % 3;
        if (buffered > 0) {
          missing = 3 - buffered;
        }
      }
      if (buffered > 0) {
        nread -= buffered;
        System.arraycopy(data, off + nread, incomplete, 0, buffered);
      }
      body = nread > 0 ? StringBytes.decode(encoding, data, off, nread) : "";
    }
    return prepend == null ? body : prepend + body;
  }

  // src/string_decoder.cc StringDecoder::FlushData.
  private String flush() {
    if (encoding == Encoding.UTF16LE && buffered % 2 == 1) {
      missing--; // a single trailing byte is dropped
      buffered--;
    }
    if (buffered == 0) {
      return "";
    }
    String text = StringBytes.decode(encoding, incomplete, 0, buffered);
    missing = 0;
    buffered = 0;
    return text;
  }
}
