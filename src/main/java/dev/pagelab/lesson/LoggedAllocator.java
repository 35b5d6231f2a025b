package dev.pagelab.lesson;

import java.util.List;

/**
 * What both allocators share: the {@link StepLog} of their requests, read through the {@link Allocator} methods,
 * and the few lines they print under a heading of their own.
 */
abstract class LoggedAllocator {
    final StepLog log;

    LoggedAllocator(int units) {
        this.log = new StepLog(units);
    }

    /** Every program that has asked for memory, in the order of its first request (refused ones too). */
    public List<String> programs() {
        return log.programs();
    }

    /** The last request, placed or refused, or null before any. */
    public Placement lastRequest() {
        return log.last();
    }

    /** Every step so far, the empty start first. */
    public List<Allocator.Step> steps() {
        return log.steps();
    }

    /** The first line of {@link #toString()}: the kind of memory, its size and what is free. */
    abstract String heading();

    @Override
    public String toString() {
        return StepLog.text((Allocator) this, heading());
    }
}
