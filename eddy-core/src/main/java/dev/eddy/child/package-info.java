/**
 * Node's {@code child_process} on {@link java.lang.ProcessBuilder}: {@link
 * dev.eddy.child.ChildProcesses#spawn spawn} (a {@link dev.eddy.child.ChildProcess} with Node's
 * events and piped stdio as Eddy streams), {@link dev.eddy.child.ChildProcesses#exec exec} and
 * {@link dev.eddy.child.ChildProcesses#execFile execFile} (buffered output, maxBuffer, timeout,
 * callback and promise forms), and {@link dev.eddy.child.ChildProcesses#fork fork} of a child JVM
 * with a line-based message channel ({@link dev.eddy.child.ChildIpc} on the child's side).
 *
 * <p>Error texts, codes and event order are Node 20's: a program that cannot start is an {@code
 * 'error'} event ({@code spawn x ENOENT}), never an exception from {@code spawn}.
 */
package dev.eddy.child;
