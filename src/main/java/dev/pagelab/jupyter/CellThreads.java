package dev.pagelab.jupyter;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Which cell a thread works for. A cell's own threads carry the cell's mark, and so do the threads they start
 * (the mark is inherited); the kernel's threads and the common fork-join pool's carry none and work for whichever
 * cell is running. What a thread prints goes under the cell it works for, and only while that cell runs.
 */
final class CellThreads {
    private static final InheritableThreadLocal<Object> MARK = new InheritableThreadLocal<>();
    private static volatile Object running;

    private CellThreads() {
    }

    /** A cell starts: returns its mark, for {@link #end}. */
    static Object begin() {
        Object cell = new Object();
        running = cell;
        return cell;
    }

    /** The cell marked {@code cell} has ended; threads it started no longer work for a running cell. */
    static void end(Object cell) {
        if (running == cell) {
            running = null;
        }
    }

    /** Marks the calling thread (a cell's snippet thread) as working for the running cell. */
    static void enter() {
        MARK.set(running);
    }

    /** The running cell's mark when the calling thread works for it, else null. */
    static Object runningCellOfThisThread() {
        Object cell = running;
        if (cell == null) {
            return null;
        }
        Object mark = MARK.get();
        return mark == null || mark == cell || inCommonPool() ? cell : null;
    }

    private static boolean inCommonPool() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool();
    }
}
