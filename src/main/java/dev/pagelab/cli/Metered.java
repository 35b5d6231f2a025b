package dev.pagelab.cli;

import dev.pagelab.trace.FilterTrace;
import dev.pagelab.trace.Trace;
import dev.pagelab.trace.TraceFile;
import java.util.concurrent.atomic.LongAdder;

/**
 * A trace that counts what its readers take: references, and for a file its bytes, so that a progress bar can
 * follow passes over it (several at a time too, as the per-size replays of a curve run in parallel).
 */
final class Metered extends FilterTrace {
    final LongAdder references = new LongAdder();
    final LongAdder bytes;

    private Metered(Trace trace, LongAdder bytes) {
        super(trace instanceof TraceFile file ? file.metered(bytes) : trace);
        this.bytes = bytes;
    }

    Metered(Trace trace) {
        this(trace, new LongAdder());
    }

    @Override
    protected void filter(long[] values, byte[] kinds, int n) {
        references.add(n);
    }
}
