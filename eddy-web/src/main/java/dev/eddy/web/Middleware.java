package dev.eddy.web;

/**
 * A layer of the request pipeline: Express's {@code (req, res, next) => ...}. It either answers
 * through {@code res} or calls one of {@link Next}'s methods. Runs on the loop thread; an exception
 * it throws is passed on as {@code next(err)}.
 */
@FunctionalInterface
public interface Middleware {
  void handle(Request req, Response res, Next next) throws Exception;
}
