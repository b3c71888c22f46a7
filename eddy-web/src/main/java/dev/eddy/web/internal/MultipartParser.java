package dev.eddy.web.internal;

import java.nio.charset.StandardCharsets;

/**
 * An incremental multipart/form-data parser with busboy 1.6's semantics, fed with the body in
 * chunks split anywhere. It never holds a file's bytes: they go to the {@link Listener} as they
 * arrive, except for at most one delimiter's length held back while it might still be the start
 * of a delimiter. A text field's value is collected up to the field size limit, a part's header
 * block up to 16 KiB.
 *
 * <p>Framing follows busboy: the body is searched for {@code CRLF--boundary} (a CRLF is assumed
 * before the body, so a body may start right at the first delimiter); what precedes the first
 * delimiter is a preamble and is ignored; a delimiter followed by {@code --} ends the form and
 * everything after it is ignored; a delimiter followed by CRLF starts a part's header block; a
 * delimiter followed by anything else starts a run of ignored bytes up to the next delimiter (it
 * still counts as a part). Part headers are {@code token ":" OWS value CRLF} lines (folded lines
 * continue the value) ending with an empty line; any other byte is a {@link MalformedException}.
 * Only the first Content-Disposition, Content-Type and Content-Transfer-Encoding are read, and
 * only among the first {@code headerPairs - 1} lines. A part without a valid {@code form-data}
 * disposition is skipped. A part is a file when it has a (non-empty) {@code filename} or {@code
 * filename*} parameter or the type {@code application/octet-stream}; otherwise it is a field.
 *
 * <p>Not thread-safe: one instance per request, used on one thread.
 */
public final class MultipartParser {
  /** Receives the parts. Any callback may call {@link MultipartParser#stop()}. */
  public interface Listener {
    /**
     * A file part begins.
     *
     * @param name the field name (the {@code name} parameter), or null when missing or empty
     * @param filename the file name after {@code basename} (may be empty), or null for an
     *     octet-stream part without one
     * @param encoding Content-Transfer-Encoding in lower case, default {@code 7bit}
     * @param mimeType {@code type/subtype} in lower case, default {@code text/plain}
     * @return whether to receive the file's bytes (false discards them)
     */
    boolean onFile(String name, String filename, String encoding, String mimeType);

    /**
     * Bytes of the current accepted file. When {@code copy} is true the range lives in memory the
     * parser reuses and must be copied before the call returns; otherwise the range belongs to the
     * array given to {@link MultipartParser#push} and is never written by the parser.
     */
    void onFileData(byte[] b, int off, int len, boolean copy);

    /** The current accepted file exceeds the file size limit (its further bytes are discarded). */
    void onFileLimit();

    /** The current accepted file ended. */
    void onFileEnd();

    /**
     * A complete text field.
     *
     * @param name the field name, or null when missing or empty
     * @param value the decoded value, or null when its charset is one busboy cannot decode
     * @param valueTruncated whether the value exceeded the field size limit (and was cut)
     */
    void onField(String name, String value, boolean valueTruncated, String encoding, String mimeType);

    /** The number of parts exceeded the parts limit (reported when the extra part ends). */
    void onPartsLimit();

    /** A file part beyond the files limit began (reported once; such parts are skipped). */
    void onFilesLimit();

    /** A field beyond the fields limit began (reported once; such parts are skipped). */
    void onFieldsLimit();
  }

  /** A malformed body: a bad part header block, or the body ended before the closing delimiter. */
  public static final class MalformedException extends RuntimeException {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Limits with multer's meaning: the largest allowed value, {@link Long#MAX_VALUE} for none.
   *
   * @param fileSize bytes per file
   * @param files file parts
   * @param fields field parts
   * @param parts parts of any kind (including skipped ones)
   * @param fieldSize bytes per field value
   * @param headerPairs header lines read per part (later lines are ignored)
   */
  public record Limits(long fileSize, long files, long fields, long parts, long fieldSize, long headerPairs) {}

  private static final int MAX_HEADER_SIZE = 16 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] DASH = {'-'};
  private static final byte[] CR = {'\r'};
  private static final boolean[] FIELD_VCHAR = new boolean[256];

  static {
    FIELD_VCHAR['\t'] = true;
    for (int c = 0x20; c < 0x100; c++) FIELD_VCHAR[c] = c != 0x7F;
  }

  private final byte[] needle;
  private final Listener listener;
  private final MultipartSyntax.Decoder paramDecoder;
  private final boolean preservePath;
  private final long fileSizeLimit;
  private final long fieldSizeLimit;
  private final long filesLimit;
  private final long fieldsLimit;
  private final long partsLimit;
  private final long headerPairs;

