package dev.pillar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the compiled production classes: the core imports only the JDK and
 * the core; codecs and crypto only those and each other (plus their parsing libraries); the application layer only
 * what is inside it; adapters (store, http with its console, cli, auth) depend inward only and never on each other;
 * only the composition root (boot) sees everything; and no two packages depend on each other in a cycle.
 */
class LayeringTest {
    private static JavaClasses production;

    @BeforeAll
    static void load() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pillar");
        assertThat(production.size()).as("classes of dev.pillar found on the class path").isGreaterThan(200);
    }

    private static void check(ArchRule rule) {
        EvaluationResult result = rule.evaluate(production);
        assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
    }

    @Test
    void coreImportsOnlyTheJdkAndTheCore() {
        check(noClasses().that().resideInAPackage("dev.pillar.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.pillar.core..", "java..")
                .because("the core knows the domain and nothing else: no I/O, no libraries"));
    }

    @Test
    void codecsCryptoAndMatchingDependOnlyOnTheCoreAndEachOther() {
        check(noClasses().that().resideInAnyPackage("dev.pillar.codec..", "dev.pillar.crypto..", "dev.pillar.screening..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pillar.app..", "dev.pillar.store..", "dev.pillar.http..",
                        "dev.pillar.cli..", "dev.pillar.auth..", "dev.pillar.boot..")
                .because("codecs translate between text and core values; they know no use case and no adapter"));
    }

    @Test
    void theApplicationLayerKnowsNoAdapter() {
        check(noClasses().that().resideInAPackage("dev.pillar.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pillar.store..", "dev.pillar.http..", "dev.pillar.cli..",
                        "dev.pillar.auth..", "dev.pillar.boot..", "io.javalin..", "java.sql..", "org.jdbi..", "com.zaxxer..", "org.h2..",
                        "org.postgresql..", "gg.jte..", "picocli..", "com.nimbusds..")
                .because("use cases take plain values and reach storage and tokens through their ports"));
    }

    @Test
    void theAuditLogAndThePortsDependOnlyInward() {
        check(noClasses().that().resideInAnyPackage("dev.pillar.app.port..", "dev.pillar.app.audit..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillar.app")
                .because("the ports and the Merkle log sit under the services: the services use them, not the other way"));
    }

    private static final List<String> ADAPTERS = List.of("store", "http", "cli", "auth");

    @Test
    void adaptersNeverDependOnEachOtherNorOnTheCompositionRoot() {
        for (String adapter : ADAPTERS) {
            String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).map(a -> "dev.pillar." + a + "..").toArray(String[]::new);
            check(noClasses().that().resideInAPackage("dev.pillar." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAPackage("dev.pillar.boot..")
                    .because("adapters meet only in the composition root (dev.pillar.boot)"));
        }
    }

    @Test
    void noPackageCycles() {
        check(slices().matching("dev.pillar.(**)").should().beFreeOfCycles());
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        Set<String> packages = new TreeSet<>();
        Set<String> described = new TreeSet<>();
        for (JavaClass c : production) {
            packages.add(c.getPackageName());
            if (c.getSimpleName().equals("package-info")) {
                described.add(c.getPackageName());
            }
        }
        assertThat(packages).as("packages without a package-info.java").isEqualTo(described);
    }
}
