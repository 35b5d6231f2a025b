package dev.pagelab.heap;

/** A heap call that failed before it changed anything: the Win32 error and a message naming the problem. */
final class Refused extends RuntimeException {
    final int error;

    Refused(int error, String message) {
        super(message, null, false, false);
        this.error = error;
    }
}
