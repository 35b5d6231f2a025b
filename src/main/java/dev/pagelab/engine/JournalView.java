package dev.pagelab.engine;

/**
 * A journal read, not changed: what the DSL hands out ({@code space.journal()}), the pictures draw and the JSON
 * writers write. Event {@code i} is the {@code i}-th oldest kept; the columns mean, for each kind, what
 * {@link JournalKind} says.
 */
public interface JournalView {

    /** How many events the journal keeps: the last ones, {@link Journal#UNBOUNDED} for all. */
    int limit();

    /** How many of the oldest events were dropped to keep the journal within its {@link #limit()}. */
    long dropped();

    /** Whether successful reads and executes are recorded too (on by default). */
    boolean recordsReads();

    /** Whether every access made to the space was recorded, so that the journal replays to the same state. */
    boolean complete();

    /** How many successful accesses and events went unrecorded. */
    long unrecordedAccesses();

    /** Whether events are recorded at all (on by default). */
    boolean enabled();

    /** How many events are recorded. */
    int size();

    /** The logical time of event {@code i}. */
    long time(int i);

    /** The kind of event {@code i}. */
    JournalKind kind(int i);

    /** The address of event {@code i}. */
    long address(int i);

    /** The size or value of event {@code i}. */
    long arg(int i);

    /** The flags of event {@code i}: allocation type, protection, access type or width. */
    int flags(int i);

    /** The result of event {@code i}: error code, status, old protection or frame. */
    int result(int i);

    /** The address an operation returned. */
    long out(int i);

    /** The protection VirtualAlloc was asked for. */
    int protect(int i);

    /** The event at index {@code i} (0 the oldest kept), built now. */
    JournalEvent event(int i);

    /** How many events of a kind are recorded (among those kept). */
    int count(JournalKind k);
}
