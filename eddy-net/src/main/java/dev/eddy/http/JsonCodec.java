package dev.eddy.http;

/**
 * Turns values into JSON bytes and back for {@link Fetch} ({@code json(...)} bodies and {@link
 * FetchResponse#json}). eddy-net has no JSON library of its own: plug one in (Jackson in a few
 * lines) with {@link Fetch#defaultCodec(JsonCodec)}, per call with {@link Fetch.Options#codec},
 * or as a {@link java.util.ServiceLoader} provider of this interface.
 */
public interface JsonCodec {
  /** The UTF-8 JSON text of {@code value}. */
  byte[] encode(Object value) throws Exception;

  /** {@code json} (UTF-8) read as a {@code type}. */
  <T> T decode(byte[] json, Class<T> type) throws Exception;
}
