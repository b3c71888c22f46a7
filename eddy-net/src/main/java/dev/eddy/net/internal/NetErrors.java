package dev.eddy.net.internal;

import dev.eddy.net.NetException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/** Maps the JDK's socket exceptions to Node's system errors (Linux errno values, Node's texts). */
public final class NetErrors {
  private NetErrors() {}

  /** Node's error for {@code e} thrown by {@code syscall}, with the address and port when known. */
  public static NetException of(IOException e, String syscall, String address, int port) {
    String code = codeOf(e);
    int errno = errnoOf(code);
    String suffix = address == null ? "" : " " + address + (port >= 0 ? ":" + port : "");
    String message;
    if ("listen".equals(syscall) || "bind".equals(syscall)) {
      message = syscall + " " + code + ": " + describe(code) + suffix;
    } else if ("getaddrinfo".equals(syscall)) {
      message = syscall + " " + code + (address == null ? "" : " " + address);
      return new NetException(code, errno, syscall, address, -1, message, e);
    } else {
      message = syscall + " " + code + suffix;
    }
    return new NetException(code, errno, syscall, address, port, message, e);
  }

  /** A Node error that has no JDK exception behind it. */
  public static NetException of(String code, String syscall, String address, int port) {
    String suffix = address == null ? "" : " " + address + (port >= 0 ? ":" + port : "");
    return new NetException(code, errnoOf(code), syscall, address, port, syscall + " " + code + suffix, null);
  }

  static String codeOf(IOException e) {
    if (e instanceof UnknownHostException) {
      return "ENOTFOUND";
    }
    if (e instanceof SocketTimeoutException) {
      return "ETIMEDOUT";
    }
    if (e instanceof ClosedChannelException) {
      return "EBADF";
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (m.contains("connection refused")) {
      return "ECONNREFUSED";
    }
    if (m.contains("address already in use")) {
      return "EADDRINUSE";
    }
    if (m.contains("cannot assign requested address")) {
      return "EADDRNOTAVAIL";
    }
    if (m.contains("connection reset")) {
      return "ECONNRESET";
    }
    if (m.contains("broken pipe")) {
      return "EPIPE";
    }
    if (m.contains("timed out")) {
      return "ETIMEDOUT";
    }
    if (m.contains("permission denied")) {
      return "EACCES";
    }
    if (m.contains("network is unreachable")) {
      return "ENETUNREACH";
    }
    if (e instanceof NoRouteToHostException || m.contains("no route to host")) {
      return "EHOSTUNREACH";
    }
    if (e instanceof ConnectException) {
      return "ECONNREFUSED";
    }
    if (e instanceof BindException) {
      return "EADDRINUSE";
    }
    return "EIO";
  }

  static int errnoOf(String code) {
    return switch (code) {
      case "EPIPE" -> -32;
      case "EACCES" -> -13;
      case "EBADF" -> -9;
      case "EADDRINUSE" -> -98;
      case "EADDRNOTAVAIL" -> -99;
      case "ENETUNREACH" -> -101;
      case "ECONNRESET" -> -104;
      case "ETIMEDOUT" -> -110;
      case "ECONNREFUSED" -> -111;
      case "EHOSTUNREACH" -> -113;
      case "ENOTFOUND" -> -3008;
      default -> -5;
    };
  }

  private static String describe(String code) {
    return switch (code) {
      case "EADDRINUSE" -> "address already in use";
      case "EADDRNOTAVAIL" -> "address not available";
      case "EACCES" -> "permission denied";
      default -> "i/o error";
    };
  }
}
