package dev.pagelab.engine;

import static dev.pagelab.engine.PhysicalMemory.UNLIMITED;

import java.util.function.Supplier;

/** The shape a {@link PhysicalMemory} must have, checked before one is made: each refusal names the value. */
final class MachineChecks {
    private MachineChecks() {}

    /** Frames, page file, commit limit, and a replacement policy for a finite memory ({@code replaces}). */
    static void shape(int frames, long pageFilePages, long commitLimit, boolean replaces) {
        if (frames < 1) {
            throw new IllegalArgumentException("physical memory needs at least 1 frame, not " + frames);
        }
        if (pageFilePages < 0) {
            throw new IllegalArgumentException("page file size " + pageFilePages + " pages must not be negative");
        }
        if (commitLimit < 0) {
            throw new IllegalArgumentException("commit limit " + commitLimit + " pages must not be negative");
        }
        if (!replaces && frames != UNLIMITED) {
            throw new IllegalArgumentException("a memory of " + frames + " frames needs a replacement policy");
        }
    }

    /** Frames per space (fixed allocation), between 1 and the machine's finite frames. */
    static int spaceFrames(int frames, int spaceFrames) {
        if (frames == UNLIMITED) {
            throw new IllegalArgumentException("frames per space need a finite memory");
        }
        if (spaceFrames < 1 || spaceFrames > frames) {
            throw new IllegalArgumentException("frames per space must be between 1 and the machine's " + frames
                    + " frames, not " + spaceFrames);
        }
        return spaceFrames;
    }

    /** Windows working sets, on a finite memory, with a fresh policy per working set from {@code policies}. */
    static ReplacementPolicy workingSets(int frames, Supplier<ReplacementPolicy> policies) {
        if (frames == UNLIMITED) {
            throw new IllegalArgumentException("Windows working sets need a finite memory");
        }
        return new WorkingSets(null, java.util.Objects.requireNonNull(policies, "policies"));
    }
}
