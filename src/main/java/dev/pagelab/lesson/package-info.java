/**
 * Lessons built on the DSL: the fragmentation lesson (contiguous and paged memories sharing frames among programs)
 * and seeded exercises with their keys. {@code import static dev.pagelab.lesson.Lessons.*} gives its memories; the
 * notebook and JShell startup import it.
 */
package dev.pagelab.lesson;
