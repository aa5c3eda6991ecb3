package dev.pythonfips.model.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.render.Generator;
import dev.pythonfips.model.source.SourceProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated build scripts execute exactly the commands manifest.json records. A cell's context is generated,
 * then its three build steps (build-fips-module.sh, build-openssl.sh, build-python.sh) run for real with
 * {@code sh}, as the Dockerfile runs them (each step's env files arrive before it, cell.env before the Python step),
 * in a temporary root instead of /fips, against small stand-in tarballs whose {@code ./Configure}, {@code ./config}
 * and {@code ./configure} and a {@code make} on the PATH only record how they were called. Every {@code run STEP:}
 * line of the output, the record the image ships ({@code /fips/ran/STEP.commands}) and the calls the stand-ins saw
 * must equal manifest.json's {@code buildCommands}.
 */
class RecipeExecutionTest {

    private static final Pattern RUN = Pattern.compile("^python-fips\\[[^\\]]*\\]: run ([a-z-]+): (.*)$");
    private static final int JOBS = 3;

    @TempDir
    Path tmp;

    private static boolean available(String... tools) {
        for (String t : tools) {
            try {
                if (new ProcessBuilder("sh", "-c", "command -v " + t).start().waitFor() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0} {1} openssl {2} fips {3} {6}")
    @CsvSource({
            "rocky9,   3.12.3, 3.0.9,  3.1.2,  strict,             none, none",
            "debian12, 3.11.9, 3.0.9,  3.0.9,  allow-non-security, all,  pgo-lto",
            "debian13, 3.13.5, 3.1.2,  3.1.2,  strict,             none, lto",
            "rocky9,   3.9.19, 1.0.2u, 2.0.16, allow-non-security, all,  pgo"})
    void theBuildScriptsRunExactlyTheManifestsCommands(String distro, String python, String openssl, String fips,
                                                      String policy, String builtinHashes, String optimizations)
            throws Exception {
        Assumptions.assumeTrue(available("sh", "tar", "gzip", "sha256sum"), "needs sh, tar, gzip and sha256sum");
        Path prefix = tmp.resolve("prefix");
        FipsSpec.Options options = FipsSpec.Options.builder().prefix(prefix.toString()).policy(policy)
                .allowUnvalidatedProvider(true).builtinHashes(builtinHashes).optimizations(optimizations).build();
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell(python, distro, openssl, fips)), List.of(), null, Map.of(),
                options, List.of());
        Plan plan = Specs.planner().plan(spec);
        Cell cell = plan.cells().get(0);
        new Generator().generate(plan, tmp.resolve("out"), SourceProvider.deferred(), m -> { });
        Path ctx = tmp.resolve("out").resolve(cell.id());
        JsonNode manifest = new ObjectMapper().readTree(ctx.resolve("manifest.json").toFile());
        Map<String, List<String>> recorded = new LinkedHashMap<>();
        manifest.path("buildCommands").fields().forEachRemaining(e -> {
            List<String> list = new ArrayList<>();
            e.getValue().forEach(n -> list.add(n.asText()));
            recorded.put(e.getKey(), list);
        });
        assertThat(recorded.keySet()).containsExactly("fips-module", "openssl", "python");
        assertThat(recorded).isEqualTo(BuildRecipe.of(cell, plan.options()).steps());

        // the stand-in root: /fips of the build stage, the prefix, the tools
        Path root = tmp.resolve("root/fips");
        String fipsDir = root + "/";
        Path fakeLog = tmp.resolve("calls.log");
        Files.createDirectories(root.resolve("sources"));
        Files.createDirectories(root.resolve("env"));
        copyTree(ctx.resolve("scripts"), root.resolve("scripts"), fipsDir);
        standInPrefix(prefix);
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        script(bin.resolve("make"), "echo \"make $*\" >> \"$FAKE_LOG\"\n");
        script(bin.resolve("nproc"), "echo " + JOBS + "\n");
        StringBuilder sums = new StringBuilder();
        for (Release r : List.of(cell.fipsRelease(), cell.opensslRelease())) {
            Path tarball = root.resolve("sources").resolve(r.file());
            if (!Files.exists(tarball)) {
                standInTarball(r, tarball);
                sums.append(Digests.sha256(tarball)).append("  ").append(r.file()).append('\n');
            }
        }
        Files.writeString(root.resolve("sources/SHA256SUMS"), sums.toString());
        Path pythonTree = root.resolve("src/python");
        Files.createDirectories(pythonTree);
        script(pythonTree.resolve("configure"), "echo \"./configure $*\" >> \"$FAKE_LOG\"\n");

        StringBuilder output = new StringBuilder();
        // the layers of the Dockerfile's build stage, each with the inputs COPY'd before it
        copyInto(ctx, root, fipsDir, "env/fips-module.env", "env/fips-module.commands");
        output.append(run(root.resolve("scripts/build-fips-module.sh"), bin, fakeLog));
        copyInto(ctx, root, fipsDir, "env/openssl.env", "env/openssl.commands");
        output.append(run(root.resolve("scripts/build-openssl.sh"), bin, fakeLog));
        copyInto(ctx, root, fipsDir, "cell.env", "env/python.commands");
        output.append(run(root.resolve("scripts/build-python.sh"), bin, fakeLog));

        // 1. the log: every "run STEP: COMMAND" line, in order, is the manifest's list of that step
        Map<String, List<String>> logged = new LinkedHashMap<>();
        recorded.keySet().forEach(step -> logged.put(step, new ArrayList<>()));
        for (String line : output.toString().split("\n")) {
            Matcher m = RUN.matcher(line);
            if (m.matches()) {
                logged.get(m.group(1)).add(m.group(2).replace(fipsDir, "/fips/"));
            }
        }
        assertThat(logged).as("run lines of the build output:\n%s", output).isEqualTo(recorded);
        // 2. the record the image ships (finish-install.sh copies /fips/ran into the prefix)
        for (String step : recorded.keySet()) {
            List<String> ran = Files.readAllLines(root.resolve("ran/" + step + ".commands")).stream()
                    .map(l -> l.replace(fipsDir, "/fips/")).toList();
            assertThat(ran).as("/fips/ran/%s.commands", step).isEqualTo(recorded.get(step));
        }
        // 3. what the tools were really called with: the configure/make lines of the recipe, in order, as executed
        List<String> expectedCalls = new ArrayList<>();
        for (List<String> commands : recorded.values()) {
            for (String c : commands) {
                if (c.startsWith("./") || c.startsWith("make")) {
                    // as the stand-ins see it: the shell expands the job count and removes the quotes of
                    // the make arguments that hold spaces (each stays one word: BuildRecipeTest)
                    expectedCalls.add(c.replace(BuildRecipe.PARALLEL_MAKE, "make -j" + JOBS).replace("'", ""));
                }
            }
        }
        List<String> calls = Files.readAllLines(fakeLog).stream().map(String::strip).map(l -> l.replace(fipsDir, "/fips/")).toList();
        assertThat(calls).isEqualTo(expectedCalls);
        // the FIPS module's canonical commands ran exactly as its Security Policy gives them
        if (cell.legacyFipsModule()) {
            assertThat(calls.subList(0, 3)).containsExactly("./config", "make", "make install");
        } else if (cell.separateProvider()) {
            assertThat(calls.subList(0, 3)).containsExactly("./Configure enable-fips", "make", "make install_fips");
            assertThat(prefix.resolve("lib/ossl-modules/fips.so")).hasContent("fips.so of " + cell.fipsRelease().file());
        } else {
            assertThat(recorded.get("fips-module")).isEmpty();
            assertThat(calls.get(0)).startsWith("./Configure enable-fips no-tests shared ");
        }
    }

    private String run(Path script, Path bin, Path fakeLog) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_LOG", fakeLog.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s failed:\n%s", script.getFileName(), out).isZero();
        return out;
    }

    /** The prefix as the real steps leave it for the next one (the stand-in make installs nothing). */
    private static void standInPrefix(Path prefix) throws IOException {
        Files.createDirectories(prefix.resolve("ssl"));
        Files.createDirectories(prefix.resolve("lib/ossl-modules"));
        Files.writeString(prefix.resolve("lib/ossl-modules/fips.so"), "fips.so installed by make install_fips");
        script(prefix.resolve("bin/openssl"), "case \"$1\" in\n  version) echo 'OpenSSL stand-in' ;;\n"
                + "  fipsinstall) while [ $# -gt 0 ]; do [ \"$1\" = -out ] && : > \"$2\"; shift; done ;;\nesac\n");
        script(prefix.resolve("bin/python3"), "echo \"python-fips: stand-in python3 $*\"\n");
    }

    /** A tarball with the upstream top folder, configure scripts that record their calls, and providers/fips.so. */
    private void standInTarball(Release r, Path tarball) throws Exception {
        Path work = tmp.resolve("tarballs");
        Path top = work.resolve(r.topFolder());
        for (String tool : List.of("Configure", "config")) {
            script(top.resolve(tool), "echo \"./" + tool + " $*\" >> \"$FAKE_LOG\"\n");
        }
        Files.createDirectories(top.resolve("providers"));
        Files.writeString(top.resolve("providers/fips.so"), "fips.so of " + r.file());
        Process p = new ProcessBuilder("tar", "czf", tarball.toString(), "-C", work.toString(), r.topFolder())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("tar: %s", out).isZero();
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        file.toFile().setExecutable(true, false);
    }

    /** Copies context files into the stand-in root, pointing their /fips/ paths at it. */
    private static void copyInto(Path ctx, Path root, String fipsDir, String... files) throws IOException {
        for (String f : files) {
            Path target = root.resolve(f.equals("cell.env") ? "cell.env" : f);
            Files.createDirectories(target.getParent());
            Files.writeString(target, Files.readString(ctx.resolve(f)).replace("/fips/", fipsDir));
        }
    }

    private static void copyTree(Path from, Path to, String fipsDir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.writeString(target, Files.readString(f).replace("/fips/", fipsDir));
        }
    }
}
