package dev.eddy.ops.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The root logger's one appender under {@code Logging.configure}: it hands every event to the
 * current asynchronous appender, which {@code Logging.flush} replaces in one volatile write before
 * stopping (and so draining) the old one. Logback's root logger has no atomic way to swap two
 * appenders: adding the new one first would write some events twice, removing the old one first
 * would lose some.
 */
public final class SwitchAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private volatile Appender<ILoggingEvent> target;

  /** A switch that forwards to {@code target}. */
  public SwitchAppender(Appender<ILoggingEvent> target) {
    this.target = target;
  }

  /** Forwards to {@code next} from now on and returns the appender it forwarded to before. */
  public Appender<ILoggingEvent> swap(Appender<ILoggingEvent> next) {
    Appender<ILoggingEvent> old = target;
    target = next;
    return old;
  }

  /** The appender events go to now. */
  public Appender<ILoggingEvent> target() {
    return target;
  }

  @Override
  protected void append(ILoggingEvent event) {
    target.doAppend(event);
  }

  @Override
  public void stop() {
    super.stop();
    target.stop();
  }
}
