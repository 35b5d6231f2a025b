package dev.pagelab.engine;

import java.util.Arrays;

/**
 * A stack of free numbers (frames of a pool, slots of the page file or of a working set): the last one freed is the
 * next one taken, so a freed frame or slot is reused at once. It grows by doubling and never shrinks.
 */
final class FreeList {
    private int[] numbers = new int[8];
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    /** The number freed last, taken off the list; the list must not be empty. */
    int pop() {
        return numbers[--count];
    }

    void push(int number) {
        if (count == numbers.length) {
            numbers = Arrays.copyOf(numbers, count * 2);
        }
        numbers[count++] = number;
    }

    /** How many numbers are free. */
    int size() {
        return count;
    }

    /** Whether {@code number} is on the list (a linear scan, for checks). */
    boolean contains(int number) {
        for (int i = 0; i < count; i++) {
            if (numbers[i] == number) {
                return true;
            }
        }
        return false;
    }
}
