package dev.pagelab.engine;

/**
 * The JVM running the simulation cannot hold what an operation needs (page contents, page tables): the operation
 * was refused before it changed anything, and the space stays usable. The message starts with {@code host memory:}.
 */
public class HostMemoryException extends IllegalStateException {
    public HostMemoryException(String message) {
        super(message);
    }
}
