/**
 * The command-line tools behind {@code ./pagelab convert}, {@code ./pagelab curve}, {@code ./pagelab generate} and
 * {@code ./pagelab replay}: argument parsing, progress bars on standard error, and output files written whole or not
 * at all. The outermost package but for the Jupyter glue; nothing else depends on it.
 */
package dev.pagelab.cli;
