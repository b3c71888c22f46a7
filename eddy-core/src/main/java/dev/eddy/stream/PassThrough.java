package dev.eddy.stream;

import java.util.function.BiConsumer;

/** Node's {@code stream.PassThrough}: a Transform that passes every chunk through unchanged. */
public class PassThrough extends Transform {
  public PassThrough() {
    this(StreamOptions.defaults());
  }

  public PassThrough(StreamOptions options) {
    super(options);
  }

  @Override
  protected void doTransform(Object chunk, BiConsumer<Throwable, Object> callback) {
    callback.accept(null, chunk);
  }
}
