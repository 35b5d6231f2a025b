package dev.pagelab.jupyter;

import dev.pagelab.win32.Win32;
import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cell code in the kernel's own JVM, so renderers see the live objects a cell returns. Each snippet runs
 * on a fresh daemon thread whose context class loader is the cells' loader; the kernel's thread waits for it,
 * and an interrupt or a time-out interrupts it, which stops code that sleeps, waits or checks
 * {@link Thread#interrupted()} (every long PageLab loop does).
 */
final class CellExecution extends DirectExecutionControl {
    /** How long an interrupted snippet gets to finish before the kernel stops waiting for it. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** The exception class name reported when the kernel gives up waiting for an interrupted snippet. */
    static final String ABANDONED = "<still running>";
    /** The exception class name reported for a snippet that an interrupt kept from starting. */
    static final String NOT_STARTED = "<not started>";

    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * GetLastError's code as the last snippet left it. Each snippet runs on a thread of its own, but to the notebook
     * they are one program's thread: a call that fails in one statement is read by GetLastError() in the next.
     */
    private static volatile int lastError;

    private final CellClassLoader loader;
    private final Duration timeout;

    private final Object lock = new Object();
    private Thread running;
    private boolean stopRequested;
    private boolean timedOut;

    private boolean hasValue;
    private Object value;

    CellExecution(CellClassLoader loader, Duration timeout) {
        super(loader);
        this.loader = loader;
        this.timeout = timeout;
    }

    /** Forgets the last value and any earlier stop request: called before each cell. */
    void beginCell() {
        synchronized (lock) {
            stopRequested = false;
            timedOut = false;
        }
        takeValue();
    }

    /** Interrupts the snippet running now, and keeps the rest of the cell from running. */
    void interrupt() {
        synchronized (lock) {
            stopRequested = true;
            if (running != null) {
                running.interrupt();
            }
        }
    }

    boolean stopRequested() {
        synchronized (lock) {
            return stopRequested;
        }
    }

    boolean timedOut() {
        synchronized (lock) {
            return timedOut;
        }
    }

    Duration timeout() {
        return timeout;
    }

    /** The live value of the last snippet that had one, or {@link Cells#NO_VALUE}; forgets it. */
    Object takeValue() {
        synchronized (lock) {
            Object v = hasValue ? value : Cells.NO_VALUE;
            hasValue = false;
            value = null;
            return v;
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        String[] text = new String[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            CellThreads.enter();
            Win32.SetLastError(lastError);
            try {
                result[0] = doit.invoke(null);
                // The value's toString() is cell code too: when it throws, that is the cell's exception.
                text[0] = valueString(result[0]);
            } catch (InvocationTargetException e) {
                failure[0] = e;
            } catch (Throwable e) {
                failure[0] = new InvocationTargetException(e);
            } finally {
                lastError = Win32.GetLastError();
            }
        }, "pagelab-cell-" + THREADS.incrementAndGet());
        worker.setDaemon(true);
        worker.setContextClassLoader(loader);
        synchronized (lock) {
            if (stopRequested) {
                throw new UserException("interrupted before it started", NOT_STARTED, new StackTraceElement[0]);
            }
            running = worker;
        }
        try {
            worker.start();
            if (!await(worker)) {
                throw new UserException("still running after an interrupt", ABANDONED, new StackTraceElement[0]);
            }
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
        if (failure[0] instanceof InvocationTargetException) {
            throw (InvocationTargetException) failure[0];
        }
        synchronized (lock) {
            hasValue = true;
            value = result[0];
        }
        return text[0];
    }

    /** Waits for the worker; true when it ended, false when it ignored an interrupt for longer than the grace. */
    private boolean await(Thread worker) throws InterruptedException {
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (worker.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                synchronized (lock) {
                    timedOut = true;
                }
                interrupt();
                deadline = Long.MAX_VALUE;
                continue;
            }
            worker.join(Math.max(1, Math.min(left / 1_000_000, 50)));
            if (stopRequested() && worker.isAlive()) {
                worker.join(GRACE.toMillis());
                if (worker.isAlive() && forceStop(worker)) {
                    worker.join(GRACE.toMillis());
                }
                return !worker.isAlive();
            }
        }
        return true;
    }

    /**
     * The last resort for code that never looks at its interrupt flag, like {@code while (true) {}}:
     * {@code Thread.stop}, as JShell itself does. Java 20 and later refuse it; then the code runs on in the
     * background, and the kernel says so.
     */
    private static boolean forceStop(Thread worker) {
        try {
            Thread.class.getMethod("stop").invoke(worker);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        interrupt();
    }
}
