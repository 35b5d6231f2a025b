/**
 * Helpers shared by the inner packages: {@link dev.pagelab.internal.LongIntMap},
 * {@link dev.pagelab.internal.PageSet} and {@link dev.pagelab.internal.SplitMix64}. Not API: public only so that
 * policy, trace and replay code can reach them; they may change or go in any release. Depends on the JDK only.
 */
package dev.pagelab.internal;
