package dev.pythonfips.model.render;

import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files of the generated Dockerfile, package layer and build commands per distro (src/test/resources/golden). A change to a
 * template shows up here as a reviewable diff; regenerate deliberately with {@code -Dgolden.update=true}.
 */
class GoldenContextTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "rocky9,   3.12.3, 3.0.9,  3.1.2,  strict,             none",
            "wolfi,    3.12.3, 3.0.9,  3.0.9,  strict,             none",
            "debian12, 3.11.9, 3.0.9,  3.0.9,  allow-non-security, all",
            "debian13, 3.13.5, 3.1.2,  3.1.2,  strict,             none",
            "rocky9,   3.9.19, 1.0.2u, 2.0.16, allow-non-security, all"})
    void dockerfileAndPackageLayerMatchTheGoldenFiles(String distro, String python, String openssl, String fips,
                                                      String policy, String builtinHashes) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell(python, distro, openssl, fips)), List.of(), null, Map.of(),
                Specs.options(policy, null, false, builtinHashes), List.of());
        Plan plan = Specs.planner().plan(spec);
        new Generator().generate(plan, tmp.resolve("fips"), SourceProvider.deferred(), m -> { });
        Cell cell = plan.cells().get(0);
        Path ctx = tmp.resolve("fips").resolve(cell.id());
        for (String file : List.of("Dockerfile", "scripts/packages.sh", "openssl.cnf", "cell.env", "env/fips-module.commands",
                "env/openssl.commands", "env/python.commands")) {
            String actual = Files.readString(ctx.resolve(file));
            Path golden = GOLDEN.resolve(cell.id()).resolve(file);
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual);
            }
            assertThat(golden).as("golden file %s (run with -Dgolden.update=true after a deliberate template change)", golden).exists();
            assertThat(actual).as(cell.id() + "/" + file).isEqualTo(Files.readString(golden));
        }
    }
}
