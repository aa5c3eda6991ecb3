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
                new FipsSpec.Options(null, "strict", null, false, null, null, null, false, null, null), List.of()));
        FipsConfigException push = catchThrowableOfType(FipsConfigException.class,
                () -> ReleaseTags.targets(plan.cells(), "", List.of(), WORDING));
        assertThat(push.getMessage()).contains("<pushRegistry> (fips.push.registry): cell 3.12.3-debian12-openssl3.0.9")
                .contains("fix: set -Dfips.push.registry=host[:port][/namespace], or put the registry in <imageName>");
    }

    @Test
    void theModelsProblemsNameThePomElementsAndProperties() {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.9.19", "debian12", "3.0.9", "3.0.9", List.of()),
                new FipsSpec.CellSpec("3.12.3", "debian12", "3.0.20", "3.0.20", List.of())), List.of(), null, Map.of(),
                new FipsSpec.Options(null, "allow-non-security", null, false, null, null, null, false, null, null), List.of());
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class,
                () -> new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23), WORDING).plan(spec));
        assertThat(e.problems()).extracting(Problem::element).containsExactly("<policy>", "<images><image>[2]<fipsProvider>");
        assertThat(e.problems().get(0).fix()).contains("<policy>strict</policy> (-Dfips.policy=strict)");
        assertThat(e.problems().get(1).fix()).contains("<fipsCertificates><fipsCertificate>")
                .contains("(-Dfips.allowUnvalidatedProvider=true)");
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
