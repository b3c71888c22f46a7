package dev.eddy.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A key for signing or verifying JWTs, pinned to the algorithms that fit it, so a token can never
 * pick a weaker or different scheme than the key was meant for:
 *
 * <ul>
 *   <li>an HMAC secret accepts HS256, HS384 and HS512 (jsonwebtoken's default for a secret), each
 *       only when the secret is long enough for it (32, 48, 64 bytes);
 *   <li>an RSA public key accepts RS256..RS512 and PS256..PS512;
 *   <li>an EC public key accepts the one ES algorithm of its curve (P-256: ES256, P-384: ES384,
 *       P-521: ES512);
 *   <li>{@code none} is never accepted, and an HS algorithm never with a public key (the HS/RS
 *       confusion where the public key is used as an HMAC secret).
 * </ul>
 *
 * Instances are immutable and thread-safe; build them at startup.
 */
public final class JwtKey {
  private static final List<String> HS = List.of("HS256", "HS384", "HS512");
  private static final List<String> RSA = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

  enum Kind { SECRET, RSA, EC }

  private final Kind kind;
  private final byte[] secret;
  private final PublicKey publicKey;
  private final PrivateKey privateKey;
  private final Set<String> algorithms;
  private final String keyId;
  private final JWSVerifier verifier;

  private JwtKey(Kind kind, byte[] secret, PublicKey publicKey, PrivateKey privateKey, Set<String> algorithms,
      String keyId) {
    this.kind = kind;
    this.secret = secret;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.algorithms = Set.copyOf(algorithms);
    this.keyId = keyId;
    this.verifier = makeVerifier();
  }

  /**
   * An HMAC secret given as text (its UTF-8 bytes, as jsonwebtoken uses a string secret).
   *
   * @throws IllegalArgumentException when the secret is null or shorter than 32 bytes (HS256's
   *     minimum); the message says how long it is, never what it is
   */
  public static JwtKey secret(String secret) {
    if (secret == null) throw new IllegalArgumentException("jwt: the HMAC secret is missing");
    return secret(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An HMAC secret given as bytes (copied).
   *
   * @throws IllegalArgumentException when the secret is null or shorter than 32 bytes
   */
  public static JwtKey secret(byte[] secret) {
    if (secret == null) throw new IllegalArgumentException("jwt: the HMAC secret is missing");
    if (secret.length < 32) {
      throw new IllegalArgumentException("jwt: the HMAC secret is " + secret.length + " bytes long; HS256 needs at least "
          + "32 bytes (HS384 48, HS512 64). Use a long random secret, e.g. `openssl rand -base64 48`");
    }
    Set<String> algs = new LinkedHashSet<>();
    for (String a : HS) if (secret.length >= minSecretBytes(a)) algs.add(a);
    return new JwtKey(Kind.SECRET, secret.clone(), null, null, algs, null);
  }

  /**
   * A verification key from PEM text: a {@code PUBLIC KEY} (SubjectPublicKeyInfo, RSA or EC), an
   * {@code RSA PUBLIC KEY} (PKCS#1) or a {@code CERTIFICATE} (its public key is used).
   *
   * @throws IllegalArgumentException when the text holds none of these, or an unsupported key
   */
  public static JwtKey publicKeyPem(String pem) {
    String type = pemType(pem);
    byte[] der = pemBody(pem);
    try {
      PublicKey key = switch (type) {
        case "PUBLIC KEY" -> publicFromSpki(der);
        case "RSA PUBLIC KEY" -> rsaFromPkcs1(der);
        case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        default -> throw new IllegalArgumentException("jwt: expected a PEM PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE, got "
            + (type.isEmpty() ? "no PEM block" : "a " + type) + " (private keys: JwtKey.privateKeyPem)");
      };
      return of(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("jwt: cannot read the " + type + " PEM: " + e.getMessage(), e);
    }
  }

  /**
   * A signing key from a PEM {@code PRIVATE KEY} (PKCS#8, RSA or EC). An RSA key also verifies
   * (its public half is derived); an EC key only signs, give the public key to the verifiers.
   *
   * @throws IllegalArgumentException when the text is not a PKCS#8 RSA or EC private key
   */
  public static JwtKey privateKeyPem(String pem) {
    String type = pemType(pem);
    if (!type.equals("PRIVATE KEY")) {
      throw new IllegalArgumentException("jwt: expected a PEM PRIVATE KEY (PKCS#8), got "
          + (type.isEmpty() ? "no PEM block" : "a " + type) + " (convert with `openssl pkcs8 -topk8 -nocrypt`)");
    }
    byte[] der = pemBody(pem);
    for (String alg : List.of("RSA", "EC")) {
      try {
        PrivateKey k = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        PublicKey pub = null;
        if (k instanceof RSAPrivateCrtKey crt) {
          pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        }
        return asymmetric(pub, k, null);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next one
      }
    }
    throw new IllegalArgumentException("jwt: the PRIVATE KEY is neither an RSA nor an EC key");
  }

  /**
   * A verification key from a Java RSA or EC public key.
   *
   * @throws IllegalArgumentException for other key types or an unsupported EC curve
   */
  public static JwtKey of(PublicKey key) {
    return asymmetric(key, null, null);
  }

  /**
   * A key pair that signs (private half) and verifies (public half).
   *
   * @throws IllegalArgumentException for key types other than RSA and EC
   */
  public static JwtKey of(KeyPair pair) {
    return asymmetric(pair.getPublic(), pair.getPrivate(), null);
  }

  private static JwtKey asymmetric(PublicKey pub, PrivateKey priv, String kid) {
    java.security.Key any = pub != null ? pub : priv;
    if (any instanceof RSAPublicKey || any instanceof java.security.interfaces.RSAPrivateKey) {
      return new JwtKey(Kind.RSA, null, pub, priv, new LinkedHashSet<>(RSA), kid);
    }
    if (any instanceof ECPublicKey || any instanceof ECPrivateKey) {
      java.security.spec.ECParameterSpec params = any instanceof ECPublicKey e ? e.getParams() : ((ECPrivateKey) any).getParams();
      Curve curve = Curve.forECParameterSpec(params);
      String alg = curve == null ? null : switch (curve.getName()) {
        case "P-256" -> "ES256";
        case "P-384" -> "ES384";
        case "P-521" -> "ES512";
        default -> null;
      };
      if (alg == null) throw new IllegalArgumentException("jwt: unsupported EC curve (use P-256, P-384 or P-521)");
      return new JwtKey(Kind.EC, null, pub, priv, Set.of(alg), kid);
    }
    throw new IllegalArgumentException("jwt: unsupported key type " + (any == null ? "null" : any.getAlgorithm())
        + " (use an HMAC secret, an RSA key or an EC key)");
  }

  /**
   * This key accepting only {@code algs} (for example only RS256), for a tighter pin than the
   * key's type allows.
   *
   * @throws IllegalArgumentException when an algorithm does not fit the key, or the secret is
   *     shorter than that algorithm needs (HS384: 48 bytes, HS512: 64)
   */
  public JwtKey algorithms(String... algs) {
    if (algs.length == 0) throw new IllegalArgumentException("jwt: at least one algorithm is required");
    Set<String> pinned = new LinkedHashSet<>();
    for (String a : algs) {
      if (kind == Kind.SECRET && HS.contains(a) && secret.length < minSecretBytes(a)) {
        throw new IllegalArgumentException("jwt: the HMAC secret is " + secret.length + " bytes long; " + a
            + " needs at least " + minSecretBytes(a) + " bytes");
      }
      if (!algorithms.contains(a)) {
        throw new IllegalArgumentException("jwt: algorithm " + a + " does not fit this " + describe()
            + " (it accepts " + String.join(", ", ordered()) + ")");
      }
      pinned.add(a);
    }
    return new JwtKey(kind, secret, publicKey, privateKey, pinned, keyId);
  }

  /** This key with a key id: written as {@code kid} in the tokens it signs, matched against a token's {@code kid}. */
  public JwtKey keyId(String kid) {
    return new JwtKey(kind, secret, publicKey, privateKey, algorithms, kid);
  }

  /** The algorithms this key accepts, strongest last ({@code HS256, HS384, HS512}). */
  public List<String> ordered() {
    List<String> all = kind == Kind.SECRET ? HS : kind == Kind.RSA ? RSA : List.of("ES256", "ES384", "ES512");
    return all.stream().filter(algorithms::contains).toList();
  }

  /** Whether a token whose header says {@code alg} may be checked with this key. */
  public boolean accepts(String alg) {
    return alg != null && algorithms.contains(alg);
  }

  /** The key id, or null. */
  public String keyId() {
    return keyId;
  }

  /** Whether this key can sign (an HMAC secret, or a key with its private half). */
  public boolean canSign() {
    return kind == Kind.SECRET || privateKey != null;
  }

  Kind kind() {
    return kind;
  }

  String describe() {
    return switch (kind) {
      case SECRET -> "HMAC secret";
      case RSA -> "RSA key";
      case EC -> "EC key";
    };
  }

  static int minSecretBytes(String alg) {
    return switch (alg) {
      case "HS384" -> 48;
      case "HS512" -> 64;
      default -> 32;
    };
  }

  private JWSVerifier makeVerifier() {
    try {
      return switch (kind) {
        case SECRET -> new MACVerifier(secret);
        case RSA -> publicKey == null ? null : new RSASSAVerifier((RSAPublicKey) publicKey);
        case EC -> publicKey == null ? null : new ECDSAVerifier((ECPublicKey) publicKey);
      };
    } catch (JOSEException e) {
      throw new IllegalArgumentException("jwt: unusable " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Checks a signature; false for a bad one, never throws for attacker input. */
  boolean verify(String alg, byte[] signingInput, String signature) {
    if (verifier == null) return false;
    try {
      return verifier.verify(new JWSHeader(JWSAlgorithm.parse(alg)), signingInput, new Base64URL(signature));
    } catch (JOSEException | RuntimeException e) {
      return false;
    }
  }

  /** Signs; the caller checked {@link #accepts} and {@link #canSign}. */
  Base64URL sign(String alg, byte[] signingInput) {
    try {
      JWSSigner signer = switch (kind) {
        case SECRET -> new MACSigner(secret);
        case RSA -> new RSASSASigner(privateKey);
        case EC -> new ECDSASigner((ECPrivateKey) privateKey);
      };
      return signer.sign(new JWSHeader(JWSAlgorithm.parse(alg)), signingInput);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("jwt: cannot sign with this " + describe() + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ PEM

  private static String pemType(String pem) {
    if (pem == null) throw new IllegalArgumentException("jwt: the PEM text is missing");
    int b = pem.indexOf("-----BEGIN ");
    if (b < 0) return "";
    int e = pem.indexOf("-----", b + 11);
    return e < 0 ? "" : pem.substring(b + 11, e).trim();
  }

  private static byte[] pemBody(String pem) {
    int b = pem.indexOf("-----BEGIN ");
    int start = b < 0 ? -1 : pem.indexOf('\n', b);
    int end = pem.indexOf("-----END ");
    if (start < 0 || end < start) throw new IllegalArgumentException("jwt: not PEM text (no BEGIN/END lines)");
    StringBuilder sb = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = pem.charAt(i);
      if (!Character.isWhitespace(c)) sb.append(c);
    }
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("jwt: the PEM body is not base64", e);
    }
  }

  private static PublicKey publicFromSpki(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  /** PKCS#1 RSAPublicKey is the SPKI's inner bit string: wrap it in the fixed rsaEncryption prefix. */
  private static PublicKey rsaFromPkcs1(byte[] pkcs1) throws GeneralSecurityException {
    byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] bitString = concat(new byte[] {0x03}, derLength(pkcs1.length + 1), new byte[] {0x00}, pkcs1);
    byte[] body = concat(algId, bitString);
    byte[] spki = concat(new byte[] {0x30}, derLength(body.length), body);
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static byte[] derLength(int n) {
    if (n < 0x80) return new byte[] {(byte) n};
    if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
    if (n < 0x10000) return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Override
  public String toString() {
    // never the key material
    return "JwtKey[" + describe() + (keyId != null ? ", kid=" + keyId : "") + ", " + ordered() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwtKey k && kind == k.kind && Arrays.equals(secret, k.secret)
        && java.util.Objects.equals(publicKey, k.publicKey) && algorithms.equals(k.algorithms)
        && java.util.Objects.equals(keyId, k.keyId);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, Arrays.hashCode(secret), publicKey, algorithms, keyId);
  }
}
