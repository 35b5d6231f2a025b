package dev.pagelab.policy;

import dev.pagelab.engine.PageAwarePolicy;
import dev.pagelab.engine.ReplacementPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a policy through the SPI the way an engine would, over page numbers, with plain collections, and
 * checks the protocol on the way: every victim must be a frame in use.
 */
final class PolicyDriver {
    final ReplacementPolicy policy;
    final int frames;
    final Map<Long, Integer> frameOf = new HashMap<>();
    final long[] pageIn;
    final boolean[] inUse;
    final List<Long> evicted = new ArrayList<>();
    long now;
    int faults;

    PolicyDriver(ReplacementPolicy policy, int frames) {
        this.policy = policy;
        this.frames = frames;
        this.pageIn = new long[frames];
        this.inUse = new boolean[frames];
        policy.reset(frames);
    }

    static PolicyDriver run(ReplacementPolicy policy, int frames, long... pages) {
        PolicyDriver driver = new PolicyDriver(policy, frames);
        for (long page : pages) {
            driver.access(page, false);
        }
        return driver;
    }

    /** One reference; returns whether it faulted. */
    boolean access(long page, boolean write) {
        long t = now++;
        Integer frame = frameOf.get(page);
        if (frame != null) {
            policy.referenced(frame, write, t);
            return false;
        }
        faults++;
        if (policy instanceof PageAwarePolicy aware) {
            aware.faulting(page, t);
        }
        int f = freeFrame();
        if (f < 0) {
            f = policy.victim(t);
            if (f < 0 || f >= frames || !inUse[f]) {
                throw new AssertionError(policy.name() + " chose frame " + f + ", which is not in use");
            }
            frameOf.remove(pageIn[f]);
            evicted.add(pageIn[f]);
        }
        inUse[f] = true;
        pageIn[f] = page;
        frameOf.put(page, f);
        policy.loaded(f, write, t);
        return true;
    }

    /** Frees the frame of {@code page} (a decommit), telling the policy. */
    void free(long page) {
        int f = frameOf.remove(page);
        inUse[f] = false;
        policy.freed(f);
    }

    private int freeFrame() {
        for (int f = 0; f < frames; f++) {
            if (!inUse[f]) {
                return f;
            }
        }
        return -1;
    }
}
