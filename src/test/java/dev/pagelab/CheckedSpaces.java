package dev.pagelab;

import dev.pagelab.engine.Invariants;
import dev.pagelab.engine.PhysicalMemory;
import dev.pagelab.engine.SpaceAccess;
import dev.pagelab.engine.VirtualMemory;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spaces a test made, checked against the engine's invariants when it ends (regions, commit charge, and the
 * frames and page file of each computer against its spaces' page tables), as every Win32 test already is. A test
 * class registers one and makes its spaces through it:
 * {@code @RegisterExtension final CheckedSpaces checked = new CheckedSpaces();} and a private {@code space()} that
 * returns {@code checked.add(PageLab.space())}, which the class's calls then reach before the static import.
 * Public for the tests of the other packages that make spaces through the DSL.
 */
public final class CheckedSpaces implements AfterEachCallback {
    private final List<AddressSpace> spaces = new ArrayList<>();

    /** Remembers {@code space} for the check at the end of the test, and gives it back. */
    public AddressSpace add(AddressSpace space) {
        spaces.add(space);
        return space;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            return; // the test's own failure says more
        }
        Map<PhysicalMemory, List<VirtualMemory>> byComputer = new IdentityHashMap<>();
        for (AddressSpace s : spaces) {
            VirtualMemory vm = SpaceAccess.engine(s);
            Invariants.check(vm);
            byComputer.computeIfAbsent(vm.memory(), m -> new ArrayList<>()).add(vm);
        }
        for (List<VirtualMemory> group : byComputer.values()) {
            Invariants.checkFrames(group.toArray(VirtualMemory[]::new));
        }
        spaces.clear();
    }
}
