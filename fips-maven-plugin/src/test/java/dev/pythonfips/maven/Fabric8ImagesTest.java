package dev.pythonfips.maven;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration handed to fabric8's docker:build: one platform per build, classic builder with the platform option. */
class Fabric8ImagesTest {

    private static Cell cell(String... platforms) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.12.3", "wolfi", "3.0.9", "3.0.9", List.of(platforms))),
                List.of(), "registry.example.com/fips/python", Map.of(), FipsSpec.Options.defaults(), List.of());
        return new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23)).plan(spec).cells().get(0);
    }

    @Test
    void eachPlatformOfAMultiPlatformCellIsItsOwnClassicBuild() throws Exception {
        Cell cell = cell("linux/amd64", "linux/arm64");
        Xpp3Dom conf = Fabric8Images.configuration(cell, Platform.parse("linux/arm64"), "registry.example.com/fips/python:x-linux-arm64",
                new File("/ctx"), "host", Map.of("B", "2", "A", "1"), List.of("latest"), true, "build");
        Xpp3Dom image = conf.getChild("images").getChild("image");
        assertThat(image.getChild("name").getValue()).isEqualTo("registry.example.com/fips/python:x-linux-arm64");
        assertThat(image.getChild("alias").getValue()).isEqualTo("3.12.3-wolfi-openssl3.0.9");
        Xpp3Dom build = image.getChild("build");
        assertThat(build.getChild("contextDir").getValue()).isEqualTo(new File("/ctx").getAbsolutePath());
        assertThat(build.getChild("filter").getValue()).as("Maven filtering must be off for our Dockerfiles").isEqualTo("false");
        assertThat(build.getChild("network").getValue()).isEqualTo("host");
        assertThat(build.getChild("noCache").getValue()).isEqualTo("true");
        assertThat(build.getChild("args").getChildren()).extracting(Xpp3Dom::getName).containsExactly("A", "B");
        assertThat(build.getChild("tags").getChild("tag").getValue()).isEqualTo("latest");
        assertThat(build.getChild("buildx")).as("never buildx: its docker driver refuses several platforms here").isNull();
        assertThat(build.getChild("buildOptions").getChild("platform").getValue()).isEqualTo("linux/arm64");
        assertThat(conf.getChild("verbose").getValue()).isEqualTo("build");
        assertThatThrownBy(() -> Fabric8Images.configuration(cell, Platform.parse("linux/s390x"), "n:1", new File("/ctx"), "",
                Map.of(), List.of(), false, null)).hasMessageContaining("not a platform of");
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

    // --- the merge with the user's fabric8 configuration (AbstractFabric8Mojo#execute) ---

    private static Xpp3Dom dom(String xml) throws Exception {
        return org.codehaus.plexus.util.xml.Xpp3DomBuilder.build(new java.io.StringReader(xml));
    }

    /** fabric8 docker:build's descriptor defaults for the parameters used here (the real list is much longer). */
    private static Xpp3Dom goalDefaults() throws Exception {
        return dom("<configuration><dockerHost>${docker.host}</dockerHost><certPath>${docker.certPath}</certPath>"
                + "<verbose>${docker.verbose}</verbose><skip default-value=\"false\">${docker.skip}</skip><images/>"
                + "<authConfig/><buildArchiveOnly>${docker.buildArchiveOnly}</buildArchiveOnly></configuration>");
    }

    private static final java.util.Set<String> BUILD_PARAMETERS = java.util.Set.of("dockerHost", "certPath", "verbose", "skip",
            "images", "authConfig", "buildArchiveOnly");

    @Test
    void theUsersGlobalFabric8SettingsApplyButOurImagesReplaceTheirs() throws Exception {
        Xpp3Dom ours = Fabric8Images.configuration(cell("linux/amd64"), new File("/ctx"), "", Map.of(), List.of(), false, null);
        Xpp3Dom user = dom("<configuration><dockerHost>tcp://builder:2376</dockerHost><certPath>/certs</certPath>"
                + "<authConfig><username>u</username><password>p</password></authConfig>"
                + "<images><image><name>users/own:1</name><build><dockerFile>Dockerfile</dockerFile></build></image></images>"
                + "<notAFabric8BuildParameter>x</notAFabric8BuildParameter></configuration>");
        String before = user.toString();
        Xpp3Dom merged = Fabric8Images.merge(ours, user, goalDefaults(), BUILD_PARAMETERS);
        assertThat(merged.getChild("dockerHost").getValue()).isEqualTo("tcp://builder:2376");
        assertThat(merged.getChild("certPath").getValue()).isEqualTo("/certs");
        assertThat(merged.getChild("authConfig").getChild("username").getValue()).isEqualTo("u");
        assertThat(merged.getChild("images").getChildren("image")).as("only our image, never the user's").hasSize(1);
        assertThat(merged.getChild("images").getChild("image").getChild("name").getValue())
                .isEqualTo("registry.example.com/fips/python:3.12.3-wolfi-openssl3.0.9");
        assertThat(merged.getChild("images").getChild("image").getChild("build").getChild("dockerFile")).isNull();
        assertThat(merged.getChild("notAFabric8BuildParameter")).as("only parameters the goal declares").isNull();
        assertThat(user.toString()).as("the pom's configuration object is not changed").isEqualTo(before);
    }

    @Test
    void ourVerboseWinsOverTheUsersAndTheUsersAppliesWhenWeSayNothing() throws Exception {
        Xpp3Dom user = dom("<configuration><verbose>api</verbose></configuration>");
        Xpp3Dom showOutput = Fabric8Images.configuration(cell("linux/amd64"), new File("/ctx"), "", Map.of(), List.of(), false, "build");
        assertThat(Fabric8Images.merge(showOutput, user, goalDefaults(), BUILD_PARAMETERS).getChild("verbose").getValue()).isEqualTo("build");
        Xpp3Dom quiet = Fabric8Images.configuration(cell("linux/amd64"), new File("/ctx"), "", Map.of(), List.of(), false, null);
        assertThat(Fabric8Images.merge(quiet, user, goalDefaults(), BUILD_PARAMETERS).getChild("verbose").getValue()).isEqualTo("api");
    }

    @Test
    void withoutUserConfigurationTheGoalsDefaultsFillWhatWeDoNotSet() throws Exception {
        Xpp3Dom ours = Fabric8Images.configuration(cell("linux/amd64"), new File("/ctx"), "", Map.of(), List.of(), false, null);
        Xpp3Dom merged = Fabric8Images.merge(ours, null, goalDefaults(), BUILD_PARAMETERS);
        // expressions stay for Maven to evaluate: -Ddocker.host, DOCKER_HOST via fabric8, docker.skip ...
        assertThat(merged.getChild("dockerHost").getValue()).isEqualTo("${docker.host}");
        assertThat(merged.getChild("skip").getValue()).isEqualTo("${docker.skip}");
        assertThat(merged.getChild("skip").getAttribute("default-value")).isEqualTo("false");
        assertThat(merged.getChild("images").getChild("image").getChild("alias").getValue()).isEqualTo("3.12.3-wolfi-openssl3.0.9");
        // a user value beats the goal's default expression
        Xpp3Dom user = dom("<configuration><skip>true</skip></configuration>");
        assertThat(Fabric8Images.merge(ours, user, goalDefaults(), BUILD_PARAMETERS).getChild("skip").getValue()).isEqualTo("true");
    }

    @Test
    void theFabric8VersionAndPluginSettingsDeclaredInThePomAreUsed() {
        BuildMojo mojo = new BuildMojo(null, null);
        mojo.dockerMavenPluginVersion = "0.48.0";
        org.apache.maven.model.Model model = new org.apache.maven.model.Model();
        model.setBuild(new org.apache.maven.model.Build());
        mojo.project = new org.apache.maven.project.MavenProject(model);
        org.apache.maven.model.Plugin p = mojo.fabric8Plugin();
        assertThat(p.getKey()).isEqualTo(AbstractFabric8Mojo.FABRIC8);
        assertThat(p.getVersion()).as("no fabric8 in the pom: -Dfips.dockerMavenPlugin.version").isEqualTo("0.48.0");
        assertThat(p.getConfiguration()).isNull();

        org.apache.maven.model.Plugin declared = new org.apache.maven.model.Plugin();
        declared.setGroupId("io.fabric8");
        declared.setArtifactId("docker-maven-plugin");
        declared.setVersion("0.45.1");
        Xpp3Dom conf = new Xpp3Dom("configuration");
        conf.addChild(new Xpp3Dom("dockerHost"));
        declared.setConfiguration(conf);
        org.apache.maven.model.Dependency extra = new org.apache.maven.model.Dependency();
        extra.setGroupId("com.example");
        extra.setArtifactId("docker-credential-helper");
        extra.setVersion("1");
        declared.addDependency(extra);
        org.apache.maven.model.Model withFabric8 = new org.apache.maven.model.Model();
        withFabric8.setBuild(new org.apache.maven.model.Build());
        withFabric8.getBuild().addPlugin(declared);
        mojo.project = new org.apache.maven.project.MavenProject(withFabric8);
        p = mojo.fabric8Plugin();
        assertThat(p.getVersion()).as("the pom's fabric8 version wins").isEqualTo("0.45.1");
        assertThat(p.getConfiguration()).isSameAs(conf);
        assertThat(p.getDependencies()).extracting(org.apache.maven.model.Dependency::getArtifactId).containsExactly("docker-credential-helper");
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
