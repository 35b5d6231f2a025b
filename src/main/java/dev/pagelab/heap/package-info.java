/**
 * Heaps on VirtualAlloc: {@link dev.pagelab.heap.ProcessHeaps} keeps the heaps of one process (its default heap and
 * the ones HeapCreate made) and runs HeapAlloc, HeapReAlloc, HeapFree, HeapSize and HeapDestroy on the engine, and
 * {@link dev.pagelab.heap.HeapLayout} is the read-only picture of one heap that the DSL and the pictures hand out.
 * Internal, not API: it is public only so that the DSL, the Win32 facade and the pictures can reach it; of its
 * types only {@code HeapLayout} appears in their public methods.
 *
 * <p>The allocator is PageLab's own (docs/windows-rules.md, section H): segments reserved with VirtualAlloc and
 * committed as they fill, 16-byte block headers written into simulated memory, a first-fit free list ordered by
 * address with coalescing, and big blocks in reservations of their own. The bookkeeping in Java is the authority;
 * the headers in memory are there so that allocating touches pages as it does on Windows.
 */
package dev.pagelab.heap;
