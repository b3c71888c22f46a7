package dev.eddy;

import dev.eddy.internal.IoHandler;
import dev.eddy.internal.LoopIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/** Binds {@link LoopIo} to the loop's package-private I/O hooks. */
final class LoopIoImpl extends LoopIo {
  @Override
  protected SelectionKey doRegister(Loop loop, SelectableChannel channel, int ops, IoHandler handler) {
    loop.checkThread("registering a channel");
    try {
      channel.configureBlocking(false);
      return channel.register(loop.selector(), ops, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Object[] doLocals(Loop loop, int index) {
    Object[] slots = loop.locals;
    if (index >= slots.length) {
      slots = java.util.Arrays.copyOf(slots, Math.max(index + 1, slots.length * 2));
      loop.locals = slots;
    }
    return slots;
  }

  @Override
  protected void doDrain(Loop loop) {
    loop.drain();
  }

  @Override
  protected void doFlushCancelled(Loop loop) {
    try {
      loop.selector().selectNow(key -> { });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doRef(Loop loop, int delta) {
    if (delta > 0) {
      loop.refRequest();
    } else {
      loop.unrefRequest();
    }
  }

  @Override
  protected void doOnClose(Loop loop, Runnable cb) {
    loop.onClose(cb);
  }

  @Override
  protected void doDeferToPending(Loop loop, Runnable cb) {
    loop.deferToPending(cb);
  }

  @Override
  protected <A> void doNextTick(Loop loop, dev.eddy.internal.TickTask<A> task, A arg) {
    loop.nextTick(task, arg);
  }

  @Override
  protected <A> void doNextTick(dev.eddy.internal.TickTask<A> task, A arg) {
    Loop.require("nextTick()").nextTick(task, arg);
  }
}
