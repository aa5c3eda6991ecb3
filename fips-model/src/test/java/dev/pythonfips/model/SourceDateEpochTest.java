package dev.pythonfips.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build date (project.build.outputTimestamp) becomes SOURCE_DATE_EPOCH of the builds and the created label. */
class SourceDateEpochTest {

    private static final String WHERE = "<project.build.outputTimestamp>";
    private static final long JAN_2026 = 1767225600L;

    @TempDir
    Path tmp;

    @Test
    void isoAndEpochSecondsAreAcceptedLikeMavensOutputTimestamp() throws Exception {
        assertThat(SourceDateEpoch.parse("2026-01-01T00:00:00Z", WHERE)).isEqualTo(JAN_2026);
        assertThat(SourceDateEpoch.parse(" 1767225600 ", WHERE)).isEqualTo(JAN_2026);
        assertThat(SourceDateEpoch.parse("2026-01-01T01:00:00+01:00", WHERE)).isEqualTo(JAN_2026);
        assertThat(SourceDateEpoch.iso(JAN_2026)).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void unsetGivesTheFixedDefaultNeverTheClock() throws Exception {
        for (String unset : new String[]{null, "", "  ", "a"}) {
            assertThat(SourceDateEpoch.parse(unset, WHERE)).as("'%s'", unset).isEqualTo(SourceDateEpoch.DEFAULT);
        }
        assertThat(SourceDateEpoch.iso(SourceDateEpoch.DEFAULT)).isEqualTo("1980-01-01T00:00:02Z");
        assertThat(FipsSpec.Options.defaults().sourceDateEpoch()).isEqualTo(SourceDateEpoch.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-01", "2026-01-01T00:00:00", "${git.commit.time}", "-5", "99999999999999999999"})
    void anInvalidValueNamesThePropertyAndTheFix(String value) {
        assertThatThrownBy(() -> SourceDateEpoch.parse(value, WHERE))
                .isInstanceOfSatisfying(FipsConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    Problem p = e.problems().get(0);
                    assertThat(p.element()).isEqualTo(WHERE + " = '" + value + "'");
                    assertThat(p.message()).contains("neither an ISO-8601 date-time with an offset nor seconds since the epoch");
                    assertThat(p.fix()).contains("2026-01-01T00:00:00Z").contains("1767225600");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "10", "2100-01-01T00:00:00Z"})
    void aDateOutsideWhatZipAndWheelCanStoreIsRefused(String value) {
        assertThatThrownBy(() -> SourceDateEpoch.parse(value, WHERE))
                .isInstanceOfSatisfying(FipsConfigException.class, e -> assertThat(e.problems().get(0).message())
                        .contains("outside 1980-01-01T00:00:02Z .. 2099-12-31T23:59:59Z"));
    }

    @Test
    void anOutOfRangeOptionIsAProblemOfThePlan() {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(), null,
                Map.of(), options(0L), List.of());
        assertThatThrownBy(() -> Specs.planner().plan(spec)).hasMessageContaining("build date (SOURCE_DATE_EPOCH)");
    }

    private static FipsSpec.Options options(Long sde) {
        return FipsSpec.Options.builder().sourceDateEpoch(sde).build();
    }

    private Path generate(Long sde, String fipsProvider, String dir) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell("3.12.3", "debian12", "3.0.9", fipsProvider)), List.of(), null,
                Map.of(), options(sde), List.of());
        Plan plan = Specs.planner().plan(spec);
        new Generator().generate(plan, tmp.resolve(dir), SourceProvider.deferred(), m -> { });
        return tmp.resolve(dir).resolve(plan.cells().get(0).id());
    }

    @Test
    void theBuildDateReachesEveryBuildThatNeedsItAndTheCreatedLabel() throws Exception {
        Path ctx = generate(JAN_2026, "3.0.9", "fips");
        String dockerfile = Files.readString(ctx.resolve("Dockerfile"));
        String build = dockerfile.substring(dockerfile.indexOf(" AS build"), dockerfile.indexOf(" AS runtime"));
        String runtime = dockerfile.substring(dockerfile.indexOf(" AS runtime"));
        // a Dockerfile ARG is in the environment of every later RUN of its stage: OpenSSL, Python, finish-install
        assertThat(build).contains("ARG SOURCE_DATE_EPOCH=1767225600\n");
        assertThat(build.indexOf("ARG SOURCE_DATE_EPOCH")).isGreaterThan(build.indexOf("RUN sh /fips/scripts/build-fips-module.sh"))
                .isLessThan(build.indexOf("RUN sh /fips/scripts/build-openssl.sh"));
        assertThat(dockerfile.substring(0, dockerfile.indexOf(" AS build"))).as("patch stage").doesNotContain("SOURCE_DATE_EPOCH");
        // the runtime stage puts back the build date on what COPY and its own steps touched
        assertThat(runtime).contains("ARG SOURCE_DATE_EPOCH=1767225600\n")
                .contains("RUN touch -c -h -d \"@$SOURCE_DATE_EPOCH\" /opt/python-fips /opt/python-fips/ssl "
                        + "/opt/python-fips/ssl/fipsmodule.cnf\n");
        assertThat(runtime.indexOf("RUN touch")).isGreaterThan(runtime.indexOf("fipsinstall.sh"))
                .isGreaterThan(runtime.indexOf("COPY --from=build"));
        assertThat(runtime.indexOf("ARG SOURCE_DATE_EPOCH")).as("the package layer does not depend on the date")
                .isGreaterThan(runtime.indexOf("runtime-setup.sh"));
        assertThat(dockerfile).contains(" org.opencontainers.image.created=\"2026-01-01T00:00:00Z\"");
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        assertThat(manifest.path("sourceDateEpoch").asLong()).isEqualTo(JAN_2026);
        assertThat(manifest.path("labels").path("org.opencontainers.image.created").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(Files.readString(ctx.resolve("scripts/finish-install.sh")))
                .contains("find \"$P\" -exec touch -h -d \"@$SOURCE_DATE_EPOCH\" {} +");
    }

    @Test
    void withoutADateTheDefaultIsUsedAndTheOutputIsTheSameEveryTime() throws Exception {
        Path a = generate(null, "3.0.9", "a");
        Path b = generate(null, "3.0.9", "b");
        String dockerfile = Files.readString(a.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG SOURCE_DATE_EPOCH=315532802\n")
                .contains(" org.opencontainers.image.created=\"1980-01-01T00:00:02Z\"");
        assertThat(dockerfile).isEqualTo(Files.readString(b.resolve("Dockerfile")));
        assertThat(Files.readString(a.resolve("manifest.json"))).isEqualTo(Files.readString(b.resolve("manifest.json")));
    }

    @Test
    void anotherDateReusesThePackageAndSeparateFipsModuleLayers() throws Exception {
        Path a = generate(JAN_2026, "3.1.2", "a");
        Path b = generate(JAN_2026 + 86400, "3.1.2", "b");
        String da = Files.readString(a.resolve("Dockerfile"));
        String db = Files.readString(b.resolve("Dockerfile"));
        String cut = "ARG SOURCE_DATE_EPOCH";
        assertThat(da.substring(0, da.indexOf(cut))).contains("RUN sh /fips/scripts/build-fips-module.sh")
                .isEqualTo(db.substring(0, db.indexOf(cut)));
        for (String f : List.of("cell.env", "env/fips-module.env", "env/openssl.env", "env/runtime.env")) {
            assertThat(Files.readString(a.resolve(f))).as(f).isEqualTo(Files.readString(b.resolve(f)));
        }
        String ra = da.substring(da.indexOf(" AS runtime"));
        String rb = db.substring(db.indexOf(" AS runtime"));
        assertThat(ra.substring(0, ra.indexOf(cut))).isEqualTo(rb.substring(0, rb.indexOf(cut)));
    }
}
