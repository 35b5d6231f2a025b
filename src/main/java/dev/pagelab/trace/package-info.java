/** Memory-reference traces: readers and writers for text, binary and Valgrind lackey formats, replay and miss-ratio curves. */
package dev.pagelab.trace;
