package dev.eddy.web;

/**
 * A handler whose body runs as an Eddy async body, so it may {@code await}: wrap it with {@link
 * Web#async(AsyncHandler)}. An exception it throws, or a rejection it awaits and does not catch,
 * reaches the error middleware, as Express 5 does for async functions.
 */
@FunctionalInterface
public interface AsyncHandler {
  void handle(Request req, Response res) throws Exception;
}
