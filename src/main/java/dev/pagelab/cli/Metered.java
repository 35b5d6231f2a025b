package dev.pagelab.cli;

import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;
import dev.pagelab.trace.TraceFile;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A trace that counts what its readers take: references, and for a file its bytes, so that a progress bar can
 * follow passes over it (several at a time too, as the per-size replays of a curve run in parallel).
 */
final class Metered implements Trace {
    private final Trace trace;
    final LongAdder references = new LongAdder();
    final LongAdder bytes = new LongAdder();

    Metered(Trace trace) {
        this.trace = trace instanceof TraceFile file ? file.metered(bytes) : trace;
    }

    @Override
    public ReferenceReader open() throws IOException {
        ReferenceReader in = trace.open();
        return new ReferenceReader() {
            @Override
            public int read(long[] values, byte[] kinds, int max) throws IOException {
                int n = in.read(values, kinds, max);
                if (n > 0) {
                    references.add(n);
                }
                return n;
            }

            @Override
            public boolean pageNumbers() {
                return in.pageNumbers();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public boolean pageNumbers() {
        return trace.pageNumbers();
    }

    @Override
    public String describe() {
        return trace.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
