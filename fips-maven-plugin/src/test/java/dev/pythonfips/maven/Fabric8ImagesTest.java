package dev.pythonfips.maven;

import dev.pythonfips.model.Catalog;
import dev.pythonfips.model.Cell;
import dev.pythonfips.model.FipsSpec;
import dev.pythonfips.model.MatrixPlanner;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration handed to fabric8's docker:build (buildx cannot run here, so this is what we can check). */
class Fabric8ImagesTest {

    private static Cell cell(String... platforms) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.12.3", "wolfi", "3.0.9", "3.0.9", List.of(platforms))),
                List.of(), "registry.example.com/fips/python", Map.of(), FipsSpec.Options.defaults(), List.of());
        return new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23)).plan(spec).cells().get(0);
    }

    @Test
    void multiPlatformCellsUseBuildxPlatforms() throws Exception {
        Xpp3Dom conf = Fabric8Images.configuration(cell("linux/amd64", "linux/arm64"), new File("/ctx"), "host",
                Map.of("B", "2", "A", "1"), List.of("latest"), true, "build");
        Xpp3Dom image = conf.getChild("images").getChild("image");
        assertThat(image.getChild("name").getValue()).isEqualTo("registry.example.com/fips/python:3.12.3-wolfi-openssl3.0.9");
        assertThat(image.getChild("alias").getValue()).isEqualTo("3.12.3-wolfi-openssl3.0.9");
        Xpp3Dom build = image.getChild("build");
        assertThat(build.getChild("contextDir").getValue()).isEqualTo(new File("/ctx").getAbsolutePath());
        assertThat(build.getChild("filter").getValue()).as("Maven filtering must be off for our Dockerfiles").isEqualTo("false");
        assertThat(build.getChild("network").getValue()).isEqualTo("host");
        assertThat(build.getChild("noCache").getValue()).isEqualTo("true");
        assertThat(build.getChild("args").getChildren()).extracting(Xpp3Dom::getName).containsExactly("A", "B");
        assertThat(build.getChild("tags").getChild("tag").getValue()).isEqualTo("latest");
        assertThat(build.getChild("buildx").getChild("platforms").getChildren()).extracting(Xpp3Dom::getValue)
                .containsExactly("linux/amd64", "linux/arm64");
        assertThat(build.getChild("buildOptions")).as("buildx gets the platforms, not the classic platform option").isNull();
        assertThat(conf.getChild("verbose").getValue()).isEqualTo("build");
    }

    @Test
    void singlePlatformCellsUseTheClassicBuild() throws Exception {
        Xpp3Dom conf = Fabric8Images.configuration(cell("linux/amd64"), new File("/ctx"), "", Map.of(), List.of(), false, null);
        Xpp3Dom build = conf.getChild("images").getChild("image").getChild("build");
        assertThat(build.getChild("buildx")).isNull();
        assertThat(build.getChild("buildOptions").getChild("platform").getValue()).isEqualTo("linux/amd64");
        assertThat(build.getChild("network")).isNull();
        assertThat(build.getChild("args")).isNull();
        assertThat(conf.getChild("verbose")).isNull();
    }

    @Test
    void aSingleNonNativePlatformIsAskedOfTheEngineNotLeftToTheHost() throws Exception {
        Xpp3Dom conf = Fabric8Images.configuration(cell("linux/arm64"), new File("/ctx"), "host", Map.of(), List.of(), false, null);
        Xpp3Dom build = conf.getChild("images").getChild("image").getChild("build");
        assertThat(build.getChild("buildx")).as("one platform: classic build").isNull();
        assertThat(build.getChild("buildOptions").getChildren()).extracting(Xpp3Dom::getName, Xpp3Dom::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform", "linux/arm64"));
    }

    private static Xpp3Dom userConfig(String verbose) {
        Xpp3Dom conf = new Xpp3Dom("configuration");
        Xpp3Dom dockerHost = new Xpp3Dom("dockerHost");
        dockerHost.setValue("unix:///var/run/docker.sock");
        conf.addChild(dockerHost);
        if (verbose != null) {
            Xpp3Dom v = new Xpp3Dom("verbose");
            v.setValue(verbose);
            conf.addChild(v);
        }
        return conf;
    }

    @Test
    void theBuildStreamIsAlwaysAskedForAndTheUsersOwnVerboseKept() {
        assertThat(Fabric8Images.buildVerbose(null)).isEqualTo("build");
        assertThat(Fabric8Images.buildVerbose(userConfig(null))).isEqualTo("build");
        assertThat(Fabric8Images.buildVerbose(userConfig("false"))).isEqualTo("build");
        assertThat(Fabric8Images.buildVerbose(userConfig("api"))).isEqualTo("api,build");
        assertThat(Fabric8Images.buildVerbose(userConfig("all"))).isEqualTo("all");
        assertThat(Fabric8Images.buildVerbose(userConfig("api,build"))).isEqualTo("api,build");
        assertThat(Fabric8Images.buildVerbose(userConfig(""))).isEqualTo("true");
        // a user whose fabric8 configuration shows the build output keeps seeing it
        assertThat(Fabric8Images.showsBuildOutput(userConfig("api"))).isFalse();
        assertThat(Fabric8Images.showsBuildOutput(userConfig("false"))).isFalse();
        assertThat(Fabric8Images.showsBuildOutput(null)).isFalse();
        assertThat(Fabric8Images.showsBuildOutput(userConfig("true"))).isTrue();
        assertThat(Fabric8Images.showsBuildOutput(userConfig("API, Build"))).isTrue();
    }
}
