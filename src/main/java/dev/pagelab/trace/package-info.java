/** Memory-reference traces: the formats (text, binary, Valgrind lackey), their readers and writers, and generators. */
package dev.pagelab.trace;
