package dev.eddy.web;

import dev.eddy.web.internal.SendMaxAge;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

/**
 * The options of {@link Web#serveStatic(Path, StaticOptions)}: those of Express's {@code
 * express.static} (the serve-static package). Start from {@link #defaults()} and change fields with
 * the withers; instances are immutable and thread-safe (the {@link SetHeaders} hook must be
 * thread-safe itself when an app serves several loops).
 *
 * @param dotfiles what a path through a segment starting with {@code .} gets (default: 404,
 *     ignored)
 * @param etag whether to send a weak ETag
 * @param extensions extensions tried, in order, for a path without one that does not exist
 *     ({@code "html"} makes {@code /page} serve {@code page.html}); no dot
 * @param fallthrough whether a 400, 403 or 404 (before a file was found) and any method other
 *     than GET/HEAD go on to the next middleware; when false they are errors and other methods get
 *     405
 * @param immutable whether {@code Cache-Control} gets {@code , immutable}
 * @param index the names tried for a path ending in {@code /}; empty for none
 * @param lastModified whether to send {@code Last-Modified}
 * @param maxAge the {@code max-age} of {@code Cache-Control} (whole seconds, at most one year)
 * @param redirect whether a directory without a trailing slash is redirected (301) to one;
 *     otherwise it is a 404
 * @param setHeaders called before the file headers are set (what it sets wins), or null
 * @param acceptRanges whether to honour {@code Range} and send {@code Accept-Ranges: bytes}
 * @param cacheControl whether to send {@code Cache-Control}
 */
public record StaticOptions(
    SendFileOptions.Dotfiles dotfiles,
    boolean etag,
    List<String> extensions,
    boolean fallthrough,
    boolean immutable,
    List<String> index,
    boolean lastModified,
    Duration maxAge,
    boolean redirect,
    SetHeaders setHeaders,
    boolean acceptRanges,
    boolean cacheControl) {

  /** serve-static's {@code setHeaders}: sets custom headers on a file answer. */
  @FunctionalInterface
  public interface SetHeaders {
    /**
     * Called on the loop thread once the file is found, before the standard headers (a header set
     * here is kept). An exception is passed on as {@code next(err)}.
     *
     * @param res the response
     * @param path the file being sent
     * @param stat its attributes
     */
    void set(Response res, Path path, BasicFileAttributes stat) throws Exception;
  }

  private static final StaticOptions DEFAULTS = new StaticOptions(SendFileOptions.Dotfiles.IGNORE, true, List.of(),
      true, false, List.of("index.html"), true, Duration.ZERO, true, null, true, true);

  /** Canonical constructor: null lists are empty, null dotfiles is IGNORE, null maxAge is zero; lists are copied. */
  public StaticOptions {
    if (dotfiles == null) dotfiles = SendFileOptions.Dotfiles.IGNORE;
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    index = index == null ? List.of() : List.copyOf(index);
    if (maxAge == null) maxAge = Duration.ZERO;
  }

  /**
   * serve-static's defaults: dotfiles ignored, ETag, no extensions, fall-through, {@code
   * index.html}, Last-Modified, max-age 0, redirect, ranges, Cache-Control.
   */
  public static StaticOptions defaults() {
    return DEFAULTS;
  }

  /** A copy with this dotfile policy. */
  public StaticOptions dotfiles(SendFileOptions.Dotfiles dotfiles) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with ETags on or off. */
  public StaticOptions etag(boolean etag) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with these fallback extensions (without dots, e.g. {@code "html"}). */
  public StaticOptions extensions(List<String> extensions) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with fall-through on or off. */
  public StaticOptions fallthrough(boolean fallthrough) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with the {@code immutable} directive on or off. */
  public StaticOptions immutable(boolean immutable) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with these index file names (empty: no index files, as {@code index: false}). */
  public StaticOptions index(List<String> index) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with Last-Modified on or off. */
  public StaticOptions lastModified(boolean lastModified) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with this max age (null is zero). */
  public StaticOptions maxAge(Duration maxAge) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /**
   * A copy with a max age written as the {@code ms} package reads it ({@code "1d"}, {@code "2h"},
   * {@code "1.5 hours"}, {@code "60000"} milliseconds); unreadable text means 0, as in send. Never
   * throws.
   */
  public StaticOptions maxAge(String maxAge) {
    return maxAge(SendFileOptions.millisToDuration(SendMaxAge.parse(maxAge)));
  }

  /** A copy with directory redirects on or off. */
  public StaticOptions redirect(boolean redirect) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with this header hook (null for none). */
  public StaticOptions setHeaders(SetHeaders setHeaders) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with range support on or off. */
  public StaticOptions acceptRanges(boolean acceptRanges) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }

  /** A copy with Cache-Control on or off. */
  public StaticOptions cacheControl(boolean cacheControl) {
    return new StaticOptions(dotfiles, etag, extensions, fallthrough, immutable, index, lastModified, maxAge,
        redirect, setHeaders, acceptRanges, cacheControl);
  }
}
