package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.net.Socket;

/**
 * Takes over a connection after an {@code Upgrade} request or a {@code CONNECT} (Node's 'upgrade'
 * and 'connect' events): the socket is now a plain stream, and {@code head} holds the bytes that
 * followed the request in the same read. Runs on the loop thread.
 */
@FunctionalInterface
public interface UpgradeHandler {
  void handle(IncomingMessage req, Socket socket, Buffer head) throws Exception;
}
