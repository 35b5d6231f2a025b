package dev.pagelab.engine;

/**
 * Everything the engine knows about one page, built when asked. {@code frame} is the physical frame while
 * the page is resident, and {@code -1} otherwise.
 */
public record PageInfo(long address, int state, int protect, boolean guard, boolean resident, boolean accessed,
                       boolean dirty, boolean inPageFile, int frame) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("page ").append(Hex.address(address)).append(' ')
                .append(Flags.stateName(state));
        if (state == Flags.MEM_COMMIT) {
            sb.append(' ').append(Flags.protectionName(protect));
            if (resident) {
                sb.append(", frame ").append(frame);
            } else if (inPageFile) {
                sb.append(", in the page file");
            } else {
                sb.append(", not yet touched");
            }
            if (dirty) {
                sb.append(", dirty");
            }
        }
        return sb.toString();
    }
}
