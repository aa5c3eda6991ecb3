package dev.pythonfips.model.recipe;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.FipsModule;
import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.options.Optimizations;
import dev.pythonfips.model.options.PgoTraining;
import dev.pythonfips.model.options.Policy;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildRecipeTest {

    private static BuildRecipe recipe(String python, String distro, String openssl, String fips, FipsSpec.Options o) throws FipsConfigException {
        Plan plan = Specs.planner().plan(new FipsSpec(null, List.of(Specs.cell(python, distro, openssl, fips)), List.of(),
                null, Map.of(), o, List.of()));
        return BuildRecipe.of(plan.cells().get(0), plan.options());
    }

    @Test
    void theModuleKindIsDecidedByTheVersionAloneAndTheCatalogAgrees() throws Exception {
        assertThat(ModuleKind.of(Version.parse("2.0.16"))).contains(ModuleKind.FIPS_OBJECT_MODULE_2);
        assertThat(ModuleKind.of(Version.parse("3.1.2"))).contains(ModuleKind.OPENSSL3_PROVIDER);
        assertThat(ModuleKind.of(Version.parse("1.1.1"))).isEmpty();
        // fips-modules.json records a kind per module: it must say what ModuleKind.of decides, never something else
        for (FipsModule m : Catalog.builtIn().fipsModules()) {
            assertThat(m.kind()).as(m.version()).isEqualTo(ModuleKind.of(Version.parse(m.version())).orElseThrow());
        }
    }

    @Test
    void aSeparateProviderIsBuiltWithTheCanonicalCommandsAndTheLibraryWithoutEnableFips() throws Exception {
        BuildRecipe r = recipe("3.12.3", "debian12", "3.0.9", "3.1.2", FipsSpec.Options.defaults());
        assertThat(r.separateProvider()).isTrue();
        assertThat(r.fipsModuleCommands()).containsExactly("mkdir -p /fips/build", "cd /fips/build",
                "gunzip -c /fips/sources/openssl-3.1.2.tar.gz | tar xf -", "cd openssl-3.1.2",
                "./Configure enable-fips", "make", "make install_fips",
                "mkdir -p /opt/python-fips/lib/ossl-modules", "cp providers/fips.so /opt/python-fips/lib/ossl-modules/fips.so");
        assertThat(r.fipsModuleBuiltBy()).isEqualTo(r.fipsModuleCommands());
        assertThat(r.opensslCommands()).contains("./Configure no-tests shared --prefix=/opt/python-fips "
                + "--openssldir=/opt/python-fips/ssl --libdir=lib -Wl,-rpath,/opt/python-fips/lib",
                "make -j\"$PYFIPS_JOBS\" build_sw", "make install_sw install_ssldirs");
        assertThat(String.join("\n", r.opensslCommands())).doesNotContain("enable-fips").doesNotContain("install_fips");
        assertThat(r.steps().keySet()).containsExactly("fips-module", "openssl", "python");
    }

    @Test
    void theProviderOfTheLibrarysOwnTarballIsBuiltWithTheLibrary() throws Exception {
        BuildRecipe r = recipe("3.11.9", "debian12", "3.0.9", "3.0.9", FipsSpec.Options.defaults());
        assertThat(r.separateProvider()).isFalse();
        assertThat(r.fipsModuleCommands()).isEmpty();
        assertThat(r.fipsModuleBuiltBy()).isEqualTo(r.opensslCommands())
                .contains("make install_sw install_ssldirs install_fips", "rm -f /opt/python-fips/ssl/fipsmodule.cnf");
        assertThat(r.opensslCommands().get(4)).startsWith("./Configure enable-fips no-tests shared ");
    }

    @Test
    void thePythonStepDependsOnNeitherPolicyNorFipsInstallButOnTheBuildChoices() throws Exception {
        FipsSpec.Options strict = FipsSpec.Options.builder().prefix("/opt/py").policy("strict").fipsInstall("build")
                .builtinHashes("none").optimizations("none").build();
        FipsSpec.Options allow = FipsSpec.Options.builder().prefix("/opt/py").policy("allow-non-security")
                .fipsInstall("startup").builtinHashes("none").optimizations("none").build();
        FipsSpec.Options all = FipsSpec.Options.builder().prefix("/opt/py").policy("strict").fipsInstall("build")
                .builtinHashes("all").optimizations("pgo").build();
        BuildRecipe a = recipe("3.13.5", "debian13", "3.1.2", "3.1.2", strict);
        BuildRecipe b = recipe("3.13.5", "debian13", "3.1.2", "3.1.2", allow);
        BuildRecipe c = recipe("3.13.5", "debian13", "3.1.2", "3.1.2", all);
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.policy()).isEqualTo(Policy.ALLOW_NON_SECURITY);
        assertThat(b.fipsInstall()).isEqualTo(FipsInstall.STARTUP);
        assertThat(a.pythonConfigure()).containsExactly("--prefix=/opt/py", "--with-openssl=/opt/py",
                "--with-openssl-rpath=auto", "--with-builtin-hashlib-hashes=no", "--with-ensurepip=install",
                "--without-system-libmpdec", "LDFLAGS=-Wl,-rpath,/opt/py/lib", "CPPFLAGS=-I/opt/py/include");
        assertThat(c.pythonConfigure()).contains("--enable-optimizations", "--with-builtin-hashlib-hashes=md5,sha1,sha2,sha3,blake2");
        assertThat(a.pythonCommands()).contains("./configure " + String.join(" ", a.pythonConfigure()),
                "OPENSSL_CONF=/dev/null /opt/py/bin/openssl fipsinstall -module /opt/py/lib/ossl-modules/fips.so -out /opt/py/ssl/fipsmodule.cnf");
    }

    @Test
    void pgoGetsTheFasterTrainingArgumentsAndTheOtherChoicesAddNothingToMake() throws Exception {
        Map<String, List<String>> steps = new java.util.LinkedHashMap<>();
        for (String o : List.of("pgo-lto", "pgo", "lto", "none")) {
            FipsSpec.Options options = FipsSpec.Options.builder().prefix("/opt/py").policy("strict")
                    .fipsInstall("build").builtinHashes("none").optimizations(o).build();
            List<String> python = recipe("3.11.9", "debian12", "3.0.9", "3.0.9", options).pythonCommands();
            int configure = python.indexOf(python.stream().filter(c -> c.startsWith("./configure ")).findFirst().orElseThrow());
            // from the command before configure to the last make
            steps.put(o, python.subList(configure - 1, python.indexOf("ln -sf python3 /opt/py/bin/python")));
        }
        String make = "make -j\"$PYFIPS_JOBS\"";
        String pgoTask = " PROFILE_TASK='-m test --pgo-extended -j0 --timeout=600 --junit-xml pgo-training.xml"
                + " --ignorefile /fips/env/pgo-training-ignore.txt -x " + String.join(" ", BuildChoices.PGO_TRAINING_EXCLUDES)
                + " || { [ $$? -eq 2 ] && [ -s pgo-training.xml ]; }'";
        // the suite, not upstream's --pgo list, minus what needs sockets, a display or a compiler, or refuses under FIPS;
        // the core's own tests stay in (test_hashlib and test_hmac without their refusals: the ignore file)
        assertThat(BuildChoices.PGO_TRAINING_EXCLUDES).contains("test_asyncio", "test_ssl", "test_tkinter", "test_uuid")
                .doesNotContain("test_hashlib", "test_hmac", "test_re", "test_float", "test_dict", "test_json", "test_unicode")
                .isSorted().doesNotHaveDuplicates().allMatch(t -> t.matches("test_[a-z0-9_]+"));
        for (String o : steps.keySet()) {
            assertThat(steps.get(o)).as(o).startsWith("cp /fips/scripts/openssl-build.cnf /opt/py/ssl/openssl.cnf").hasSize(4)
                    .endsWith("make install");
        }
        // no debug information, whatever the optimisation: slim-prefix.sh strips it from every binary anyway; then
        // the default linkage's flags (executable-pie)
        String noDebugInfo = " CFLAGS_NODIST=-g0 LDFLAGS_NODIST=-g0 CFLAGSFORSHARED='$(CCSHARED)' LINKFORSHARED='-Xlinker -export-dynamic -pie'";
        assertThat(steps.get("none").get(2)).isEqualTo(make + noDebugInfo);
        assertThat(steps.get("lto").get(2)).isEqualTo(make + noDebugInfo);
        assertThat(steps.get("pgo").get(2)).isEqualTo(make + pgoTask + noDebugInfo);
        // the instrumented build of pgo-lto is thrown away after training: no LTO there
        assertThat(steps.get("pgo-lto").get(2))
                .isEqualTo(make + pgoTask + " PGO_PROF_GEN_FLAG='-fprofile-generate -fno-lto'" + noDebugInfo);
        // every argument is one shell word, so the build runs exactly what the manifest lists
        for (List<String> commands : steps.values()) {
            for (String line : commands) {
                assertThat(line.replaceAll("'[^']*'", "W")).doesNotContain("'").doesNotContainPattern("[;&|<>`]");
            }
        }
    }

    @Test
    void theInterpreterLinkageDecidesWhetherLibpythonIsBuiltAndHowTheExecutableIsLinked() throws Exception {
        Map<String, BuildRecipe> recipes = new LinkedHashMap<>();
        for (InterpreterLinkage l : InterpreterLinkage.values()) {
            FipsSpec.Options options = FipsSpec.Options.builder().prefix("/opt/py").policy("strict")
                    .fipsInstall("build").builtinHashes("none").optimizations("pgo-lto").interpreterLinkage(l.value())
                    .build();
            BuildRecipe r = recipe("3.11.9", "debian12", "3.0.9", "3.0.9", options);
            assertThat(r.interpreterLinkage()).isEqualTo(l);
            // one make, then CPython's own install: nothing is linked again afterwards
            List<String> c = r.pythonCommands();
            assertThat(c.subList(c.indexOf("make install"), c.size())).as(l.value())
                    .containsExactly("make install", "ln -sf python3 /opt/py/bin/python");
            assertThat(c.get(c.indexOf("make install") - 1)).startsWith("make -j");
            recipes.put(l.value(), r);
        }
        // only shared builds libpython3.X.so (--enable-shared); the executable-* linkages put the interpreter in the
        // executable: its objects position-independent code as in a shared build (CFLAGSFORSHARED), the kind of
        // executable said explicitly on its links (LINKFORSHARED, after configure's Linux value), never on
        // LDFLAGS_NODIST, which links extension modules too
        assertThat(recipes.get("shared").pythonConfigure()).contains("--enable-shared");
        assertThat(makeLine(recipes.get("shared"))).doesNotContain("CFLAGSFORSHARED", "LINKFORSHARED", "pie");
        assertThat(recipes.get("executable-pie").pythonConfigure()).doesNotContain("--enable-shared");
        assertThat(makeLine(recipes.get("executable-pie")))
                .endsWith(" LDFLAGS_NODIST=-g0 CFLAGSFORSHARED='$(CCSHARED)' LINKFORSHARED='-Xlinker -export-dynamic -pie'");
        assertThat(recipes.get("executable-no-pie").pythonConfigure()).doesNotContain("--enable-shared");
        assertThat(makeLine(recipes.get("executable-no-pie")))
                .endsWith(" LDFLAGS_NODIST=-g0 CFLAGSFORSHARED='$(CCSHARED)' LINKFORSHARED='-Xlinker -export-dynamic -no-pie'");
        // every version builds the same way (3.9's and 3.13's configure set the same Linux LINKFORSHARED)
        for (String python : List.of("3.9.19", "3.13.5")) {
            FipsSpec.Options options = FipsSpec.Options.builder().interpreterLinkage("executable-pie").build();
            assertThat(recipe(python, python.startsWith("3.9") ? "debian12" : "debian13", "3.1.2", "3.1.2", options)
                    .pythonConfigure()).as(python).doesNotContain("--enable-shared");
        }
        assertThat(FipsSpec.Options.defaults().interpreterLinkage()).isEqualTo("executable-pie");
    }

    private static String makeLine(BuildRecipe r) {
        return r.pythonCommands().stream().filter(c -> c.startsWith("make -j")).findFirst().orElseThrow();
    }

    @Test
    void theFipsObjectModuleAndOpenSsl102UseTheirOwnCommandsAndPythonInstallsNoModuleConfiguration() throws Exception {
        FipsSpec.Options o = Specs.options("allow-non-security", null, false, "all");
        BuildRecipe r = recipe("3.9.19", "rocky9", "1.0.2u", "2.0.16", o);
        assertThat(r.moduleKind()).isEqualTo(ModuleKind.FIPS_OBJECT_MODULE_2);
        assertThat(r.fipsModuleCommands().subList(4, 7)).containsExactly("./config", "make", "make install");
        assertThat(r.opensslCommands().subList(5, 8)).containsExactly("make depend", "make", "make install_sw");
        assertThat(String.join("\n", r.pythonCommands())).doesNotContain("fipsinstall").doesNotContain("--with-openssl-rpath");
    }

    /**
     * The training's exit-status rule run by GNU make as CPython's Makefiles run PROFILE_TASK, with a stand-in
     * {@code ./python} that exits as told and writes regrtest's report or not (a usage error exits 2 before any test,
     * without a report). 3.13+: {@code ./python $(PROFILE_TASK)} under {@code SHELL = /bin/sh -e}, where only "tests
     * ran, some failed" (2 with a report) may pass; 3.9-3.12: a sub-make whose rule ends {@code || true}, where
     * nothing stops the build and the arguments must still arrive whole (make hands the variable down in MAKEFLAGS).
     * The argument is passed through {@code sh} exactly as the recipe line writes it.
     */
    @ParameterizedTest(name = "training exits {0}, report {1}: 3.13 make exits {2}")
    @CsvSource({"0, true, 0", "2, true, 0", "2, false, 2", "1, true, 2", "4, false, 2",
            "130, false, 2"})
    void aTrainingWithFailedTestsKeepsTheBuildAnyOtherFailureStopsIt(int training, boolean report, int make313,
                                                                      @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v make").start().waitFor() == 0,
                "GNU make is not installed");
        Files.writeString(dir.resolve("Makefile"), String.join("\n",
                "SHELL = /bin/sh -e",
                "PROFILE_TASK=-m test --pgo",
                "profile-313:",
                "\t./python $(PROFILE_TASK)",
                "profile-311:",
                "\t$(MAKE) run_profile_task",
                "run_profile_task:",
                "\t./python $(PROFILE_TASK) || true",
                ""));
        Path python = dir.resolve("python");
        Files.writeString(python, "#!/bin/sh\nprintf '%s\\n' \"$@\" > args\n"
                + (report ? "echo '<testsuites/>' > " + BuildChoices.PGO_TRAINING_REPORT + "\n" : "") + "exit " + training + "\n");
        python.toFile().setExecutable(true);
        String arguments = String.join(" ", BuildChoices.pythonMakeArguments(Optimizations.PGO_LTO,
                PgoTraining.REGRESSION_SUITE));
        for (String target : List.of("profile-313", "profile-311")) {
            Files.deleteIfExists(dir.resolve("args"));
            Files.deleteIfExists(dir.resolve(BuildChoices.PGO_TRAINING_REPORT));
            Process p = new ProcessBuilder("sh", "-c", "make -s " + target + " " + arguments).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(target + ": " + out).isEqualTo(target.equals("profile-313") ? make313 : 0);
            assertThat(Files.readAllLines(dir.resolve("args"))).as(target)
                    .startsWith("-m", "test", "--pgo-extended", "-j0", "--timeout=600", "--junit-xml", "pgo-training.xml",
                            "--ignorefile", "/fips/env/pgo-training-ignore.txt", "-x", "test_asyncio")
                    .endsWith("test_zipimport_support");
        }
    }

    @Test
    void theUpstreamTrainingRunsCPythonsPgoSetWithoutExclusions() throws Exception {
        FipsSpec.Options upstream = FipsSpec.Options.builder().prefix("/opt/py").policy("strict").fipsInstall("build")
                .allowUnvalidatedProvider(true).builtinHashes("none").optimizations("pgo-lto").pgoTraining("upstream")
                .build();
        BuildRecipe r = recipe("3.9.2", "debian12", "3.5.7", "3.0.20", upstream);
        assertThat(r.training()).contains(PgoTraining.UPSTREAM);
        assertThat(r.trainingRecorded()).isEqualTo("upstream");
        String make = r.pythonCommands().stream().filter(c -> c.startsWith("make -j")).findFirst().orElseThrow();
        // -x would turn --pgo into the whole suite minus the names given (regrtest reads them as exclusions)
        assertThat(make).contains(" PROFILE_TASK='-m test --pgo -j0 --timeout=600 --junit-xml pgo-training.xml"
                        + " --ignorefile /fips/env/pgo-training-ignore.txt || { [ $$? -eq 2 ] && [ -s pgo-training.xml ]; }' ")
                .doesNotContain("--pgo-extended").doesNotContain(" -x ");
        // everything else of the step is the default training's
        BuildRecipe suite = recipe("3.9.2", "debian12", "3.5.7", "3.0.20", FipsSpec.Options.builder()
                .prefix("/opt/py").policy("strict").fipsInstall("build").allowUnvalidatedProvider(true)
                .builtinHashes("none").optimizations("pgo-lto").build());
        assertThat(suite.training()).contains(PgoTraining.REGRESSION_SUITE);
        assertThat(suite.pythonCommands().stream().map(c -> c.replaceAll("PROFILE_TASK='[^']*'", "T")).toList())
                .isEqualTo(r.pythonCommands().stream().map(c -> c.replaceAll("PROFILE_TASK='[^']*'", "T")).toList());
        assertThat(r.opensslCommands()).isEqualTo(suite.opensslCommands());
        assertThat(r.fipsModuleCommands()).isEqualTo(suite.fipsModuleCommands());
    }

    @Test
    void anOptimisationWithoutPgoRecordsNoTraining() throws Exception {
        for (String o : List.of("lto", "none")) {
            BuildRecipe r = recipe("3.11.9", "debian12", "3.0.9", "3.0.9", FipsSpec.Options.builder()
                    .prefix("/opt/py").policy("strict").fipsInstall("build").builtinHashes("none").optimizations(o)
                    .build());
            assertThat(r.training()).as(o).isEmpty();
            assertThat(r.trainingRecorded()).as(o).isEqualTo("none");
            assertThat(String.join("\n", r.pythonCommands())).as(o).doesNotContain("PROFILE_TASK");
        }
    }

    @Test
    void python314DropsItsHaclHmacModuleWithNoBuiltinHashesAndKeepsItWithAll() throws Exception {
        FipsSpec.Options none = Specs.options("strict", null, false, "none");
        BuildRecipe r = recipe("3.14.10", "debian13", "3.5.7", "3.5.7",
                FipsSpec.Options.builder().policy("strict").allowUnvalidatedProvider(true).builtinHashes("none")
                        .build());
        assertThat(r.disabledModules()).containsExactly("_hmac");
        assertThat(r.builtinHashModules()).isEmpty();
        // before configure, in the tree: makesetup reads Modules/Setup.local's *disabled* section
        List<String> c = r.pythonCommands();
        assertThat(c.get(2)).isEqualTo("cp /fips/scripts/Setup.local Modules/Setup.local");
        assertThat(c.indexOf("cp /fips/scripts/Setup.local Modules/Setup.local"))
                .isLessThan(c.indexOf(c.stream().filter(x -> x.startsWith("./configure")).findFirst().orElseThrow()));
        assertThat(BuildChoices.setupLocal(r.disabledModules())).endsWith("\n*disabled*\n_hmac\n");

        BuildRecipe all = recipe("3.14.10", "debian13", "3.5.7", "3.5.7",
                FipsSpec.Options.builder().policy("allow-non-security").allowUnvalidatedProvider(true)
                        .builtinHashes("all").build());
        assertThat(all.disabledModules()).isEmpty();
        assertThat(all.builtinHashModules()).endsWith("_hmac");
        assertThat(String.join("\n", all.pythonCommands())).doesNotContain("Setup.local");
        // every minor before 3.14: no _hmac to drop, no Setup.local
        for (String v : List.of("3.11.9", "3.13.5")) {
            BuildRecipe older = recipe(v, "debian12", "3.0.9", "3.0.9", none);
            assertThat(older.disabledModules()).as(v).isEmpty();
            assertThat(String.join("\n", older.pythonCommands())).as(v).doesNotContain("Setup.local");
        }
    }
}
