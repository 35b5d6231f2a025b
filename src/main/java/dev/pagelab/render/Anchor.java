package dev.pagelab.render;

/** Where a text's reference point lies along it. */
enum Anchor {
    START, MIDDLE, END;

    String svg() {
        return switch (this) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
    }
}
