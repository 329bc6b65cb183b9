package dev.gantry;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of gantry-core's package graph: features depend on each other in one direction only, the plan is a
 * model that knows none of the behaviour bound to it, and only the store speaks to the database.
 */
@AnalyzeClasses(packages = "dev.gantry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DATABASE = {"java.sql..", "org.h2..", "org.flywaydb.."};

    /** The store's classes that speak JDBC: {@code H2Store} and the tables and migrations it runs. */
    private static final DescribedPredicate<JavaClass> JDBC_STORE_CLASSES = resideInAPackage("dev.gantry.store..")
            .and(describe("use JDBC", c -> c.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> resideInAnyPackage(DATABASE).test(d.getTargetClass()))))
            .as("the store's JDBC classes");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.gantry.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a cycle ties features into one: none can change, be tested or be read on its own");

    @ArchTest
    static final ArchRule planHoldsSpecsNotBehaviour = noClasses()
            .that()
            .resideInAPackage("dev.gantry.plan..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.gantry.rollout..",
                    "dev.gantry.analysis..",
                    "dev.gantry.gate..",
                    "dev.gantry.notify..",
                    "dev.gantry.store..")
            .because("the plan holds specs; the registries of the features turn them into behaviour");

    @ArchTest
    static final ArchRule theBinderKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("dev.gantry.binding..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.gantry..").and(not(resideInAPackage("dev.gantry.binding.."))))
            .because("every feature's plan records use the binder's annotations");

    @ArchTest
    static final ArchRule analysisDoesNotReachIntoTheGate = noClasses()
            .that()
            .resideInAPackage("dev.gantry.analysis..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gantry.gate..");

    @ArchTest
    static final ArchRule onlyTheStoreUsesTheDatabase = noClasses()
            .that()
            .resideOutsideOfPackages("dev.gantry.store..", "dev.gantry.coordinate..")
            .should()
            .dependOnClassesThat(
                    resideInAnyPackage("org.h2..", "org.flywaydb..").or(JDBC_STORE_CLASSES))
            .because("the store is the edge that holds the database; the rest reads and writes through its interfaces");

    @ArchTest
    static final ArchRule theDomainKnowsNoDatabase = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.gantry.plan..",
                    "dev.gantry.version..",
                    "dev.gantry.commits..",
                    "dev.gantry.changelog..",
                    "dev.gantry.gate..",
                    "dev.gantry.analysis..",
                    "dev.gantry.rollout..",
                    "dev.gantry.report..",
                    "dev.gantry.notify..",
                    "dev.gantry.release..",
                    "dev.gantry.documents..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASE);
}
