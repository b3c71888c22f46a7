package dev.eddy.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code conformance/bin/scenario FILE...}: runs event-loop scenarios of {@code
 * ../shared/conformance} on Eddy's public API and prints {@code name<TAB>["out",...]} per file.
 *
 * <p>Each scenario runs on a fresh loop of its own thread, as if it were a process of its own;
 * several run at once ({@code CONFORMANCE_JOBS}, default 4), which is also a test of many loops
 * in one JVM. A scenario still running after {@code CONFORMANCE_TIMEOUT_MS} (default 8000) is
 * terminated and reported as {@code exit:timeout}.
 */
public final class ScenarioMain {
  private ScenarioMain() {}

  public static void main(String[] args) throws Exception {
    runAll(args, (program, timeoutMs) -> new ScenarioRun(program).run(timeoutMs));
  }

  /** Runs one scenario's program and returns its output lines, "exit:CODE" included. */
  interface Runner {
    List<String> run(JsonNode program, long timeoutMs);
  }

  /** Runs every file (in parallel, each on its own loop) and prints one result line per file. */
  static void runAll(String[] args, Runner runner) throws Exception {
    int jobs = intEnv("CONFORMANCE_JOBS", 4);
    long timeoutMs = intEnv("CONFORMANCE_TIMEOUT_MS", 8000);
    ObjectMapper json = new ObjectMapper();
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    List<Future<String>> results = new ArrayList<>();
    for (String file : args) {
      results.add(pool.submit(() -> runFile(json, Path.of(file), timeoutMs, runner)));
    }
    for (Future<String> f : results) {
      out.println(f.get());
      out.flush();
    }
    pool.shutdown();
    out.flush();
    System.exit(0);
  }

  private static String runFile(ObjectMapper json, Path file, long timeoutMs, Runner runner) {
    String name = file.getFileName().toString();
    List<String> output;
    try {
      JsonNode scenario = json.readTree(file.toFile());
      output = runner.run(scenario.get("program"), timeoutMs);
    } catch (IOException e) {
      output = List.of("invalid:unreadable");
    } catch (IllegalArgumentException e) {
      System.err.println(file + ": " + e.getMessage());
      output = List.of("invalid:scenario");
    }
    StringBuilder sb = new StringBuilder(name).append('\t').append('[');
    for (int i = 0; i < output.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(output.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append(']').toString();
  }

  private static int intEnv(String name, int dflt) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, but it is '" + v + "'");
    }
  }
}