  // ---- delimiter search
  /** How many bytes of the needle the end of the input so far matches (held back, not yet delivered). */
  private int held;
  private boolean stopped;

  // ---- parts
  private boolean complete;
  private int postBoundary;
  private long parts = -1; // the first delimiter opens, it does not end a part
  private long files;
  private long fields;
  private boolean hitFilesLimit;
  private boolean hitFieldsLimit;
  private boolean skipPart;
  private boolean inFile;
  private boolean fileAccepted;
  private long fileSize;
  private boolean inField;
  private byte[] fieldBytes = new byte[64];
  private int fieldLen;
  private boolean partTruncated;
  private String partName;
  private String partType;
  private String partCharset;
  private String partEncoding;

  // ---- header block
  private static final int H_NAME = 0;
  private static final int H_PRE_OWS = 1;
  private static final int H_VALUE = 2;
  private boolean inHeaders;
  private int hState;
  private int hCrlf;
  private int hBytes;
  private long hPairs;
  private final StringBuilder hName = new StringBuilder();
  private final StringBuilder hValue = new StringBuilder();
  private String hDisposition;
  private String hType;
  private String hTransferEncoding;

  /**
   * @param boundary the boundary parameter of the request's Content-Type (must not contain CR)
   * @param limits the limits
   * @param paramDecoder how plain parameter values (name, filename) are decoded: multer reads
   *     them as latin1
   * @param preservePath keep the client's path in file names instead of its {@code basename}
   * @throws IllegalArgumentException when the boundary contains CR (an HTTP header value cannot)
   */
  public MultipartParser(String boundary, Limits limits, MultipartSyntax.Decoder paramDecoder, boolean preservePath,
      Listener listener) {
    if (boundary.indexOf('\r') >= 0) throw new IllegalArgumentException("boundary contains CR");
    this.needle = ("\r\n--" + boundary).getBytes(StandardCharsets.UTF_8);
    this.listener = listener;
    this.paramDecoder = paramDecoder;
    this.preservePath = preservePath;
    // busboy reports when a count or size reaches its limit; multer passes limit + 1 so that
    // only going over the allowed value is reported
    this.fileSizeLimit = plusOne(limits.fileSize());
    this.fieldSizeLimit = plusOne(limits.fieldSize());
    this.partsLimit = plusOne(limits.parts());
    this.filesLimit = limits.files();
    this.fieldsLimit = limits.fields();
    this.headerPairs = limits.headerPairs();
    push(CRLF, 0, 2);
  }

  private static long plusOne(long v) {
    return v == Long.MAX_VALUE ? v : v + 1;
  }

  /** Stops the parser: later {@link #push} calls and the rest of the current one do nothing. */
  public void stop() {
    stopped = true;
  }

  /** Whether the closing delimiter has been seen (later bytes are ignored). */
  public boolean complete() {
    return complete;
  }

  /**
   * Bytes the parser currently holds: a delimiter prefix held back, a field value being collected
   * and a header block being read. File bytes are never held.
   */
  public long bufferedBytes() {
    return held + fieldLen + hName.length() + hValue.length();
  }

  /**
   * Parses the next chunk of the body, calling the listener for what it completes.
   *
   * @throws MalformedException for a malformed part header block (the parser is then stopped)
   */
  public void push(byte[] b, int off, int len) {
    if (stopped || complete) return;
    int end = off + len;
    int i = off;
    int n = needle.length;
    if (held > 0) {
      int k = 0;
      int want = n - held;
      while (k < want && i + k < end && b[i + k] == needle[held + k]) k++;
      if (k == want) {
        held = 0;
        delimiter();
        i += k;
      } else if (i + k == end) {
        held += k;
        return;
      } else {
        // a CR occurs only at the needle's start, so no delimiter starts inside the held bytes
        int h = held;
        held = 0;
        data(needle, 0, h, true);
      }
    }
    int dataStart = i;
    while (i < end && !stopped && !complete) {
      int p = i;
      while (p < end && b[p] != '\r') p++;
      if (p == end) break;
      int k = 1;
      int max = Math.min(n, end - p);
      while (k < max && b[p + k] == needle[k]) k++;
      if (k == n) {
        if (p > dataStart) data(b, dataStart, p, false);
        if (stopped || complete) return;
        delimiter();
        i = p + n;
        dataStart = i;
      } else if (p + k == end) {
        if (p > dataStart) data(b, dataStart, p, false);
        held = k;
        return;
      } else {
        i = p + 1;
      }
    }
    if (end > dataStart && !stopped && !complete) data(b, dataStart, end, false);
  }

