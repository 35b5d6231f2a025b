package dev.pagelab.engine;

/** What one address space has counted: its committed and resident pages, its accesses and its faults. */
final class Counters {
    /** Committed pages in the space (its share of the commit charge). */
    long committedPages;
    /** Pages of the space in physical frames now, and the most there ever were. */
    long residentPages;
    long peakResidentPages;
    long reads;
    long writes;
    long demandZeroFaults;
    long hardFaults;
    long accessViolations;
    long guardFaults;
    /** Writes to copy-on-write view pages that gave the space a private copy. */
    long copyOnWrites;
    /** Windows working sets: touches of pages still on the standby or modified list, and pages trimmed to them. */
    long softFaults;
    long trims;
    /** How many of the space's pages were evicted. */
    long evictions;

    /** One more page is resident. */
    void resident() {
        residentPages++;
        if (residentPages > peakResidentPages) {
            peakResidentPages = residentPages;
        }
    }
}
