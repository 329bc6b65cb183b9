package dev.gantry.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's shape: the API's records and the client know nothing of the server that answers them, the tokens
 * know nothing of HTTP, and only the server's own package speaks through Javalin.
 */
@AnalyzeClasses(packages = "dev.gantry.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule theApiShapesStandAlone = noClasses()
            .that()
            .resideInAPackage("dev.gantry.server.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.gantry.server", "dev.gantry.server.auth..", "dev.gantry.server.client..", "io.javalin..")
            .because("the command line reads the same records the server writes, without the server");

    @ArchTest
    static final ArchRule theClientKnowsOnlyTheApi = noClasses()
            .that()
            .resideInAPackage("dev.gantry.server.client..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.gantry.server", "dev.gantry.server.auth..", "io.javalin..", "org.h2..");

    @ArchTest
    static final ArchRule tokensKnowNoHttp = noClasses()
            .that()
            .resideInAPackage("dev.gantry.server.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.gantry.server", "io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
            .because("who may do what is decided the same whichever front end asks");

    @ArchTest
    static final ArchRule pagesKnowNoHttp = noClasses()
            .that()
            .resideInAPackage("dev.gantry.server.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.gantry.server", "io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
            .because("a page renders records it is given; the server reads the request and sends the page");
}
