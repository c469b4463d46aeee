package org.tokenrefresh.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md for token-refresh-ee. */
class ArchitectureTest {

    /** This module's main classes only. */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void noPackageDependsOnItselfInACircle() {
        // "(**)" captures the whole package name below org.tokenrefresh: every package is its own slice
        SlicesRuleDefinition.slices().matching("org.tokenrefresh.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void publicTypesOutsideInternalAreTheCdiEventTypes() {
        Set<String> outside = new TreeSet<>();
        for (JavaClass type : MAIN) {
            if (type.getModifiers().contains(JavaModifier.PUBLIC) && !type.getPackageName().contains(".internal")
                    && type.getEnclosingClass().isEmpty() && !type.getSimpleName().equals("package-info")) {
                outside.add(type.getName());
            }
        }
        assertEquals(new TreeSet<>(Set.of("org.tokenrefresh.ee.events.TokenRefreshEvent", "org.tokenrefresh.ee.events.TokenRefreshed",
                "org.tokenrefresh.ee.events.RefreshFailed", "org.tokenrefresh.ee.events.SessionExpired",
                "org.tokenrefresh.ee.events.ReplayDetected")), outside, "docs/architecture.md lists the API");
    }
}
