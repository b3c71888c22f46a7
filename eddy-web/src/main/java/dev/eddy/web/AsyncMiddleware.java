package dev.eddy.web;

/**
 * Middleware whose body runs as an Eddy async body, so it may {@code await}: wrap it with {@link
 * Web#async(AsyncMiddleware)}. An exception it throws reaches the error middleware.
 */
@FunctionalInterface
public interface AsyncMiddleware {
  void handle(Request req, Response res, Next next) throws Exception;
}
