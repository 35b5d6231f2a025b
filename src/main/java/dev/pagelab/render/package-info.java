/** Pictures of PageLab state: SVG, PNG and HTML maps and grids, JFreeChart timelines and curves, and the display bundles every kernel shows. */
package dev.pagelab.render;
