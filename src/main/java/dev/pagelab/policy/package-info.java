/** Page-replacement policies on frame indices: FIFO, LRU, CLOCK, NRU, RANDOM, OPT and ARC. */
package dev.pagelab.policy;
