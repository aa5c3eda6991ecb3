package dev.pythonfips.model.record;

import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import dev.pythonfips.model.supplychain.Sbom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The build inputs of a cell are the same for each platform's job and change with anything else in the context. */
class BuildInputsTest {

    @TempDir
    Path tmp;

    private Path generate(String name, String... platforms) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.11.9", "debian12", "3.0.9", "3.0.9", List.of(platforms))),
                List.of(), null, java.util.Map.of(), Specs.options(null, null, false, null), List.of());
        Plan plan = new MatrixPlanner(Catalog.builtIn(), java.time.LocalDate.of(2026, 11, 23)).plan(spec);
        new Generator().generate(plan, tmp.resolve(name), SourceProvider.deferred(), m -> { });
        return tmp.resolve(name).resolve(plan.cells().get(0).id());
    }

    @Test
    void eachPlatformsJobHasTheSameInputsAndAnyOtherChangeShows() throws Exception {
        Path amd = generate("amd", "linux/amd64");
        Path arm = generate("arm", "linux/arm64");
        assertThat(Files.readString(amd.resolve("manifest.json"))).isNotEqualTo(Files.readString(arm.resolve("manifest.json")));
        assertThat(BuildInputs.of(amd)).startsWith("sha256:").isEqualTo(BuildInputs.of(arm));
        // what fips:sbom adds later is not an input
        Files.writeString(amd.resolve(Sbom.FILE), "{}");
        assertThat(BuildInputs.of(amd)).isEqualTo(BuildInputs.of(arm));
        // anything else is
        Files.writeString(arm.resolve("cell.env"), Files.readString(arm.resolve("cell.env")) + "PYFIPS_UID='1'\n");
        assertThat(BuildInputs.of(amd)).isNotEqualTo(BuildInputs.of(arm));
        Path other = generate("other", "linux/amd64");
        String manifest = Files.readString(other.resolve("manifest.json"));
        Files.writeString(other.resolve("manifest.json"), manifest.replace("\"strict\"", "\"allow-non-security\""));
        assertThat(BuildInputs.of(other)).isNotEqualTo(BuildInputs.of(amd));
    }
}
