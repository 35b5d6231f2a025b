package dev.pagelab.policy;

import dev.pagelab.engine.ReplacementPolicy;

/** What every policy shares: its short name, which is also what it prints unless it has settings to show. */
abstract class NamedPolicy implements ReplacementPolicy {
    private final String name;

    NamedPolicy(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
