package dev.eddy.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The variable a record component binds from, instead of its name in UPPER_SNAKE_CASE. The prefix
 * of an enclosing nested record still applies: {@code @ConfigName("HOSTNAME")} inside a component
 * with prefix {@code DB_} reads {@code DB_HOSTNAME}. See {@link Config#bind}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ConfigName {
  /**
   * The variable's name (without the enclosing prefix).
   *
   * @return a non-empty name
   */
  String value();
}
