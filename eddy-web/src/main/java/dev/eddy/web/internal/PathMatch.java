package dev.eddy.web.internal;

import java.util.Map;

/**
 * The result of {@link PathPattern#match}.
 *
 * @param matchedPath the part of the request path the pattern consumed, as spelled in the request
 *     (router's {@code match.path}): for a mount ({@code end=false}) the prefix that becomes {@code
 *     req.baseUrl} and is stripped from {@code req.url}; {@code ""} for {@code use('/')}; for a
 *     RegExp route whatever the RegExp matched, which need not start at index 0
 * @param params parameter name to decoded value: a {@code String}, or a {@code List<String>} for a
 *     wildcard ({@code *name}); optional parameters that did not take part are absent. Iteration
 *     order is JavaScript's {@code Object.keys} order (array-index names such as {@code "0"} first,
 *     ascending, then the rest in capture order). Never shared between matches; {@link Map#of()}
 *     when there are no parameters, so treat it as read-only.
 */
public record PathMatch(String matchedPath, Map<String, Object> params) {}
