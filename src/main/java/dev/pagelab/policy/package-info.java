/**
 * Page-replacement policies on frame indices, behind the engine's
 * {@link dev.pagelab.engine.ReplacementPolicy} SPI: {@link dev.pagelab.policy.Fifo},
 * {@link dev.pagelab.policy.Lru}, {@link dev.pagelab.policy.Clock}, {@link dev.pagelab.policy.Nru},
 * {@link dev.pagelab.policy.RandomPolicy}, {@link dev.pagelab.policy.Opt} and {@link dev.pagelab.policy.Arc}.
 *
 * <p>{@link dev.pagelab.policy.Policy} is the value a machine spec holds and the DSL shows as a constant
 * ({@code Policy.LRU}, {@code Policy.random(7)}); it creates a fresh instance per machine or replay. Every policy
 * keeps its state in primitive arrays sized at {@code reset}, costs O(1) or O(log frames) per call and allocates
 * nothing per call. Seeded policies draw from the SplitMix64 generator in {@code dev.pagelab.internal}, so a seed picks
 * the same victims on every JDK.
 *
 * <p>ARC remembers evicted pages, so it implements {@link dev.pagelab.engine.PageAwarePolicy}: the caller names the
 * faulting page before asking for a victim. OPT needs the future, as a next-use array over the trace about to be
 * replayed, and takes the reference index as its logical time.
 */
package dev.pagelab.policy;
