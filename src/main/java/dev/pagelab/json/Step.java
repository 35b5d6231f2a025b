package dev.pagelab.json;

/**
 * One operation of a scenario, checked when the file was read. Addresses are {@link Address}es (a number, or a
 * name bound by an earlier step plus an offset); fields an operation does not use keep their defaults.
 *
 * @param number  the operation's number in the file, from 1
 * @param path    its JSON path, for messages
 * @param op      what it does
 * @param address where, or null for "anywhere" (reserve and allocate)
 * @param size    how many bytes
 * @param type    the VirtualAlloc or VirtualFree type
 * @param protect the protection
 * @param value   the value a write stores
 * @param width   how many bytes a read or write moves: 1, 2, 4 or 8
 * @param access  the access a touch makes ({@code ACCESS_READ}, {@code ACCESS_WRITE}, {@code ACCESS_EXECUTE})
 * @param name    the name the base of a reservation is bound to, or null
 * @param expect  what the operation should give, or null
 */
public record Step(int number, String path, Op op, Address address, long size, int type, int protect, long value, int width,
            int access, String name, Expect expect) {

    /** The operations, with the names they have in files. */
    public enum Op {
        RESERVE("reserve"), COMMIT("commit"), ALLOCATE("allocate"), PROTECT("protect"), DECOMMIT("decommit"),
        RELEASE("release"), READ("read"), WRITE("write"), EXECUTE("execute"), TOUCH("touch"), QUERY("query"),
        VIRTUAL_ALLOC("VirtualAlloc"), VIRTUAL_FREE("VirtualFree"), VIRTUAL_PROTECT("VirtualProtect"),
        VIRTUAL_QUERY("VirtualQuery");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        /** The operation's name in files: {@code reserve}, {@code VirtualAlloc}, ... */
        public String text() {
            return text;
        }

        static Op of(String text) {
            for (Op op : values()) {
                if (op.text.equals(text)) {
                    return op;
                }
            }
            return null;
        }

        static String known() {
            StringBuilder sb = new StringBuilder();
            for (Op op : values()) {
                sb.append(sb.length() > 0 ? ", " : "").append(op.text);
            }
            return sb.toString();
        }
    }

    /** An address: {@code base} plus the value bound to {@code name} when there is one. */
    public record Address(String name, long base) {
        @Override
        public String toString() {
            if (name == null) {
                return Out.hex(base);
            }
            return base == 0 ? name : base < 0 ? name + "-" + Out.hex(-base) : name + "+" + Out.hex(base);
        }
    }

    /**
     * What the step should give; null fields are not checked. {@code outcome} is {@code ok}, an error name
     * ({@code ERROR_INVALID_ADDRESS}) or an exception ({@code ACCESS_VIOLATION}, {@code GUARD_PAGE}).
     */
    public record Expect(String outcome, Integer error, Long value, Address base, Integer old, Integer state, Integer protect,
                  Long regionSize, String fault) {}
}
