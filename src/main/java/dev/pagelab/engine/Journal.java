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
 *
 * <p>A journal keeps its last {@link #limit()} events ({@value #DEFAULT_LIMIT} unless set), so that a long loop
 * cannot fill the heap; older ones are dropped and counted ({@link #dropped()}). The columns are then a ring:
 * event {@code i} (0 the oldest kept) sits at {@code (start + i) mod capacity}, and the capacity equals the limit
 * whenever the journal is full.
 */
public final class Journal implements JournalView {
    /** The events a journal keeps unless told otherwise: the last 100,000. */
    public static final int DEFAULT_LIMIT = 100_000;
    /** A limit meaning "keep every event". */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private long[] time = new long[64];
    private byte[] kind = new byte[64];
    private long[] address = new long[64];
    private long[] arg = new long[64];
    private int[] flags = new int[64];
    private int[] result = new int[64];
    private long[] out = new long[64];
    private int[] protect = new int[64];
    private int start;
    private int size;
    private int limit = DEFAULT_LIMIT;
    private long dropped;
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
        int i;
        if (size == limit) {
            // Full: the newest event takes the oldest one's place.
            i = start;
            start = start + 1 == time.length ? 0 : start + 1;
            dropped++;
        } else {
            if (size == time.length) {
                resize((int) Math.min(limit, 2L * time.length));
            }
            i = slot(size++);
        }
        time[i] = t;
        kind[i] = (byte) k.ordinal();
        address[i] = addr;
        arg[i] = a;
        flags[i] = f;
        result[i] = r;
        out[i] = o;
        protect[i] = p;
    }

    private int slot(int i) {
        int at = start + i;
        return at >= time.length ? at - time.length : at;
    }

    /** New columns of {@code capacity} slots holding the events kept, oldest at 0. */
    private void resize(int capacity) {
        time = ordered(time, capacity);
        kind = ordered(kind, capacity);
        address = ordered(address, capacity);
        arg = ordered(arg, capacity);
        flags = ordered(flags, capacity);
        result = ordered(result, capacity);
        out = ordered(out, capacity);
        protect = ordered(protect, capacity);
        start = 0;
    }

    private <A> A ordered(A column, int capacity) {
        @SuppressWarnings("unchecked")
        A copy = (A) java.lang.reflect.Array.newInstance(column.getClass().getComponentType(), capacity);
        int length = java.lang.reflect.Array.getLength(column);
        int first = Math.min(size, length - start);
        System.arraycopy(column, start, copy, 0, first);
        System.arraycopy(column, 0, copy, first, size - first);
        return copy;
    }

    /** How many events the journal keeps: the last ones, {@link #UNBOUNDED} for all. */
    public int limit() {
        return limit;
    }

    /**
     * Keeps the last {@code events} events from now on ({@link #UNBOUNDED} for all); when more are kept already,
     * the oldest are dropped at once.
     */
    public void limit(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("a journal keeps at least 1 event, not " + events);
        }
        int excess = size - events;
        if (excess > 0) {
            start = slot(excess);
            size -= excess;
            dropped += excess;
        }
        limit = events;
        if (time.length > events || start + size > time.length) {
            resize(Math.min(time.length, events));
        }
    }

    /** How many of the oldest events were dropped to keep the journal within its {@link #limit()}. */
    public long dropped() {
        return dropped;
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

    public long time(int i) { return time[at(i)]; }
    public JournalKind kind(int i) { return JournalKind.VALUES[kind[at(i)]]; }
    public long address(int i) { return address[at(i)]; }
    public long arg(int i) { return arg[at(i)]; }
    public int flags(int i) { return flags[at(i)]; }
    public int result(int i) { return result[at(i)]; }
    public long out(int i) { return out[at(i)]; }
    public int protect(int i) { return protect[at(i)]; }

    /** The event at index {@code i} (0 the oldest kept), built now. */
    public JournalEvent event(int i) {
        int j = at(i);
        return new JournalEvent(i, time[j], JournalKind.VALUES[kind[j]], address[j], arg[j], flags[j], result[j], out[j],
                protect[j]);
    }

    /** How many events of a kind are recorded (among those kept). */
    public int count(JournalKind k) {
        int n = 0;
        byte code = (byte) k.ordinal();
        for (int i = 0; i < size; i++) {
            if (kind[slot(i)] == code) {
                n++;
            }
        }
        return n;
    }

    private int at(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("journal event " + i + " is outside [0, " + size + ")");
        }
        return slot(i);
    }

    @Override
    public String toString() {
        String events = size + (size == 1 ? " event" : " events");
        return dropped == 0 ? "journal of " + events : "journal of the last " + events + " (" + dropped
                + " older dropped; limit " + limit + ")";
    }
}
