package dev.eddy.child.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * What a forked JVM starts with: points {@code System.out} at stderr before the program's main
 * runs, so nothing the program (or a logging library it starts) prints reaches the stdout that
 * carries the message channel, then runs {@code args[0]}'s main with the remaining arguments.
 */
public final class ForkMain {
  private ForkMain() {}

  public static void main(String[] args) throws Throwable {
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    Class<?> program = Class.forName(args[0], true, ClassLoader.getSystemClassLoader());
    Method main = program.getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause(); // reported as the program's own uncaught exception
    }
  }
}
