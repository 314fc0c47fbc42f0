package dev.descent;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.router.Route;
import jakarta.persistence.Entity;
import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The feature boundaries of ../shared/STYLE.md, checked on every build. */
@AnalyzeClasses(packages = "dev.descent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule features_do_not_depend_on_each_other_in_cycles =
            slices().matching("dev.descent.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_chart_is_an_add_on_without_spring_or_domain_imports =
            noClasses().that().resideInAPackage("dev.descent.chart..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "jakarta.persistence..",
                            "dev.descent.run..", "dev.descent.metrics..", "dev.descent.base..",
                            "dev.descent.ingest..", "dev.descent.monitor..", "dev.descent.compare..",
                            "dev.descent.admin..", "dev.descent.security..", "dev.descent.demo..");

    @ArchTest
    static final ArchRule metrics_are_plain_java =
            noClasses().that().resideInAPackage("dev.descent.metrics..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "jakarta..", "com.vaadin..", "tools.jackson..",
                            "dev.descent.run..", "dev.descent.chart..", "dev.descent.base..");


    @ArchTest
    static final ArchRule the_domain_knows_nothing_of_the_ui =
            noClasses().that().resideInAnyPackage("dev.descent.run", "dev.descent.metrics..")
                    .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..");

    @ArchTest
    static final ArchRule views_are_package_private =
            classes().that().areAnnotatedWith(Route.class).should().notBePublic();

    @ArchTest
    static final ArchRule entities_and_repositories_stay_inside_their_feature =
            classes().that().areAnnotatedWith(Entity.class).or().areAnnotatedWith(Repository.class)
                    .or().areAssignableTo(org.springframework.data.repository.Repository.class)
                    .should().notBePublic();

    @ArchTest
    static final ArchRule only_services_touch_repositories =
            noClasses().that().resideInAPackage("..ui..")
                    .should().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
                    .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..");

    @ArchTest
    static final ArchRule only_services_use_repositories =
            noClasses().that().areNotAnnotatedWith(org.springframework.stereotype.Service.class)
                    .and().areNotAnnotatedWith(Repository.class)
                    .and().areNotAssignableTo(org.springframework.data.repository.Repository.class)
                    .should().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
                    .orShould().dependOnClassesThat().areAnnotatedWith(Repository.class);
}
