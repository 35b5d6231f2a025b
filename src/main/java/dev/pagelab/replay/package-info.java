/**
 * Replaying traces: {@link dev.pagelab.replay.Replay} runs a trace through frames with a policy,
 * {@link dev.pagelab.replay.ReplaySteps} shows it step by step, {@link dev.pagelab.replay.MissRatioCurve} and
 * {@link dev.pagelab.replay.WorkingSet} give curves in one pass, and {@link dev.pagelab.replay.EngineReplay} runs a
 * trace through the full paging engine.
 */
package dev.pagelab.replay;
