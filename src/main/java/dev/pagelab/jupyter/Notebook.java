package dev.pagelab.jupyter;

/**
 * What a notebook cell can call besides the DSL; the kernel's startup script imports it.
 * {@code display(space)} shows a value's pictures in the cell's output, wherever the cell is.
 */
public final class Notebook {
    private Notebook() {
    }

    /**
     * Shows {@code value} in the output of the running cell, as the last value of a cell would be shown, and
     * prints nothing else; outside a kernel it prints the value's text.
     */
    public static void display(Object value) {
        System.out.flush();
        System.err.flush();
        PageLabKernel kernel = PageLabKernel.current();
        if (kernel == null) {
            System.out.println(value);
        } else {
            kernel.display(kernel.render(value));
        }
    }
}
