package dev.pagelab.policy;

/** Argument checks shared by the policies. */
final class Frames {
    private Frames() {}

    static int check(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("a policy needs at least 1 frame, not " + frames);
        }
        return frames;
    }

    /** {@code frame}, unless it is {@link IntLists#NONE}: then the caller asked for a victim with nothing in use. */
    static int victim(int frame, String policy) {
        if (frame < 0) {
            throw new IllegalStateException(policy + " was asked for a victim while no frame is in use");
        }
        return frame;
    }
}
