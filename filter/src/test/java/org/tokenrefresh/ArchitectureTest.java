package org.tokenrefresh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {

    /** This module's main classes only (the test class path also holds the mock backend and test-support). */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(java.nio.file.Path.of("target/classes"));

    /** Every package is its own slice, the top package included. */
    static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override public SliceIdentifier getIdentifierOf(JavaClass javaClass) { return SliceIdentifier.of(javaClass.getPackageName()); }
        @Override public String getDescription() { return "every package of org.tokenrefresh"; }
    };

    @Test
    void noPackageDependsOnItselfInACircle() {
        SlicesRuleDefinition.slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theSpiUsesNothingOfTheLibraryAndTheInternalsNeverTheApi() {
        noClasses().that().resideInAPackage("org.tokenrefresh.spi..").should().dependOnClassesThat()
                .resideInAnyPackage("org.tokenrefresh", "org.tokenrefresh.internal..").check(MAIN);
        noClasses().that().resideInAPackage("org.tokenrefresh.internal..").should().dependOnClassesThat()
                .resideInAPackage("org.tokenrefresh").check(MAIN);
    }

    @Test
    void publicTypesOutsideInternalAreExactlyTheDocumentedApiAndSpi() {
        Set<String> outside = new TreeSet<>();
        for (JavaClass type : MAIN) {
            if (type.getModifiers().contains(JavaModifier.PUBLIC) && !type.getPackageName().contains(".internal")
                    && !type.getSimpleName().equals("package-info") && (type.getEnclosingClass().isEmpty())) {
                outside.add(type.getName());
            }
        }
        assertEquals(new TreeSet<>(Set.of(
                "org.tokenrefresh.ServiceTokenSource",
                "org.tokenrefresh.TokenRefreshClientFeature",
                "org.tokenrefresh.TokenRefreshFilter",
                "org.tokenrefresh.TokenRefreshInitializer",
                "org.tokenrefresh.spi.AuthBackend",
                "org.tokenrefresh.spi.BackendAnswer",
                "org.tokenrefresh.spi.PluginContext",
                "org.tokenrefresh.spi.RefreshEvent",
                "org.tokenrefresh.spi.RefreshListener",
                "org.tokenrefresh.spi.RefreshStore",
                "org.tokenrefresh.spi.TokenPair",
                "org.tokenrefresh.spi.TokenRefreshPlugin",
                "org.tokenrefresh.spi.TokenSource")), outside, "docs/architecture.md lists the API and SPI");
    }
}
