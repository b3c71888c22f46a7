package dev.eddy.web;

/**
 * A parameter hook: Express's {@code router.param(name, (req, res, next, value, name) => ...)}.
 * Runs once per request and parameter value, before the first matching route that has the
 * parameter; it may replace the value in {@link Request#params()} and must call {@link Next}.
 * Runs on the loop thread. {@code value} is a String, or a {@code List<String>} for a wildcard.
 */
@FunctionalInterface
public interface ParamHandler {
  void handle(Request req, Response res, Next next, Object value, String name) throws Exception;
}
