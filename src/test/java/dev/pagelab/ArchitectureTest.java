package dev.pagelab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

/**
 * Keeps the package arrows pointing inward: the internal helpers, then engine, policy, trace formats and replay,
 * then the DSL, then the lessons and the Win32 facade, pictures (which may draw lesson objects), JSON, what runs
 * JSON files (scenario), the command-line tools (cli) and last the Jupyter glue. An inner package never imports an
 * outer one, and the domain never sees a kernel, Jackson or JFreeChart type.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pagelab");
    }

    @Test
    void internal_dependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.pagelab.internal..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pagelab.internal..", "java..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void engine_dependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.pagelab.engine..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pagelab.engine..", "java..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void policy_dependsOnEngineOnly() {
        noClasses().that().resideInAPackage("dev.pagelab.policy..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pagelab.policy..", "dev.pagelab.engine..",
                        "dev.pagelab.internal..", "java..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void heap_dependsOnEngineOnly() {
        // The allocator is built on the engine's VirtualAlloc family; the DSL and the Win32 facade use it, not the reverse.
        noClasses().that().resideInAPackage("dev.pagelab.heap..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pagelab.heap..", "dev.pagelab.engine..",
                        "dev.pagelab.internal..", "java..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void trace_formatsDependOnInternalOnly() {
        noClasses().that().resideInAPackage("dev.pagelab.trace..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pagelab.trace..", "dev.pagelab.internal..",
                        "java..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void replay_dependsOnEnginePolicyTraceAndInternalOnly() {
        noClasses().that().resideInAPackage("dev.pagelab.replay..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pagelab.replay..", "dev.pagelab.trace..",
                        "dev.pagelab.policy..", "dev.pagelab.engine..", "dev.pagelab.internal..", "java..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void dsl_dependsOnTheCorePackagesOnly() {
        noClasses().that().resideInAPackage("dev.pagelab")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.lesson..", "dev.pagelab.win32..",
                        "dev.pagelab.render..", "dev.pagelab.json..", "dev.pagelab.jupyter..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void lesson_dependsOnTheDslAndInnerPackagesOnly() {
        // The lessons are built on the DSL; the DSL never knows them (the startup scripts import both), and pictures
        // of lesson objects live in render, which may see lesson.
        noClasses().that().resideInAPackage("dev.pagelab.lesson..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.win32..", "dev.pagelab.render..",
                        "dev.pagelab.json..", "dev.pagelab.jupyter..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void win32_dependsOnTheDslAndInnerPackagesOnly() {
        noClasses().that().resideInAPackage("dev.pagelab.win32..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.lesson..", "dev.pagelab.render..",
                        "dev.pagelab.json..", "dev.pagelab.jupyter..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void renderAndJson_neverSeeTheKernelOrEachOther() {
        noClasses().that().resideInAPackage("dev.pagelab.render..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.jupyter..", "dev.pagelab.json..",
                        "com.fasterxml.jackson..", "io.github.spencerpark..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("dev.pagelab.json..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.jupyter..", "dev.pagelab.render..",
                        "org.jfree..", "io.github.spencerpark..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void domain_carriesNoJupyterJacksonOrChartTypes() {
        noClasses().that().resideInAnyPackage("dev.pagelab", "dev.pagelab.internal..", "dev.pagelab.engine..",
                        "dev.pagelab.policy..", "dev.pagelab.trace..", "dev.pagelab.replay..", "dev.pagelab.lesson..",
                        "dev.pagelab.win32..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.spencerpark..", "org.dflib..",
                        "com.fasterxml.jackson..", "tools.jackson..", "org.jfree..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void cli_usesTracesReplaysAndPictures_andNothingDependsOnIt() {
        noClasses().that().resideInAPackage("dev.pagelab.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.jupyter..", "dev.pagelab.json..",
                        "dev.pagelab.scenario..", "dev.pagelab.win32..", "dev.pagelab.lesson..",
                        "io.github.spencerpark..", "org.dflib..", "com.fasterxml.jackson..", "tools.jackson..",
                        "org.jfree..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideOutsideOfPackage("dev.pagelab.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.pagelab.cli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void json_readsAndWritesFiles_andRunsNothing() {
        noClasses().that().resideInAPackage("dev.pagelab.json..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.scenario..", "dev.pagelab.win32..",
                        "dev.pagelab.lesson..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void scenario_dependsOnJsonAndTheDslOnly_andNothingDependsOnIt() {
        noClasses().that().resideInAPackage("dev.pagelab.scenario..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pagelab.win32..", "dev.pagelab.render..",
                        "dev.pagelab.lesson..", "dev.pagelab.jupyter..", "com.fasterxml.jackson..", "tools.jackson..",
                        "org.jfree..", "io.github.spencerpark..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideOutsideOfPackage("dev.pagelab.scenario..")
                .should().dependOnClassesThat().resideInAPackage("dev.pagelab.scenario..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void json_readsTokensOnly_neverBindsTypesFromTheInput() {
        // Jackson's data binding builds Java objects from a document. A plain ObjectMapper reading into our own types
        // lets the input choose no class; polymorphic typing does (activateDefaultTyping, or @JsonTypeInfo naming
        // classes on a property typed Object or Serializable): then the input names any class on the class path,
        // and "gadget" classes built that way are how Jackson's deserialization CVEs run code. The readers here
        // walk the streaming parser's tokens with no databind on the class path at all, so no later change can
        // switch that on, and every value is checked against its limit and placed (path, line, column) as it is read.
        noClasses().that().resideInAPackage("dev.pagelab.json..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..",
                        "com.fasterxml.jackson.annotation..", "tools.jackson.databind..")
                .allowEmptyShould(true).check(classes);
    }

    /**
     * The engine's read-only values the user's packages may hand out or take; everything else in the engine
     * (VirtualMemory, PhysicalMemory, Tlb, Allocation, ...) is internal and stays out of their public methods.
     */
    private static final Set<String> ENGINE_VALUES = Set.of("PageInfo", "MemoryRegion", "JournalEvent", "JournalKind",
            "Layout", "TlbStats", "JournalView");

    @Test
    void userPackages_exposeOnlyTheEnginesReadOnlyValues() {
        ArchCondition<JavaCodeUnit> onlyValues = new ArchCondition<>("take and return no engine type but its values") {
            @Override
            public void check(JavaCodeUnit code, ConditionEvents events) {
                Set<JavaClass> types = new HashSet<>(code.getReturnType().getAllInvolvedRawTypes());
                for (JavaType p : code.getParameterTypes()) {
                    types.addAll(p.getAllInvolvedRawTypes());
                }
                for (JavaClass t : types) {
                    JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
                    if (base.getPackageName().equals("dev.pagelab.engine")
                            && !ENGINE_VALUES.contains(base.getSimpleName())
                            && !ENGINE_VALUES.contains(base.getEnclosingClass().map(JavaClass::getSimpleName).orElse(""))) {
                        events.add(SimpleConditionEvent.violated(code, code.getFullName() + " uses the engine's "
                                + base.getName()));
                    }
                    // The heap package's allocator (ProcessHeaps) is internal too; its read-only HeapLayout is the value.
                    if (base.getPackageName().equals("dev.pagelab.heap")
                            && !base.getName().startsWith("dev.pagelab.heap.HeapLayout")) {
                        events.add(SimpleConditionEvent.violated(code, code.getFullName() + " uses the heap's "
                                + base.getName()));
                    }
                }
            }
        };
        codeUnits().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage("dev.pagelab", "dev.pagelab.win32",
                        "dev.pagelab.render")
                .should(onlyValues).allowEmptyShould(true).check(classes);
    }
}
