package dev.pagelab.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.pagelab.Machine;

/**
 * How much untrusted input a reader accepts. The parser enforces nesting, string, name, number and document
 * sizes (Jackson's {@link StreamReadConstraints}); the readers enforce array lengths as they go, before an
 * element is kept.
 *
 * @param maxDepth         deepest nesting of objects and arrays
 * @param maxDocumentBytes longest document, in bytes
 * @param maxString        longest string value, in characters (a base64 segment of 1 MiB takes 1.4 million)
 * @param maxArray         most elements in any array
 * @param maxOperations    most operations in a scenario
 * @param maxContentBytes  most bytes of page contents a file run (scenario, journal replay) may make: every write
 *                         may fill up to two pages, and a page may have a copy in the page file too
 */
public record Limits(int maxDepth, long maxDocumentBytes, int maxString, int maxArray, int maxOperations,
              long maxContentBytes) {
    static final int MAX_NAME = 256;
    static final int MAX_NUMBER = 64;
    /** The most frames a machine run from a file may have (the policies size their tables by it). */
    static final int MAX_FRAMES = 1 << 20;
    /** The most pages a machine run from a file may commit (a commit visits every page of its range). */
    static final long MAX_COMMIT_PAGES = 1L << 23;

    /** The limits PageLab reads every file with. */
    public static final Limits DEFAULT = new Limits(32, 1L << 30, 2_000_000, 1 << 24, 100_000, 1L << 30);

    /**
     * Why a machine with these settings is too big to run from a file with {@code writes} write operations, or
     * null when it is not: memory for the policy's tables, commit loops and page contents stays bounded.
     */
    public String tooBig(Machine m, long writes) {
        int frames = m.settings().frames();
        if (!m.unlimited() && frames > MAX_FRAMES) {
            return "a machine of " + frames + " frames is more than a file may run (at most " + MAX_FRAMES + ")";
        }
        long pageSize = m.layout().pageSize();
        long commitPages = m.commitLimit().bytes() / pageSize;
        if (commitPages > MAX_COMMIT_PAGES) {
            return "a commit limit of " + commitPages + " pages is more than a file may run (at most "
                    + MAX_COMMIT_PAGES + " pages; set \"commitLimit\" lower)";
        }
        long pages = Math.min(commitPages, 2 * Math.max(0, writes));
        if (pages > maxContentBytes / pageSize / 2) {
            return writes + " writes to pages of " + pageSize + " bytes may fill " + pages + " pages, more than a file may "
                    + "run (" + maxContentBytes + " bytes of contents, kept twice at most)";
        }
        return null;
    }

    StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxDocumentLength(maxDocumentBytes)
                .maxStringLength(maxString)
                .maxNameLength(MAX_NAME)
                .maxNumberLength(MAX_NUMBER)
                .build();
    }
}
