package dev.eddy.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The compiled {@code trust proxy} setting (the proxy-addr package): decides, hop by hop, whether
 * the address that sent a request is a proxy whose {@code X-Forwarded-*} headers are believed.
 */
final class TrustProxy {
  private final BiPredicate<String, Integer> trust;
  private final boolean none;

  private TrustProxy(BiPredicate<String, Integer> trust, boolean none) {
    this.trust = trust;
    this.none = none;
  }

  static final TrustProxy NONE = new TrustProxy((a, i) -> false, true);

  @SuppressWarnings("unchecked")
  static TrustProxy compile(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) return NONE;
    if (Boolean.TRUE.equals(value)) return new TrustProxy((a, i) -> true, false);
    if (value instanceof Integer n) {
      if (n < 0) throw new IllegalArgumentException("trust proxy hop count must be >= 0, got " + n);
      return n == 0 ? NONE : new TrustProxy((a, i) -> i < n, false);
    }
    if (value instanceof BiPredicate<?, ?> p) return new TrustProxy((BiPredicate<String, Integer>) p, false);
    List<String> parts = new ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.split(",")) if (!part.isBlank()) parts.add(part.trim());
    } else if (value instanceof List<?> l) {
      for (Object o : l) parts.add(String.valueOf(o).trim());
    } else {
      throw new IllegalArgumentException("unsupported trust proxy value: " + value
          + " (use a boolean, a hop count, addresses/CIDRs/loopback/linklocal/uniquelocal, or a BiPredicate)");
    }
    List<Cidr> ranges = new ArrayList<>();
    for (String p : parts) {
      switch (p) {
        case "loopback" -> { ranges.add(Cidr.parse("127.0.0.1/8")); ranges.add(Cidr.parse("::1/128")); }
        case "linklocal" -> { ranges.add(Cidr.parse("169.254.0.0/16")); ranges.add(Cidr.parse("fe80::/10")); }
        case "uniquelocal" -> {
          ranges.add(Cidr.parse("10.0.0.0/8"));
          ranges.add(Cidr.parse("172.16.0.0/12"));
          ranges.add(Cidr.parse("192.168.0.0/16"));
          ranges.add(Cidr.parse("fc00::/7"));
        }
        default -> ranges.add(Cidr.parse(p));
      }
    }
    return new TrustProxy((addr, i) -> {
      byte[] a = Cidr.literal(addr);
      if (a == null) return false;
      for (Cidr c : ranges) if (c.contains(a)) return true;
      return false;
    }, false);
  }

  /**
   * proxy-addr's {@code all}: the socket address, then the X-Forwarded-For entries from nearest to
   * furthest, cut after the first address that is not trusted.
   */
  List<String> chain(String socketAddress, String forwardedFor) {
    List<String> addrs = new ArrayList<>();
    addrs.add(socketAddress);
    if (none) return addrs;
    if (forwardedFor != null) {
      String[] parts = forwardedFor.split(",");
      for (int i = parts.length - 1; i >= 0; i--) {
        String p = parts[i].trim();
        if (!p.isEmpty()) addrs.add(p);
      }
    }
    for (int i = 0; i < addrs.size() - 1; i++) {
      if (!trust.test(addrs.get(i), i)) return new ArrayList<>(addrs.subList(0, i + 1));
    }
    return addrs;
  }

  /** Whether the socket peer itself is trusted (for X-Forwarded-Proto and -Host). */
  boolean trusts(String address, int hop) {
    return !none && trust.test(address, hop);
  }

  /** An IPv4 or IPv6 range; IPv4-mapped IPv6 addresses match IPv4 ranges. */
  record Cidr(byte[] network, int bits) {
    static Cidr parse(String s) {
      int slash = s.indexOf('/');
      String ip = slash < 0 ? s : s.substring(0, slash);
      byte[] addr = literal(ip);
      if (addr == null) throw new IllegalArgumentException("invalid IP address: " + ip + " (in trust proxy)");
      int bits = addr.length * 8;
      if (slash >= 0) {
        String b = s.substring(slash + 1);
        try {
          if (b.contains(".")) {
            byte[] mask = literal(b);
            if (mask == null || mask.length != 4) throw new NumberFormatException();
            bits = Integer.bitCount(java.nio.ByteBuffer.wrap(mask).getInt());
          } else {
            bits = Integer.parseInt(b);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid range on address: " + s + " (in trust proxy)");
        }
        if (bits < 0 || bits > addr.length * 8) {
          throw new IllegalArgumentException("invalid range on address: " + s + " (in trust proxy)");
        }
      }
      return new Cidr(addr, bits);
    }

    boolean contains(byte[] a) {
      byte[] n = network;
      if (a.length != n.length) {
        if (n.length == 4 && a.length == 16 && isMapped(a)) a = java.util.Arrays.copyOfRange(a, 12, 16);
        else return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (a[i] != n[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (a[full] & mask) == (n[full] & mask);
    }

    private static boolean isMapped(byte[] a) {
      for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
      return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String s) {
      if (s == null || s.isEmpty()) return null;
      boolean v6 = s.indexOf(':') >= 0;
      if (!v6) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
          if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) return null;
          int v = Integer.parseInt(p[i]);
          if (v > 255) return null;
          out[i] = (byte) v;
        }
        return out;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) return null;
      }
      try {
        return InetAddress.getByName("[" + s + "]").getAddress();
      } catch (UnknownHostException | IllegalArgumentException e) {
        return null;
      }
    }
  }
}
