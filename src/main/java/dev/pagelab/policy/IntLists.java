package dev.pagelab.policy;

import java.util.Arrays;

/**
 * A few intrusive doubly linked lists over the nodes {@code 0 .. n-1}, each node in at most one list,
 * kept in int arrays: O(1) insert, remove and move, nothing allocated after construction. The front of a
 * list is its most recent end.
 */
final class IntLists {
    static final int NONE = -1;

    private final int[] next;
    private final int[] prev;
    private final byte[] owner;
    private final int[] head;
    private final int[] tail;
    private final int[] size;

    IntLists(int nodes, int lists) {
        next = new int[nodes];
        prev = new int[nodes];
        owner = new byte[nodes];
        head = new int[lists];
        tail = new int[lists];
        size = new int[lists];
        clear();
    }

    void clear() {
        Arrays.fill(owner, (byte) NONE);
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
        Arrays.fill(size, 0);
    }

    /** The list holding {@code node}, or {@link #NONE}. */
    int listOf(int node) {
        return owner[node];
    }

    int size(int list) {
        return size[list];
    }

    /** The most recently added node of {@code list}, or {@link #NONE}. */
    int first(int list) {
        return head[list];
    }

    /** The oldest node of {@code list}, or {@link #NONE}. */
    int last(int list) {
        return tail[list];
    }

    void addFirst(int list, int node) {
        link(list, node, NONE, head[list]);
    }

    void addLast(int list, int node) {
        link(list, node, tail[list], NONE);
    }

    /** Puts {@code node} into {@code list} between {@code p} and {@code n}, {@link #NONE} standing for an end. */
    private void link(int list, int node, int p, int n) {
        join(list, p, node);
        join(list, node, n);
        owner[node] = (byte) list;
        size[list]++;
    }

    /** Takes {@code node} out of its list; does nothing if it is in none. */
    void remove(int node) {
        int list = owner[node];
        if (list == NONE) {
            return;
        }
        join(list, prev[node], next[node]);
        owner[node] = (byte) NONE;
        size[list]--;
    }

    /** Makes {@code a} and {@code b} neighbours in {@code list}, {@code a} first; {@link #NONE} stands for an end. */
    private void join(int list, int a, int b) {
        if (a == NONE) {
            head[list] = b;
        } else {
            next[a] = b;
        }
        if (b == NONE) {
            tail[list] = a;
        } else {
            prev[b] = a;
        }
    }

    /** Moves {@code node} to the front of {@code list}, from whatever list it was in. */
    void moveToFirst(int list, int node) {
        if (head[list] == node) {
            return;
        }
        remove(node);
        addFirst(list, node);
    }

    /** Removes and returns the oldest node of {@code list}, or {@link #NONE} if it is empty. */
    int removeLast(int list) {
        int t = tail[list];
        if (t != NONE) {
            remove(t);
        }
        return t;
    }
}
