package dev.eddy.web;

import dev.eddy.Promise;

/**
 * A handler that returns a promise, like an Express 5 handler returning one: wrap it with {@link
 * Web#promise(PromiseHandler)}; a rejection reaches the error middleware (a rejection without a
 * reason as the error "Rejected promise").
 */
@FunctionalInterface
public interface PromiseHandler {
  Promise<?> handle(Request req, Response res) throws Exception;
}
