/**
 * The only package that knows a kernel: PageLab's own Jupyter kernel (JShell in the kernel's JVM on the IJava
 * base library), the renderers it and IJava share, and the JJava extension.
 */
package dev.pagelab.jupyter;
