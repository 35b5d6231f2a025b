package dev.pagelab.replay;

import dev.pagelab.trace.ReferenceReader;
import dev.pagelab.trace.Trace;

/** A byte-address trace in memory, for tests: what an {@code R|W|X 0xADDR} file reads as. */
final class AddressTrace implements Trace {
    private final long[] addresses;
    private final byte[] kinds;

    AddressTrace(long[] addresses, byte[] kinds) {
        this.addresses = addresses.clone();
        this.kinds = kinds.clone();
    }

    @Override
    public ReferenceReader open() {
        return new ReferenceReader() {
            int next;

            @Override
            public int read(long[] values, byte[] kindsOut, int max) {
                int n = Math.min(max, addresses.length - next);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(addresses, next, values, 0, n);
                System.arraycopy(kinds, next, kindsOut, 0, n);
                next += n;
                return n;
            }

            @Override
            public boolean pageNumbers() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean pageNumbers() {
        return false;
    }

    @Override
    public String describe() {
        return "address trace of " + addresses.length + " references";
    }
}
