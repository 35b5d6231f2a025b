package dev.pagelab.engine;

import java.util.Arrays;

/**
 * The record of everything that happened to one address space, on the machine's logical clock: every
 * operation (allocate, free, protect, reset), every value written through the API, and every fault and
 * eviction. Stored as growing primitive columns, so recording allocates nothing per event once the
 * columns have grown; {@link #event(int)} builds a record when someone reads.
 *
 * <p>Columns per event: time, kind, address, size-or-value, flags (allocation type, protection, access
 * type or width), result (error code, status, old protection or frame), out (the address an operation
 * returned) and protect (the protection VirtualAlloc was asked for). What each column means for each kind
 * is documented on {@link JournalKind}.
 */
public final class Journal {
    private long[] time = new long[64];
    private byte[] kind = new byte[64];
    private long[] address = new long[64];
    private long[] arg = new long[64];
    private int[] flags = new int[64];
    private int[] result = new int[64];
    private long[] out = new long[64];
    private int[] protect = new int[64];
    private int size;
    private boolean recordReads = true;
    private long unrecorded;
    private boolean on = true;

    Journal() {}

    void append(long t, JournalKind k, long addr, long a, int f, int r, long o) {
        append(t, k, addr, a, f, r, o, 0);
    }

    void append(long t, JournalKind k, long addr, long a, int f, int r, long o, int p) {
        if (!on) {
            unrecorded++;
            return;
        }
        if (size == time.length) {
            grow();
        }
        int i = size++;
        time[i] = t;
        kind[i] = (byte) k.ordinal();
        address[i] = addr;
        arg[i] = a;
        flags[i] = f;
        result[i] = r;
        out[i] = o;
        protect[i] = p;
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        kind = Arrays.copyOf(kind, n);
        address = Arrays.copyOf(address, n);
        arg = Arrays.copyOf(arg, n);
        flags = Arrays.copyOf(flags, n);
        result = Arrays.copyOf(result, n);
        out = Arrays.copyOf(out, n);
        protect = Arrays.copyOf(protect, n);
    }

    /** Whether successful reads and executes made through the API are recorded too (on by default). */
    public boolean recordsReads() {
        return recordReads;
    }

    /** Records successful reads, executes and touches too, or only writes, operations and faults. */
    public void recordReads(boolean on) {
        recordReads = on;
    }

    /** A successful access was not recorded (reads switched off, or a trace reference through touch). */
    void unrecorded() {
        unrecorded++;
    }

    /**
     * Whether every access made to the space was recorded, so that making the journal's calls again in order on a
     * fresh machine rebuilds the same state: false once a successful read, execute or touch went unrecorded
     * (with reads switched off, or a trace reference made through {@link VirtualMemory#touch}), or any event was
     * dropped while the journal was {@link #enabled(boolean) switched off}.
     */
    public boolean complete() {
        return unrecorded == 0;
    }

    /** How many successful accesses and events went unrecorded. */
    public long unrecordedAccesses() {
        return unrecorded;
    }

    /** Whether events are recorded at all (on by default). */
    public boolean enabled() {
        return on;
    }

    /**
     * Stops or resumes recording. A long trace run can switch the journal off: its counters and its replay
     * result's timeline still count every fault, without two journal events per fault.
     */
    public void enabled(boolean record) {
        on = record;
    }

    /** How many events are recorded. */
    public int size() {
        return size;
    }

    public long time(int i) { check(i); return time[i]; }
    public JournalKind kind(int i) { check(i); return JournalKind.VALUES[kind[i]]; }
    public long address(int i) { check(i); return address[i]; }
    public long arg(int i) { check(i); return arg[i]; }
    public int flags(int i) { check(i); return flags[i]; }
    public int result(int i) { check(i); return result[i]; }
    public long out(int i) { check(i); return out[i]; }
    public int protect(int i) { check(i); return protect[i]; }

    /** The event at index {@code i}, built now. */
    public JournalEvent event(int i) {
        check(i);
        return new JournalEvent(i, time[i], JournalKind.VALUES[kind[i]], address[i], arg[i], flags[i], result[i], out[i],
                protect[i]);
    }

    /** How many events of a kind are recorded. */
    public int count(JournalKind k) {
        int n = 0;
        byte code = (byte) k.ordinal();
        for (int i = 0; i < size; i++) {
            if (kind[i] == code) {
                n++;
            }
        }
        return n;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("journal event " + i + " is outside [0, " + size + ")");
        }
    }

    @Override
    public String toString() {
        return "journal of " + size + (size == 1 ? " event" : " events");
    }
}
