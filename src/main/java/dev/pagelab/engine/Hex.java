package dev.pagelab.engine;

/** Address formatting: {@code 0x7ff6_1234_0000}, grouped by four hex digits for the eye. */
public final class Hex {
    private Hex() {}

    /** An address as lower-case hex with an underscore every four digits, e.g. {@code 0x1_0000}. */
    public static String address(long value) {
        String digits = Long.toHexString(value);
        StringBuilder sb = new StringBuilder(digits.length() + 8).append("0x");
        int lead = digits.length() % 4;
        if (lead == 0) {
            lead = 4;
        }
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 4) {
            sb.append('_').append(digits, i, i + 4);
        }
        return sb.toString();
    }

    /** A half-open range {@code [0x1_0000, 0x1_4000)}. */
    public static String range(long start, long end) {
        return "[" + address(start) + ", " + address(end) + ")";
    }

    /** {@code bytes} in {@code units[unit]} (0 is KiB), two decimals at most, rounded down. */
    private static String size(long bytes, int unit, String[] units) {
        double value = bytes / Math.pow(1024, unit + 1);
        String text = new java.math.BigDecimal(value).setScale(2, java.math.RoundingMode.DOWN).toPlainString();
        return text.replaceAll("0+$", "").replaceAll("\\.$", "") + " " + units[unit];
    }

    /** A byte count in binary units: {@code 16 KiB}, {@code 1.5 MiB}, {@code 100 bytes}. */
    public static String size(long bytes) {
        if (bytes < 0) {
            return "-" + size(-bytes);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        int unit = -1;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        long whole = (long) value;
        if (value == whole) {
            return whole + " " + units[unit];
        }
        // Round down, so that a block just short of 128 TiB never prints as 128 TiB; and where two decimals would
        // print 16 GiB and 32 KiB as "16 GiB", an exact size it is not, name the rest: "16 GiB + 32 KiB".
        String text = size(bytes, unit, units);
        if (text.equals(whole + " " + units[unit])) {
            return text + " + " + size(bytes - (whole << (10 * (unit + 1))));
        }
        return text;
    }
}
