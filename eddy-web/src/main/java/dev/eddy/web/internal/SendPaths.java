package dev.eddy.web.internal;

/**
 * The POSIX path arithmetic of Node's {@code path} module that the {@code send} package relies on
 * ({@code normalize}, {@code join}, {@code resolve}, {@code extname}, {@code basename}) plus send's
 * own two path tests (a {@code ..} segment, a dotfile segment). The results must be Node's exactly:
 * which request paths are forbidden, which names count as dotfiles and where an extension
 * fallback applies all follow from them. Pure functions on strings; thread-safe.
 */
public final class SendPaths {
  private SendPaths() {}

  /**
   * {@code path.posix.normalize}: resolves {@code .} and {@code ..} segments and collapses
   * repeated slashes, keeping a trailing slash; {@code ".."} above a relative start is kept, above
   * the root dropped. The empty string gives {@code "."}. Never throws (null is a caller error).
   */
  public static String normalize(String path) {
    if (path.isEmpty()) return ".";
    boolean absolute = path.charAt(0) == '/';
    boolean trailing = path.charAt(path.length() - 1) == '/';
    String p = normalizeString(path, !absolute);
    if (p.isEmpty()) {
      if (absolute) return "/";
      return trailing ? "./" : ".";
    }
    if (trailing) p = p + "/";
    return absolute ? "/" + p : p;
  }

  /**
   * {@code path.posix.join}: the non-empty parts joined with {@code /}, then {@link #normalize}d;
   * {@code "."} when every part is empty.
   */
  public static String join(String... parts) {
    StringBuilder sb = null;
    for (String part : parts) {
      if (part.isEmpty()) continue;
      if (sb == null) sb = new StringBuilder(part);
      else sb.append('/').append(part);
    }
    return sb == null ? "." : normalize(sb.toString());
  }

  /**
   * {@code path.posix.resolve(path)}: an absolute path without a trailing slash, a relative one
   * taken from {@code cwd}.
   *
   * @param cwd the working directory, absolute
   */
  public static String resolve(String path, String cwd) {
    String resolved;
    if (!path.isEmpty() && path.charAt(0) == '/') resolved = path + "/";
    else if (path.isEmpty()) resolved = cwd + "/";
    else resolved = cwd + "/" + path + "/";
    // cwd is absolute, so the result is too
    return "/" + normalizeString(resolved, false);
  }

  /** {@link #resolve(String, String)} against the JVM's working directory ({@code user.dir}). */
  public static String resolve(String path) {
    return resolve(path, System.getProperty("user.dir"));
  }

  /**
   * {@code path.posix.extname}: from the last {@code .} of the last segment (trailing slashes
   * ignored), or {@code ""} when there is none or the only dot starts the name ({@code ".bashrc"}).
   */
  public static String extname(String path) {
    int startDot = -1;
    int startPart = 0;
    int end = -1;
    boolean matchedSlash = true;
    int preDotState = 0;
    for (int i = path.length() - 1; i >= 0; --i) {
      char c = path.charAt(i);
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
        if (startDot == -1) startDot = i;
        else if (preDotState != 1) preDotState = 1;
      } else if (startDot != -1) {
        preDotState = -1;
      }
    }
    if (startDot == -1 || end == -1 || preDotState == 0
        || (preDotState == 1 && startDot == end - 1 && startDot == startPart + 1)) {
      return "";
    }
    return path.substring(startDot, end);
  }

  /** {@code path.posix.basename}: the last segment, trailing slashes ignored ({@code ""} for {@code "/"}). */
  public static String basename(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') end--;
    if (end == 0) return "";
    int start = path.lastIndexOf('/', end - 1) + 1;
    return path.substring(start, end);
  }

  /**
   * Whether a segment is exactly {@code ..}, segments being delimited by {@code /} or {@code \}
   * (send's {@code UP_PATH_REGEXP}, which also refuses backslashes so that a path cannot climb on
   * Windows either).
   */
  public static boolean hasUpSegment(String path) {
    int n = path.length();
    for (int i = path.indexOf(".."); i >= 0; i = path.indexOf("..", i + 1)) {
      boolean before = i == 0 || isSep(path.charAt(i - 1));
      boolean after = i + 2 == n || isSep(path.charAt(i + 2));
      if (before && after) return true;
    }
    return false;
  }

  private static boolean isSep(char c) {
    return c == '/' || c == '\\';
  }

  /** Whether a {@code /}-separated segment starts with {@code .} and is longer than one character. */
  public static boolean containsDotFile(String path) {
    int n = path.length();
    int start = 0;
    while (start <= n) {
      int slash = path.indexOf('/', start);
      int end = slash == -1 ? n : slash;
      if (end - start > 1 && path.charAt(start) == '.') return true;
      if (slash == -1) break;
      start = slash + 1;
    }
    return false;
  }

  /** Node's normalizeString for {@code /} separators. */
  private static String normalizeString(String path, boolean allowAboveRoot) {
    StringBuilder res = new StringBuilder(path.length());
    int lastSegmentLength = 0;
    int lastSlash = -1;
    int dots = 0;
    char code = 0;
    int n = path.length();
    for (int i = 0; i <= n; ++i) {
      if (i < n) code = path.charAt(i);
      else if (code == '/') break;
      else code = '/';
      if (code == '/') {
        if (lastSlash == i - 1 || dots == 1) {
          // an empty or "." segment
        } else if (dots == 2) {
          int len = res.length();
          if (len < 2 || lastSegmentLength != 2 || res.charAt(len - 1) != '.' || res.charAt(len - 2) != '.') {
            if (len > 2) {
              int lastSlashIndex = res.lastIndexOf("/");
              if (lastSlashIndex == -1) {
                res.setLength(0);
                lastSegmentLength = 0;
              } else {
                res.setLength(lastSlashIndex);
                lastSegmentLength = res.length() - 1 - res.lastIndexOf("/");
              }
              lastSlash = i;
              dots = 0;
              continue;
            } else if (len != 0) {
              res.setLength(0);
              lastSegmentLength = 0;
              lastSlash = i;
              dots = 0;
              continue;
            }
          }
          if (allowAboveRoot) {
            res.append(res.length() > 0 ? "/.." : "..");
            lastSegmentLength = 2;
          }
        } else {
          if (res.length() > 0) res.append('/');
          res.append(path, lastSlash + 1, i);
          lastSegmentLength = i - lastSlash - 1;
        }
        lastSlash = i;
        dots = 0;
      } else if (code == '.' && dots != -1) {
        ++dots;
      } else {
        dots = -1;
      }
    }
    return res.toString();
  }
}
