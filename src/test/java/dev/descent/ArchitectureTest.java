package dev.descent;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

/**
 * The package structure of docs/decisions/DD007-package-structure.md, checked on every build: each package may
 * use only the packages on its allow-list, and no package reaches into another feature's UI.
 */
@AnalyzeClasses(packages = "dev.descent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // Shared building blocks, bottom up. Nothing may use a package that is not on its list.
    @ArchTest
    static final ArchRule base_uses_no_other_package = usesOnly("base");
    @ArchTest
    static final ArchRule chart_uses_no_other_package = usesOnly("chart");
    @ArchTest
    static final ArchRule metrics_use_no_other_package = usesOnly("metrics");
    @ArchTest
    static final ArchRule run_uses_only_base = usesOnly("run", "base");
    @ArchTest
    static final ArchRule security_uses_only_base = usesOnly("security", "base");
    @ArchTest
    static final ArchRule watchdog_uses_only_the_blocks_below_it = usesOnly("watchdog", "base", "metrics", "run");
    @ArchTest
    static final ArchRule plot_uses_only_the_blocks_below_it = usesOnly("plot", "base", "chart", "metrics", "run");

    // Features: each uses the blocks it needs and the public API of run and security, never another feature.
    @ArchTest
    static final ArchRule monitor_uses_only_its_allow_list = usesOnly("monitor", "base", "chart", "metrics", "plot", "run", "watchdog");
    @ArchTest
    static final ArchRule compare_uses_only_its_allow_list = usesOnly("compare", "base", "chart", "metrics", "plot", "run");
    @ArchTest
    static final ArchRule ingest_uses_only_its_allow_list = usesOnly("ingest", "base", "metrics", "plot", "run", "security", "watchdog");
    @ArchTest
    static final ArchRule admin_uses_only_its_allow_list = usesOnly("admin", "base", "run", "security", "watchdog");
    @ArchTest
    static final ArchRule runs_list_uses_only_its_allow_list = usesOnly("runs", "base", "run", "plot", "watchdog");
    @ArchTest
    static final ArchRule cluster_uses_only_its_allow_list = usesOnly("cluster", "base", "run", "security");
    @ArchTest
    static final ArchRule demo_uses_only_its_allow_list = usesOnly("demo", "base", "run");

    @ArchTest
    static final ArchRule a_features_ui_is_its_own =
            classes().that().resideInAnyPackage("dev.descent.admin.ui..", "dev.descent.compare.ui..",
                            "dev.descent.monitor.ui..", "dev.descent.runs.ui..", "dev.descent.security.ui..",
                            "dev.descent.watchdog.ui..")
                    .should(new com.tngtech.archunit.lang.ArchCondition<>("be used only inside their own feature") {
                        @Override
                        public void check(JavaClass ui, com.tngtech.archunit.lang.ConditionEvents events) {
                            String feature = ui.getPackageName().replaceFirst("^(dev\\.descent\\.[a-z]+)\\..*$", "$1");
                            for (var access : ui.getDirectDependenciesToSelf()) {
                                String from = access.getOriginClass().getPackageName();
                                if (!from.equals(feature) && !from.startsWith(feature + ".")) {
                                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(access,
                                            access.getDescription()));
                                }
                            }
                        }
                    });

    @ArchTest
    static final ArchRule the_plotting_core_is_plain_java_outside_its_ui =
            noClasses().that().resideInAPackage("dev.descent.plot").should().dependOnClassesThat()
                    .resideInAnyPackage("org.springframework..", "jakarta..", "com.vaadin..", "tools.jackson..");

    /** Classes of {@code dev.descent.<name>} use, of our own code, only their package and the ones listed. */
    private static ArchRule usesOnly(String name, String... allowed) {
        String[] packages = new String[allowed.length + 1];
        packages[0] = "dev.descent." + name + "..";
        for (int i = 0; i < allowed.length; i++) {
            packages[i + 1] = "dev.descent." + allowed[i] + "..";
        }
        DescribedPredicate<JavaClass> outside = JavaClass.Predicates.resideInAPackage("dev.descent..")
                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(packages)))
                .as("classes of dev.descent outside " + String.join(", ", packages));
        return noClasses().that().resideInAPackage("dev.descent." + name + "..")
                .should().dependOnClassesThat(outside);
    }

    @ArchTest
    static final ArchRule features_do_not_depend_on_each_other_in_cycles =
            slices().matching("dev.descent.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_chart_is_an_add_on_without_spring_or_domain_imports =
            noClasses().that().resideInAPackage("dev.descent.chart..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "jakarta.persistence..");

    @ArchTest
    static final ArchRule metrics_are_plain_java =
            noClasses().that().resideInAPackage("dev.descent.metrics..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "jakarta..", "com.vaadin..", "tools.jackson..");


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
