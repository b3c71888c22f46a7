package dev.eddy;

/**
 * A snapshot of the blocking pool ({@link Eddy#blocking}), libuv's threadpool: its size, the
 * tasks running, the tasks waiting for a thread, and the tasks completed so far. A queue that keeps
 * growing means blocking work arrives faster than the pool finishes it.
 *
 * @param size the number of threads ({@code EDDY_THREADPOOL_SIZE}, default 4, as libuv)
 * @param active tasks running now
 * @param queued tasks waiting for a thread
 * @param completed tasks finished since the pool started
 */
public record BlockingPoolStats(int size, int active, int queued, long completed) {}
