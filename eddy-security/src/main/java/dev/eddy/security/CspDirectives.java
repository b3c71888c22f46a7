package dev.eddy.security;

import dev.eddy.security.internal.HelmetCsp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content-Security-Policy directives, built fluently (helmet's {@code directives} object): {@code
 * Csp.directives().defaultSrc("'self'").scriptSrc("'self'", Csp.nonce())}.
 *
 * <p>Each value is a String (a source expression such as {@code 'self'}, {@code https:} or a host)
 * or a {@link CspSource} computed per request. Names are written as in helmet, camelCase ({@code
 * scriptSrc}) or dashed ({@code script-src}); the typed methods use the camelCase name, so setting
 * the same typed directive twice replaces the value (like assigning a JavaScript key twice), while
 * mixing {@code scriptSrc(...)} and {@code directive("script-src", ...)} is helmet's duplicate
 * directive error. Directives are sent in helmet's order: defaults first (when used), then the
 * others in the order first set.
 *
 * <p>Names and values are checked when the middleware is built, with helmet's messages. A mutable
 * builder: not thread-safe.
 */
public final class CspDirectives {
  private final Map<String, Object> raw = new LinkedHashMap<>();

  CspDirectives() {}

  /** A snapshot for the parser: raw name to value list or marker. */
  Map<String, Object> snapshot() {
    return new LinkedHashMap<>(raw);
  }

  /**
   * Sets a directive: helmet's {@code directives[name] = values}. No values gives a directive
   * without a value (e.g. {@code upgrade-insecure-requests}). The single value {@link
   * Csp#DANGEROUSLY_DISABLE_DEFAULT_SRC} on {@code defaultSrc} removes default-src.
   *
   * @param name the directive name, camelCase or dashed
   * @param values Strings or {@link CspSource}s; a null array is helmet's invalid value error when
   *     the middleware is built
   * @return this
   * @throws IllegalArgumentException when an element is null or neither a String nor a CspSource
   */
  public CspDirectives directive(String name, Object... values) {
    if (values == null) {
      raw.put(name, HelmetCsp.INVALID);
      return this;
    }
    if (values.length == 1 && values[0] == Csp.DANGEROUSLY_DISABLE_DEFAULT_SRC) {
      raw.put(name, HelmetCsp.DISABLE_DEFAULT_SRC);
      return this;
    }
    List<Object> list = new ArrayList<>(values.length);
    for (Object v : values) {
      if (!(v instanceof String) && !(v instanceof CspSource)) {
        throw new IllegalArgumentException("Content-Security-Policy directive " + name
            + ": a value must be a String or a CspSource, got " + (v == null ? "null" : v.getClass().getName()));
      }
      list.add(v);
    }
    raw.put(name, Collections.unmodifiableList(list));
    return this;
  }

  /** Same as {@link #directive(String, Object...)} with a list of values. */
  public CspDirectives directive(String name, List<?> values) {
    return directive(name, values == null ? null : values.toArray());
  }

  /**
   * Removes a directive, typically one of helmet's defaults: helmet's {@code directives[name] =
   * null}. Removing default-src is an error when the middleware is built (see {@link
   * #dangerouslyDisableDefaultSrc()}).
   *
   * @return this
   */
  public CspDirectives disable(String name) {
    raw.put(name, HelmetCsp.REMOVE);
    return this;
  }

  /**
   * Sends no default-src at all: helmet's {@code defaultSrc: dangerouslyDisableDefaultSrc}. Without
   * it a policy lacking default-src is refused.
   *
   * @return this
   */
  public CspDirectives dangerouslyDisableDefaultSrc() {
    return directive("defaultSrc", Csp.DANGEROUSLY_DISABLE_DEFAULT_SRC);
  }

  /** {@code default-src}; see {@link #directive(String, Object...)}. */
  public CspDirectives defaultSrc(Object... values) {
    return directive("defaultSrc", values);
  }

  /** {@code base-uri}. */
  public CspDirectives baseUri(Object... values) {
    return directive("baseUri", values);
  }

  /** {@code child-src}. */
  public CspDirectives childSrc(Object... values) {
    return directive("childSrc", values);
  }

  /** {@code connect-src}. */
  public CspDirectives connectSrc(Object... values) {
    return directive("connectSrc", values);
  }

  /** {@code font-src}. */
  public CspDirectives fontSrc(Object... values) {
    return directive("fontSrc", values);
  }

  /** {@code form-action}. */
  public CspDirectives formAction(Object... values) {
    return directive("formAction", values);
  }

  /** {@code frame-ancestors}. */
  public CspDirectives frameAncestors(Object... values) {
    return directive("frameAncestors", values);
  }

  /** {@code frame-src}. */
  public CspDirectives frameSrc(Object... values) {
    return directive("frameSrc", values);
  }

  /** {@code img-src}. */
  public CspDirectives imgSrc(Object... values) {
    return directive("imgSrc", values);
  }

  /** {@code manifest-src}. */
  public CspDirectives manifestSrc(Object... values) {
    return directive("manifestSrc", values);
  }

  /** {@code media-src}. */
  public CspDirectives mediaSrc(Object... values) {
    return directive("mediaSrc", values);
  }

  /** {@code object-src}. */
  public CspDirectives objectSrc(Object... values) {
    return directive("objectSrc", values);
  }

  /** {@code script-src}. */
  public CspDirectives scriptSrc(Object... values) {
    return directive("scriptSrc", values);
  }

  /** {@code script-src-attr}. */
  public CspDirectives scriptSrcAttr(Object... values) {
    return directive("scriptSrcAttr", values);
  }

  /** {@code script-src-elem}. */
  public CspDirectives scriptSrcElem(Object... values) {
    return directive("scriptSrcElem", values);
  }

  /** {@code style-src}. */
  public CspDirectives styleSrc(Object... values) {
    return directive("styleSrc", values);
  }

  /** {@code style-src-attr}. */
  public CspDirectives styleSrcAttr(Object... values) {
    return directive("styleSrcAttr", values);
  }

  /** {@code style-src-elem}. */
  public CspDirectives styleSrcElem(Object... values) {
    return directive("styleSrcElem", values);
  }

  /** {@code worker-src}. */
  public CspDirectives workerSrc(Object... values) {
    return directive("workerSrc", values);
  }

  /** {@code sandbox}. */
  public CspDirectives sandbox(Object... values) {
    return directive("sandbox", values);
  }

  /** {@code report-uri}. */
  public CspDirectives reportUri(Object... values) {
    return directive("reportUri", values);
  }

  /** {@code report-to}. */
  public CspDirectives reportTo(Object... values) {
    return directive("reportTo", values);
  }

  /** {@code require-trusted-types-for}. */
  public CspDirectives requireTrustedTypesFor(Object... values) {
    return directive("requireTrustedTypesFor", values);
  }

  /** {@code trusted-types}. */
  public CspDirectives trustedTypes(Object... values) {
    return directive("trustedTypes", values);
  }

  /** {@code upgrade-insecure-requests} (no value). */
  public CspDirectives upgradeInsecureRequests() {
    return directive("upgradeInsecureRequests");
  }
}