  /**
   * Ends the input.
   *
   * @throws MalformedException "Unexpected end of form" when the closing delimiter was not seen
   */
  public void end() {
    if (stopped) return;
    if (!complete) {
      stopped = true;
      throw new MalformedException("Unexpected end of form");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // parts

  /** Bytes between delimiters. */
  private void data(byte[] d, int start, int end, boolean copy) {
    while (!stopped) {
      if (inHeaders) {
        int ret = headerBytes(d, start, end);
        if (ret < 0) {
          inHeaders = false;
          resetHeaders();
          stopped = true;
          throw new MalformedException("Malformed part header");
        }
        start = ret;
        if (stopped) return;
      }
      if (start >= end) return;
      if (postBoundary != 0) {
        if (postBoundary == 1) {
          byte c = d[start];
          if (c == '-') {
            postBoundary = 2;
            start++;
          } else if (c == '\r') {
            postBoundary = 3;
            start++;
          } else {
            postBoundary = 0;
          }
          if (start == end) return;
        }
        if (postBoundary == 2) {
          postBoundary = 0;
          if (d[start] == '-') {
            complete = true;
            return;
          }
          data(DASH, 0, 1, true);
          if (stopped) return;
        } else if (postBoundary == 3) {
          postBoundary = 0;
          if (d[start] == '\n') {
            start++;
            if (parts >= partsLimit) return;
            startHeaders();
            if (start == end) return;
            continue;
          }
          data(CR, 0, 1, true);
          if (stopped) return;
        }
      }
      if (!skipPart) {
        if (inFile) {
          int n = (int) Math.min(end - start, fileSizeLimit - fileSize);
          fileSize += n;
          if (fileSize == fileSizeLimit) {
            if (n > 0 && fileAccepted) listener.onFileData(d, start, n, copy);
            skipPart = true;
            if (fileAccepted && !stopped) listener.onFileLimit();
          } else if (fileAccepted) {
            listener.onFileData(d, start, n, copy);
          }
        } else if (inField) {
          int n = (int) Math.min(end - start, fieldSizeLimit - fieldLen);
          if (fieldLen + n > fieldBytes.length) {
            fieldBytes = java.util.Arrays.copyOf(fieldBytes, Math.max(fieldLen + n, fieldBytes.length * 2));
          }
          System.arraycopy(d, start, fieldBytes, fieldLen, n);
          fieldLen += n;
          if (fieldLen == fieldSizeLimit) {
            skipPart = true;
            partTruncated = true;
          }
        }
      }
      return;
    }
  }

  private void delimiter() {
    postBoundary = 1;
    if (inFile) {
      inFile = false;
      if (fileAccepted) {
        fileAccepted = false;
        listener.onFileEnd();
      }
    } else if (inField) {
      inField = false;
      String value = MultipartSyntax.decodeValue(fieldBytes, fieldLen, partCharset);
      fieldLen = 0;
      if (fieldBytes.length > 4096) fieldBytes = new byte[64];
      listener.onField(partName, value, partTruncated, partEncoding, partType);
    }
    if (stopped) return;
    if (++parts == partsLimit) listener.onPartsLimit();
  }

  private void startHeaders() {
    inHeaders = true;
    resetHeaders();
  }

  private void resetHeaders() {
    hState = H_NAME;
    hCrlf = 0;
    hBytes = 0;
    hPairs = 0;
    hName.setLength(0);
    hValue.setLength(0);
    hDisposition = null;
    hType = null;
    hTransferEncoding = null;
  }

  /** The header block is complete: classify the part. */
  private void headersDone() {
    inHeaders = false;
    String disposition = hDisposition;
    String type = hType;
    String transferEncoding = hTransferEncoding;
    resetHeaders();
    skipPart = false;
    partType = "text/plain";
    partCharset = "utf8";
    partEncoding = "7bit";
    partName = null;
    partTruncated = false;
    if (disposition == null) {
      skipPart = true;
      return;
    }
    MultipartSyntax.Disposition disp = MultipartSyntax.parseDisposition(disposition, paramDecoder);
    if (disp == null || !disp.type().equals("form-data")) {
      skipPart = true;
      return;
    }
    String filename = null;
    String name = disp.params().get("name");
    if (name != null && !name.isEmpty()) partName = name;
    String ext = disp.params().get("filename*");
    String plain = disp.params().get("filename");
    if (ext != null && !ext.isEmpty()) filename = ext;
    else if (plain != null && !plain.isEmpty()) filename = plain;
    if (filename != null && !preservePath) filename = MultipartSyntax.basename(filename);
    if (type != null) {
      MultipartSyntax.MediaType mt = MultipartSyntax.parseContentType(type);
      if (mt != null) {
        partType = mt.type() + "/" + mt.subtype();
        String cs = mt.params().get("charset");
        if (cs != null) partCharset = cs.toLowerCase(java.util.Locale.ROOT);
      }
    }
    if (transferEncoding != null) partEncoding = transferEncoding.toLowerCase(java.util.Locale.ROOT);
    if (partType.equals("application/octet-stream") || filename != null) {
      if (files == filesLimit) {
        if (!hitFilesLimit) {
          hitFilesLimit = true;
          listener.onFilesLimit();
        }
        skipPart = true;
        return;
      }
      ++files;
      fileSize = 0;
      inFile = true;
      fileAccepted = listener.onFile(partName, filename, partEncoding, partType);
    } else {
      if (fields == fieldsLimit) {
        if (!hitFieldsLimit) {
          hitFieldsLimit = true;
          listener.onFieldsLimit();
        }
        skipPart = true;
        return;
      }
      ++fields;
      inField = true;
      fieldLen = 0;
    }
  }

  /**
   * Feeds header block bytes; returns where the part's body starts, {@code end} when the block
   * continues, or -1 when malformed. The byte counting (some bytes count twice) follows busboy,
   * so that the 16 KiB limit falls where it does there.
   */
  private int headerBytes(byte[] d, int pos, int end) {
    int start = pos;
    while (pos < end) {
      switch (hState) {
        case H_NAME: {
          boolean done = false;
          for (; pos < end; ++pos) {
            if (hBytes == MAX_HEADER_SIZE) return -1;
            ++hBytes;
            int c = d[pos] & 0xFF;
            if (!MultipartSyntax.token(c)) {
              if (c != ':') return -1;
              appendLatin1(hName, d, start, pos);
              if (hName.length() == 0) return -1;
              ++pos;
              done = true;
              hState = H_PRE_OWS;
              break;
            }
          }
          if (!done) {
            appendLatin1(hName, d, start, pos);
            break;
          }
        }
        // fall through
        case H_PRE_OWS: {
          boolean done = false;
          for (; pos < end; ++pos) {
            if (hBytes == MAX_HEADER_SIZE) return -1;
            ++hBytes;
            byte c = d[pos];
            if (c != ' ' && c != '\t') {
              start = pos;
              done = true;
              hState = H_VALUE;
              break;
            }
          }
          if (!done) break;
        }
        // fall through
        case H_VALUE:
          switch (hCrlf) {
            case 0 -> {
              for (; pos < end; ++pos) {
                if (hBytes == MAX_HEADER_SIZE) return -1;
                ++hBytes;
                int c = d[pos] & 0xFF;
                if (!FIELD_VCHAR[c]) {
                  if (c != '\r') return -1;
                  ++hCrlf;
                  break;
                }
              }
              appendLatin1(hValue, d, start, pos);
              pos++;
            }
            case 1 -> {
              if (hBytes == MAX_HEADER_SIZE) return -1;
              ++hBytes;
              if (d[pos++] != '\n') return -1;
              ++hCrlf;
            }
            case 2 -> {
              if (hBytes == MAX_HEADER_SIZE) return -1;
              ++hBytes;
              byte c = d[pos];
              if (c == ' ' || c == '\t') {
                start = pos;
                hCrlf = 0;
              } else {
                if (++hPairs < headerPairs) storeHeader();
                if (c == '\r') {
                  ++hCrlf;
                  ++pos;
                } else {
                  start = pos;
                  hCrlf = 0;
                  hState = H_NAME;
                  hName.setLength(0);
                  hValue.setLength(0);
                }
              }
            }
            default -> {
              if (hBytes == MAX_HEADER_SIZE) return -1;
              ++hBytes;
              if (d[pos++] != '\n') return -1;
              headersDone();
              return pos;
            }
          }
          break;
        default:
          throw new IllegalStateException();
      }
    }
    return Math.min(pos, end);
  }

  private void storeHeader() {
    String name = hName.toString();
    // only these three are ever read; the first of each wins
    if (name.equalsIgnoreCase("content-disposition")) {
      if (hDisposition == null) hDisposition = hValue.toString();
    } else if (name.equalsIgnoreCase("content-type")) {
      if (hType == null) hType = hValue.toString();
    } else if (name.equalsIgnoreCase("content-transfer-encoding")) {
      if (hTransferEncoding == null) hTransferEncoding = hValue.toString();
    }
  }

  private static void appendLatin1(StringBuilder sb, byte[] d, int from, int to) {
    for (int i = from; i < to; i++) sb.append((char) (d[i] & 0xFF));
  }
}
