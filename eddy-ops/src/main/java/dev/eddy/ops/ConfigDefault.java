package dev.eddy.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a record component takes when its variable is not set (or blank), written as the
 * variable would be ({@code "8080"}, {@code "30s"}, {@code "a,b"}) and converted and validated the
 * same way. See {@link Config#bind}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ConfigDefault {
  /**
   * The default, as text.
   *
   * @return the default value
   */
  String value();
}
