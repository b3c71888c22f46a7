package dev.eddy.web;

/**
 * A handler that answers the request: Express's {@code (req, res) => ...}. Runs on the loop
 * thread; an exception it throws reaches the error middleware as {@code next(err)}.
 */
@FunctionalInterface
public interface Handler {
  void handle(Request req, Response res) throws Exception;
}
