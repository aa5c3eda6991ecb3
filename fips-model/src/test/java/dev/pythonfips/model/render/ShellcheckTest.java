package dev.pythonfips.model.render;

import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * shellcheck (Debian's package) on every script we ship: the scripts of a generated context, including the
 * rendered packages.sh of every distro family, and the repository's own scripts. Skipped where shellcheck is not
 * installed; .ci/run installs it, so CI always runs it.
 */
class ShellcheckTest {

    @TempDir
    Path tmp;

    private static boolean available() {
        try {
            return new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String shellcheck(Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "--format=gcc"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        return rc == 0 ? "" : "exit " + rc + "\n" + out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "rocky9,   3.12.3, 3.0.9,  3.1.2",
            "wolfi,    3.12.3, 3.0.9,  3.0.9",
            "debian12, 3.11.9, 3.0.9,  3.0.9",
            "rocky9,   3.9.19, 1.0.2u, 2.0.16"})
    void everyScriptOfAGeneratedContextIsClean(String distro, String python, String openssl, String fips) throws Exception {
        Assumptions.assumeTrue(available(), "shellcheck is not installed (apt-get install shellcheck); CI installs it");
        String policy = openssl.startsWith("1.") ? "allow-non-security" : "strict";
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell(python, distro, openssl, fips)), List.of(), null, Map.of(),
                Specs.options(policy, null, false, openssl.startsWith("1.") ? "all" : null), List.of());
        Plan plan = Specs.planner().plan(spec);
        new Generator().generate(plan, tmp.resolve("fips"), SourceProvider.deferred(), m -> { });
        Path ctx = tmp.resolve("fips").resolve(plan.cells().get(0).id());
        List<String> scripts = new ArrayList<>(List.of("-s", "sh", "-x", "-P", "SCRIPTDIR", "fetch-sources.sh"));
        try (Stream<Path> s = Files.list(ctx.resolve("scripts"))) {
            s.map(f -> "scripts/" + f.getFileName()).filter(f -> f.endsWith(".sh")).sorted().forEach(scripts::add);
        }
        assertThat(scripts).contains("scripts/packages.sh", "scripts/openssl-wrapper.sh", "scripts/fipsinstall.sh");
        assertThat(shellcheck(ctx, scripts)).as("shellcheck in %s", ctx).isEmpty();
    }

    @Test
    void theRepositoryScriptsAreClean() throws Exception {
        Assumptions.assumeTrue(available(), "shellcheck is not installed (apt-get install shellcheck); CI installs it");
        Path top = Path.of("..").toAbsolutePath().normalize();
        List<String> scripts = new ArrayList<>();
        for (String dir : List.of("scripts", "scripts/e2e", "scripts/bench", "patches")) {
            try (Stream<Path> s = Files.list(top.resolve(dir))) {
                s.filter(f -> f.toString().endsWith(".sh")).map(f -> top.relativize(f).toString()).sorted().forEach(scripts::add);
            }
        }
        scripts.add(".ci/run");
        assertThat(scripts).contains("scripts/fetch-debian-sources.sh", "scripts/e2e/ensure-docker.sh", "patches/check-patches.sh");
        assertThat(shellcheck(top, scripts)).isEmpty();
    }
}
