package dev.eddy.http;

/**
 * Handles one request (Node's 'request' listener). Runs on the loop thread; it may answer now or
 * later. An exception it throws is answered with 500 (or, once the head was sent, by closing the
 * connection) and reported on stderr; the server keeps running.
 */
@FunctionalInterface
public interface RequestHandler {
  void handle(IncomingMessage req, ServerResponse res) throws Exception;
}
