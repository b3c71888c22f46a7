/**
 * Node's {@code worker_threads} on Eddy loops: {@link dev.eddy.worker.Worker} runs a program on
 * a new loop on its own thread and exchanges copied (or transferred) messages with it; {@link
 * dev.eddy.worker.WorkerPool} runs CPU-bound tasks on a bounded set of reused worker loops, like
 * piscina, so the calling loop stays free.
 */
package dev.eddy.worker;
