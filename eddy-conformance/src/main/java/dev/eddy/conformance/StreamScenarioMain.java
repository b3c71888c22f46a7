package dev.eddy.conformance;

/**
 * {@code conformance/bin/stream-scenario FILE...}: runs the stream scenarios of {@code
 * ../shared/stream-conformance} on Eddy's stream API, one fresh loop per scenario, and prints
 * {@code name<TAB>["out",...]} per file.
 */
public final class StreamScenarioMain {
  private StreamScenarioMain() {}

  public static void main(String[] args) throws Exception {
    ScenarioMain.runAll(args, (program, timeoutMs) -> new StreamScenarioRun(program).run(timeoutMs));
  }
}
