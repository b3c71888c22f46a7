package dev.eddy;

/**
 * A reading of Node's {@code performance.eventLoopUtilization()}: milliseconds the loop spent
 * waiting for I/O or timers ({@code idle}) and running callbacks ({@code active}), and {@code
 * utilization = active / (idle + active)} (0 when both are 0). See {@link
 * Loop#eventLoopUtilization()}.
 *
 * @param idle milliseconds spent waiting in the poll phase
 * @param active milliseconds spent running
 * @param utilization active / (idle + active), between 0 and 1
 */
public record EventLoopUtilization(double idle, double active, double utilization) {
  static EventLoopUtilization of(double idle, double active) {
    double total = idle + active;
    return new EventLoopUtilization(idle, active, total > 0 ? active / total : 0);
  }

  /**
   * The utilization between {@code earlier} and this reading, as Node's {@code
   * eventLoopUtilization(earlier)} when called with this reading's time.
   *
   * @param earlier an older reading of the same loop
   * @return the difference, with its own utilization
   */
  public EventLoopUtilization since(EventLoopUtilization earlier) {
    return of(Math.max(0, idle - earlier.idle), Math.max(0, active - earlier.active));
  }
}
