/**
 * The PageLab DSL: {@code import static dev.pagelab.PageLab.*} gives spaces, machines (values) and the computers
 * they boot, sizes and protections; {@link dev.pagelab.SpaceView} and {@link dev.pagelab.FrameView} are the
 * read-only views the pictures read.
 */
package dev.pagelab;
