package dev.pythonfips.maven;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.record.ReleaseTags;
import dev.pythonfips.model.source.SourceResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The plugin's wording reaches the model's problems: pom elements, and -D properties as the descriptor declares them. */
class MavenWordingTest {

    private static final MavenWording WORDING = MavenWording.of(null); // the descriptor on the class path

    @Test
    void theOneRunFormIsTheDescriptorsUserProperty() {
        assertThat(WORDING.commandLine("policy", "strict")).hasValue("-Dfips.policy=strict");
        assertThat(WORDING.commandLine("fetchSources", "false")).as("the property differs from the element")
                .hasValue("-Dfips.sources.fetch=false");
        assertThat(WORDING.commandLine("skipVerify", "true")).hasValue("-Dfips.verify.skip=true");
        assertThat(WORDING.commandLine("matrix", "x")).as("no property: no one-run form").isEmpty();
        assertThat(WORDING.suggest("allowUnvalidatedProvider", "true"))
                .isEqualTo("<allowUnvalidatedProvider>true</allowUnvalidatedProvider> (-Dfips.allowUnvalidatedProvider=true)");
        assertThat(WORDING.path("images", "image")).isEqualTo("<images><image>");
        assertThat(WORDING.child(WORDING.item(WORDING.element("sources"), "source", 2), "sha256")).isEqualTo("<sources><source>[2]<sha256>");
    }

    @Test
    void releaseSelectionAndSourceProblemsNameTheParametersAsWritten() throws Exception {
        // the element is the parameter's name; the property comes from the descriptor (they differ for push)
        assertThat(WORDING.setting("pushRegistry")).isEqualTo("<pushRegistry> (fips.push.registry)");
        assertThat(WORDING.setting("pushTags")).isEqualTo("<pushTags> (fips.push.tags)");
        assertThat(WORDING.setting("cells")).isEqualTo("<cells> (fips.cells)");
        assertThat(WORDING.offlineMode()).isEqualTo("offline mode (-o)");
        assertThat(WORDING.proxySettings()).contains("settings.xml <proxies>");
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class,
                () -> SourceResolver.checkMirrors(List.of("upstream", "ftp://x"), WORDING));
        assertThat(e.problems()).extracting(Problem::element).containsExactly("<mirrors><mirror>[2]");
        // a cell whose image names no registry, pushed without <pushRegistry>: the problem and its fix as a user reads them
        Plan plan = new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 1, 1), WORDING).plan(new FipsSpec(null,
                List.of(new FipsSpec.CellSpec("3.12.3", "debian12", "3.0.9", "3.0.9", List.of())), List.of(), null, Map.of(),
                FipsSpec.Options.builder().policy("strict").build(), List.of()));
        FipsConfigException push = catchThrowableOfType(FipsConfigException.class,
                () -> ReleaseTags.targets(plan.cells(), "", List.of(), WORDING));
        assertThat(push.getMessage()).contains("<pushRegistry> (fips.push.registry): cell 3.12.3-debian12-openssl3.0.9")
                .contains("fix: set -Dfips.push.registry=host[:port][/namespace], or put the registry in <imageName>");
    }

    @Test
    void theModelsProblemsNameThePomElementsAndProperties() {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.9.19", "debian12", "3.0.9", "3.0.9", List.of()),
                new FipsSpec.CellSpec("3.12.3", "debian12", "3.0.20", "3.0.20", List.of())), List.of(), null, Map.of(),
                FipsSpec.Options.builder().policy("allow-non-security").build(), List.of());
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class,
                () -> new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23), WORDING).plan(spec));
        assertThat(e.problems()).extracting(Problem::element).containsExactly("<policy>", "<images><image>[2]<fipsProvider>");
        assertThat(e.problems().get(0).fix()).contains("<policy>strict</policy> (-Dfips.policy=strict)");
        assertThat(e.problems().get(1).fix()).contains("<fipsCertificates><fipsCertificate>")
                .contains("(-Dfips.allowUnvalidatedProvider=true)");
    }

    @Test
    void aProblemNamesTheSettingTheWayTheUserGaveIt() {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.12.3", "debian12", "3.0.9", "3.0.9", List.of())),
                List.of(), null, Map.of(), FipsSpec.Options.builder().policy("strict").uid("abc").build(),
                List.of());
        java.util.function.Function<MavenWording, String> uidProblem = w -> catchThrowableOfType(FipsConfigException.class,
                () -> new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23), w).plan(spec)).problems().get(0).element();
        // -Dfips.uid=abc on the command line, the pom silent: the property, never a <uid> the pom does not have
        assertThat(uidProblem.apply(WORDING.given(java.util.Set.of(), java.util.Set.of("fips.uid")))).isEqualTo("-Dfips.uid");
        // the pom's <uid> (it wins over any -D): the element
        assertThat(uidProblem.apply(WORDING.given(java.util.Set.of("uid"), java.util.Set.of("fips.uid")))).isEqualTo("<uid>");
        // a setting the user did not give: both ways to set it
        MavenWording cli = WORDING.given(java.util.Set.of("imageName"), java.util.Set.of("fips.mirrors"));
        assertThat(cli.setting("pushRegistry")).isEqualTo("<pushRegistry> (fips.push.registry)");
        assertThat(cli.setting("imageName")).isEqualTo("<imageName>");
        assertThat(cli.setting("mirrors")).isEqualTo("-Dfips.mirrors");
        FipsConfigException mirrors = catchThrowableOfType(FipsConfigException.class,
                () -> SourceResolver.checkMirrors(List.of("upstream", "ftp://x"), cli));
        assertThat(mirrors.problems()).extracting(Problem::element).containsExactly("-Dfips.mirrors (item 2)");
    }

    @Test
    void theModelsHintsNameThisPluginsGoals(@TempDir Path dir) throws Exception {
        assertThat(WORDING.goal("build")).isEqualTo("fips:build");
        assertThat(WORDING.configuration()).isEqualTo("the pom");
        Path record = Files.writeString(dir.resolve("images.json"), "{\"schemaVersion\": 7, \"cells\": []}");
        IOException e = catchThrowableOfType(IOException.class, () -> ImagesRecord.read(record, WORDING));
        assertThat(e.getMessage()).endsWith("delete it and run fips:build again");
    }
}
