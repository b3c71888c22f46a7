package dev.eddy.web;

/**
 * Error-handling middleware: Express's four-argument {@code (err, req, res, next) => ...}. Runs
 * only after an error was passed on; it answers, or passes the error on with {@link
 * Next#fail(Throwable)}, or recovers with {@link Next#run()}. Runs on the loop thread.
 */
@FunctionalInterface
public interface ErrorMiddleware {
  void handle(Throwable err, Request req, Response res, Next next) throws Exception;
}
