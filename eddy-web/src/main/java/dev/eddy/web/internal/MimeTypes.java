package dev.eddy.web.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MIME type lookups with the semantics of the npm package {@code mime-types} 3.0.2 over {@code
 * mime-db} 1.54.0 (the table is generated into {@code mime-db.tsv} next to this class by {@code
 * eddy-web/src/test/node/mime-db-gen.js}; extension conflicts are resolved as mime-types' mime-score
 * resolves them, e.g. {@code mp4} is {@code video/mp4} and {@code rtf} is {@code application/rtf}).
 *
 * <p>JavaScript's {@code false} results are null here. The table loads once, on first use; all
 * methods are static and thread-safe.
 */
public final class MimeTypes {
  private MimeTypes() {}

  private static final class Db {
    static final Map<String, String> TYPE_BY_EXTENSION = new HashMap<>(2048);
    static final Map<String, List<String>> EXTENSIONS_BY_TYPE = new HashMap<>(2048);
    static final Map<String, String> CHARSET_BY_TYPE = new HashMap<>(64);

    static {
      try (InputStream in = MimeTypes.class.getResourceAsStream("mime-db.tsv")) {
        if (in == null) throw new IllegalStateException("mime-db.tsv is missing");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isEmpty() || line.charAt(0) == '#') continue;
          int tab1 = line.indexOf('\t');
          int tab2 = line.indexOf('\t', tab1 + 1);
          String type = line.substring(0, tab1);
          if (tab2 > tab1 + 1) CHARSET_BY_TYPE.put(type, line.substring(tab1 + 1, tab2));
          if (tab2 + 1 < line.length()) {
            String[] exts = line.substring(tab2 + 1).split(" ");
            for (int i = 0; i < exts.length; i++) {
              if (exts[i].charAt(0) == '-') {
                exts[i] = exts[i].substring(1);
              } else {
                TYPE_BY_EXTENSION.put(exts[i], type);
              }
            }
            EXTENSIONS_BY_TYPE.put(type, Collections.unmodifiableList(Arrays.asList(exts)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * {@code mime.lookup(path)}: the type for a file name, path or bare extension ({@code "json"},
   * {@code ".txt"}, {@code "a/b.HTML"}), taking the extension as Node's {@code
   * path.extname("x." + path)} does (so a trailing slash is ignored and a leading-dot name such as
   * {@code ".bashrc"} in a directory has no extension) and lower-casing it; null when there is no
   * extension, it is unknown, or {@code path} is null or empty.
   */
  public static String lookup(String path) {
    if (path == null || path.isEmpty()) return null;
    String ext = extname(path);
    if (ext == null) return null;
    return Db.TYPE_BY_EXTENSION.get(ext.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code mime.contentType(str)}: a full Content-Type value for a type or an extension. A string
   * without {@code /} is looked up as an extension (null when unknown); a string with one is taken
   * as is. Unless it already contains {@code charset} (case-sensitive, anywhere), {@code ;
   * charset=<charset in lower case>} is appended when {@link #charset} knows one. Null for null or
   * empty input.
   */
  public static String contentType(String typeOrExtension) {
    if (typeOrExtension == null || typeOrExtension.isEmpty()) return null;
    String mime =
        typeOrExtension.indexOf('/') == -1 ? lookup(typeOrExtension) : typeOrExtension;
    if (mime == null) return null;
    if (!mime.contains("charset")) {
      String charset = charset(mime);
      if (charset != null) mime = mime + "; charset=" + charset.toLowerCase(Locale.ROOT);
    }
    return mime;
  }

  /**
   * {@code mime.charset(type)}: mime-db's default charset for the type (upper case, e.g. {@code
   * "UTF-8"}), else {@code "UTF-8"} for any {@code text/*} type, else null. The type is the text
   * after leading white space up to the first {@code ;} or white space, compared case-insensitively
   * (for {@code text/}, ASCII case only).
   */
  public static String charset(String type) {
    if (type == null || type.isEmpty()) return null;
    int start = 0;
    int n = type.length();
    while (start < n && isJsWhitespace(type.charAt(start))) start++;
    int end = start;
    while (end < n && type.charAt(end) != ';' && !isJsWhitespace(type.charAt(end))) end++;
    String charset = Db.CHARSET_BY_TYPE.get(ContentType.lower(type, start, end));
    if (charset != null) return charset;
    if (end - start >= 5 && type.regionMatches(true, start, "text/", 0, 5) && asciiText(type, start)) {
      return "UTF-8";
    }
    return null;
  }

  /**
   * {@code mime.extension(type)}: the first extension mime-db lists for the type (parsed as in
   * {@link #charset}), or null when it has none or is unknown.
   */
  public static String extension(String type) {
    List<String> exts = extensions(type);
    return exts == null ? null : exts.get(0);
  }

  /**
   * {@code mime.extensions[type]} for a type written as {@link #charset} parses it: all of its
   * extensions in mime-db order (unmodifiable), or null when it has none or is unknown.
   */
  public static List<String> extensions(String type) {
    if (type == null || type.isEmpty()) return null;
    int start = 0;
    int n = type.length();
    while (start < n && isJsWhitespace(type.charAt(start))) start++;
    int end = start;
    while (end < n && type.charAt(end) != ';' && !isJsWhitespace(type.charAt(end))) end++;
    return Db.EXTENSIONS_BY_TYPE.get(ContentType.lower(type, start, end));
  }

  /** The regex {@code /^text\//i} without the Unicode case folding Java's regionMatches allows. */
  private static boolean asciiText(String s, int start) {
    for (int i = start; i < start + 4; i++) {
      if (s.charAt(i) >= 0x80) return false;
    }
    return true;
  }

  /**
   * Node's posix {@code path.extname("x." + path)} without its leading dot, or null when that is
   * empty. The prefix puts a dot before the last path segment, so that a bare extension such as
   * {@code "json"} is found; it is not materialized (index 0 of the scanned text is the {@code x},
   * 1 the dot, {@code k + 2} is {@code path.charAt(k)}).
   */
  static String extname(String path) {
    int length = path.length() + 2;
    int startDot = -1;
    int startPart = 0;
    int end = -1;
    boolean matchedSlash = true;
    // 0: nothing but dots seen before the first dot; 1: another dot; -1: a non-dot.
    int preDotState = 0;
    for (int i = length - 1; i >= 0; i--) {
      char c = i >= 2 ? path.charAt(i - 2) : (i == 1 ? '.' : 'x');
      if (c == '/') {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end == -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (c == '.') {
        if (startDot == -1) {
          startDot = i;
        } else if (preDotState != 1) {
          preDotState = 1;
        }
      } else if (startDot != -1) {
        preDotState = -1;
      }
    }
    if (startDot == -1
        || end == -1
        || preDotState == 0
        || (preDotState == 1 && startDot == end - 1 && startDot == startPart + 1)) {
      return null;
    }
    // startDot >= 1 since index 0 is the 'x'; the extension proper starts after it.
    int from = startDot + 1;
    if (from >= end) return null;
    return path.substring(from - 2, end - 2);
  }

  /**
   * JavaScript's white space and line terminators ({@code \s} in a regex, and what {@code
   * parseFloat} and {@code trim} skip).
   */
  static boolean isJsWhitespace(char c) {
    if (c <= ' ') return c == ' ' || (c >= '\t' && c <= '\r');
    if (c < 0xa0) return false;
    return c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000
        || c == 0xfeff;
  }
}
