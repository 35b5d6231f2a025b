/**
 * What runs PageLab's files: {@link dev.pagelab.scenario.ScenarioRunner} makes a scenario's calls on a fresh
 * machine and checks its expectations, {@link dev.pagelab.scenario.Replayer} makes a journal's calls again to
 * rebuild the state it records, and {@link dev.pagelab.scenario.ScenarioMain} is {@code ./pagelab run}. The files
 * themselves are read and written by {@code dev.pagelab.json}, which runs nothing.
 */
package dev.pagelab.scenario;
