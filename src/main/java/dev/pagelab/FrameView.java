package dev.pagelab;

/**
 * A read-only view of a computer's physical frames, what a frame map reads: which space's page each frame holds.
 * It follows the computer as it runs and changes nothing; {@link Computer#view()} gives it.
 */
public interface FrameView {

    /** Whether the memory grows with the pages touched (no replacement). */
    boolean unlimited();

    /** The frames of a finite memory, or the frames used so far by an unlimited one. */
    int frames();

    /** Frames used at least once. */
    int framesTouched();

    /** Bytes per frame. */
    int pageSize();

    /** The replacement policy's name, "none" for an unlimited memory. */
    String policyName();

    /** The space whose page is in {@code frame}, or null when the frame is free. */
    SpaceView owner(int frame);

    /** The virtual page number held in {@code frame} (meaningful while it has an owner). */
    long page(int frame);

    /**
     * The section whose page is in {@code frame}, shared by the views that map it, as {@code section 1 "lab"}; null when
     * the frame holds a space's own page or nothing.
     */
    default String section(int frame) {
        return null;
    }

    /** How many views map the section page in {@code frame} now; 0 for a frame that holds no section page. */
    default int mappings(int frame) {
        return 0;
    }

    /** Where a frame is with Windows working sets (docs/windows-rules.md W4). */
    enum ListState {
        /** Free, or holding a page of a working set (or any resident page with textbook replacement). */
        NONE,
        /** On the standby list: a clean page its space may take back with a soft fault, or the next to be repurposed. */
        STANDBY,
        /** On the modified list: a dirty page waiting for the modified-page writer (or a soft fault). */
        MODIFIED
    }

    /** Whether the machine has Windows working sets, so frames may be on the standby and modified lists. */
    default boolean windowsWorkingSets() {
        return false;
    }

    /** The list {@code frame} is on; {@link ListState#NONE} with textbook replacement. */
    default ListState list(int frame) {
        return ListState.NONE;
    }

    /** Whether the page in {@code frame} is locked by VirtualLock. */
    default boolean locked(int frame) {
        return false;
    }
}
