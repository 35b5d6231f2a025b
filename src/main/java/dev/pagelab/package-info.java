/** The PageLab DSL: {@code import static dev.pagelab.PageLab.*} gives spaces, machines, sizes and protections. */
package dev.pagelab;
