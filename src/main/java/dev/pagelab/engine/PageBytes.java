package dev.pagelab.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian loads and stores of 1, 2, 4 or 8 bytes in page contents, within one page or straddling two.
 * A null page is a frame that was never written: it reads as zeros.
 */
final class PageBytes {
    private PageBytes() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The {@code width} bytes at {@code offset}, zero-extended. */
    static long load(byte[] page, int offset, int width) {
        if (page == null) {
            return 0;
        }
        return switch (width) {
            case 1 -> page[offset] & 0xFFL;
            case 2 -> (short) SHORT.get(page, offset) & 0xFFFFL;
            case 4 -> (int) INT.get(page, offset) & 0xFFFF_FFFFL;
            default -> (long) LONG.get(page, offset);
        };
    }

    /** Stores the low {@code width} bytes of {@code value} at {@code offset}. */
    static void store(byte[] page, int offset, int width, long value) {
        switch (width) {
            case 1 -> page[offset] = (byte) value;
            case 2 -> SHORT.set(page, offset, (short) value);
            case 4 -> INT.set(page, offset, (int) value);
            default -> LONG.set(page, offset, value);
        }
    }

    /** The {@code width} bytes from {@code offset} in {@code first} running on into the start of {@code second}. */
    static long loadStraddling(byte[] first, byte[] second, int offset, int firstPart, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            byte x = i < firstPart ? (first == null ? 0 : first[offset + i]) : (second == null ? 0 : second[i - firstPart]);
            v |= (x & 0xFFL) << (8 * i);
        }
        return v;
    }

    /** Stores {@code width} bytes from {@code offset} in {@code first}, running on into the start of {@code second}. */
    static void storeStraddling(byte[] first, byte[] second, int offset, int firstPart, int width, long value) {
        for (int i = 0; i < width; i++) {
            byte v = (byte) (value >>> (8 * i));
            if (i < firstPart) {
                first[offset + i] = v;
            } else {
                second[i - firstPart] = v;
            }
        }
    }
}
