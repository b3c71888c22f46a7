package dev.eddy.web;

import dev.eddy.web.internal.SendMaxAge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@link Response#sendFile(String, SendFileOptions)} and {@link
 * Response#download(String, String, SendFileOptions, java.util.function.Consumer)}, as Express
 * documents them for {@code res.sendFile}. Start from {@link #defaults()} and change fields with
 * the withers; instances are immutable and thread-safe.
 *
 * @param root the folder a relative path is taken from, or null (the path must then be absolute);
 *     a path still may not climb out of it ({@code ..} is a 403)
 * @param maxAge the {@code max-age} of {@code Cache-Control} (whole seconds, at most one year;
 *     never negative)
 * @param lastModified whether to send {@code Last-Modified} (the file's modification time)
 * @param headers headers set on the file answer (also on its 304, 412 and 416 answers), as given
 * @param dotfiles what a path with a segment starting with {@code .} gets
 * @param acceptRanges whether to honour {@code Range} and send {@code Accept-Ranges: bytes}
 * @param cacheControl whether to send {@code Cache-Control}
 * @param immutable whether {@code Cache-Control} gets {@code , immutable}
 */
public record SendFileOptions(
    Path root,
    Duration maxAge,
    boolean lastModified,
    Map<String, String> headers,
    Dotfiles dotfiles,
    boolean acceptRanges,
    boolean cacheControl,
    boolean immutable) {

  /** What to do with a path naming a dotfile or passing through a dot-directory. */
  public enum Dotfiles {
    /** Pretend it does not exist: 404. The default. */
    IGNORE,
    /** Serve it like any file. */
    ALLOW,
    /** Refuse it: 403. */
    DENY
  }

  private static final SendFileOptions DEFAULTS = new SendFileOptions(
      null, Duration.ZERO, true, Map.of(), Dotfiles.IGNORE, true, true, false);

  /** Canonical constructor: nulls become the defaults and {@code headers} is copied (order kept). */
  public SendFileOptions {
    if (maxAge == null) maxAge = Duration.ZERO;
    if (dotfiles == null) dotfiles = Dotfiles.IGNORE;
    headers = headers == null || headers.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Express's defaults: no root, max-age 0, Last-Modified, dotfiles ignored, ranges, Cache-Control, not immutable. */
  public static SendFileOptions defaults() {
    return DEFAULTS;
  }

  /** A copy with this root folder (null for none). */
  public SendFileOptions root(Path root) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** A copy with this max age (null is zero). */
  public SendFileOptions maxAge(Duration maxAge) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /**
   * A copy with a max age written as the {@code ms} package reads it ({@code "2h"}, {@code "1d"},
   * {@code "90 minutes"}, {@code "5000"} milliseconds); text it cannot read means 0, as in send.
   * Never throws.
   */
  public SendFileOptions maxAge(String maxAge) {
    return maxAge(millisToDuration(SendMaxAge.parse(maxAge)));
  }

  /** A copy with Last-Modified on or off. */
  public SendFileOptions lastModified(boolean lastModified) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** A copy with these extra headers (replacing earlier ones). */
  public SendFileOptions headers(Map<String, String> headers) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** A copy with one more extra header. */
  public SendFileOptions header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return headers(h);
  }

  /** A copy with this dotfile policy. */
  public SendFileOptions dotfiles(Dotfiles dotfiles) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** A copy with range support on or off. */
  public SendFileOptions acceptRanges(boolean acceptRanges) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** A copy with Cache-Control on or off. */
  public SendFileOptions cacheControl(boolean cacheControl) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** A copy with the {@code immutable} directive on or off. */
  public SendFileOptions immutable(boolean immutable) {
    return new SendFileOptions(root, maxAge, lastModified, headers, dotfiles, acceptRanges, cacheControl, immutable);
  }

  /** Milliseconds (possibly NaN or negative, as ms returns them) as the duration send would use. */
  static Duration millisToDuration(double ms) {
    double clamped = SendMaxAge.clamp(ms);
    return Duration.ofNanos((long) Math.floor(clamped * 1_000_000));
  }

  /** The Cache-Control value send writes for a max age. */
  static String cacheControlValue(Duration maxAge, boolean immutable) {
    long max = (long) SendMaxAge.MAX_MS;
    long ms = maxAge.isNegative() ? 0 : maxAge.compareTo(Duration.ofMillis(max)) > 0 ? max : maxAge.toMillis();
    String v = "public, max-age=" + (ms / 1000);
    return immutable ? v + ", immutable" : v;
  }
}
