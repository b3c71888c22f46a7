package dev.eddy.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The prefix for the variables of a nested record component, instead of its name in
 * UPPER_SNAKE_CASE followed by {@code _}. Prefixes nest: inside a component with prefix {@code
 * APP_}, {@code @ConfigPrefix("DB_")} gives {@code APP_DB_}; an empty prefix binds the nested
 * record's variables at the enclosing level. See {@link Config#bind}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ConfigPrefix {
  /**
   * The prefix, usually ending in {@code _}.
   *
   * @return the prefix, possibly empty
   */
  String value();
}
