package dev.pythonfips.model.source;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.plan.Specs;
import dev.pythonfips.model.render.ContextRenderer;
import dev.pythonfips.model.render.Generator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests on the real upstream tarballs (from Debian's source packages, byte-identical to upstream), fetched into a
 * local mirror by scripts/fetch-debian-sources.sh: catalog checksums, tarball inspection, our patches dry-run
 * against the real files, and the interpreter relink run by GNU make (-n) on the real Makefile.pre.in.
 */
class RealSourcesTest {

    static final Path MIRROR = Path.of(System.getenv().getOrDefault("PYTHON_FIPS_MIRROR",
            System.getProperty("user.home") + "/.cache/python-fips/mirror"));

    @TempDir
    Path tmp;

    @BeforeAll
    static void mirrorIsThere() {
        assertThat(MIRROR.resolve("Python-3.11.2.tgz"))
                .as("real tarballs missing: run scripts/fetch-debian-sources.sh first (it fills %s)", MIRROR).exists();
    }

    private static Release release(Release.Component c, String v) {
        return Catalog.builtIn().release(c, v).orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"python, 3.11.2", "python, 3.13.5", "python, 3.9.2", "openssl, 3.0.20", "openssl, 3.5.7"})
    void theCatalogChecksumMatchesTheRealTarballAndItsContentIsThatRelease(String component, String version) throws Exception {
        Release r = release(Release.Component.fromId(component), version);
        List<String> log = new ArrayList<>();
        SourceResolver resolver = new SourceResolver(List.of(MIRROR.toUri().toString()), tmp.resolve("cache"), null, log::add, PomWording.INSTANCE);
        resolver.prepare(r); // verifies SHA-256, top folder and the version recorded inside
        assertThat(SourceResolver.sha256(resolver.cached(r))).isEqualTo(r.sha256());
        assertThat(log).singleElement().asString().startsWith("fetched and verified " + r.file());
    }

    @ParameterizedTest(name = "patch {0} on {1}")
    @CsvSource({"3.11, Python-3.11.2.tgz, Python-3.11.2", "3.13, Python-3.13.5.tar.xz, Python-3.13.5",
            "3.9, Python-3.9.2.tar.xz, Python-3.9.2"})
    void ourPatchAppliesToTheRealTarball(String minor, String file, String top) throws Exception {
        String patch = ContextRenderer.patch(Version.parse(minor + ".0"));
        assertThat(PatchChecker.dryRun("patches/" + minor, patch, MIRROR.resolve(file), top)).isEmpty();
        assertThat(PatchChecker.touchedFiles(patch)).isNotEmpty();
    }

    @Test
    void aPatchThatNoLongerFitsIsRefusedNamingFileAndHunk() throws Exception {
        String patch = ContextRenderer.patch(Version.parse("3.11.0"));
        // damage one context line of the first hunk, as an upstream change would
        List<String> lines = new ArrayList<>(List.of(patch.split("\n", -1)));
        int hunk = lines.indexOf(lines.stream().filter(l -> l.startsWith("@@")).findFirst().orElseThrow());
        int ctx = hunk + 1;
        while (!lines.get(ctx).startsWith(" ")) {
            ctx++;
        }
        lines.set(ctx, " " + lines.get(ctx).substring(1) + " # changed upstream");
        String file = lines.get(hunk - 1).substring(4).split("\t")[0].replaceFirst("^b/", "");
        List<Problem> problems = PatchChecker.dryRun("patches/3.11", String.join("\n", lines), MIRROR.resolve("Python-3.11.2.tgz"), "Python-3.11.2");
        assertThat(problems).singleElement().satisfies(p ->
                assertThat(p.message()).startsWith(file + " hunk #1 (@@").contains("does not apply"));
    }

    @Test
    void generationWithTheRealMirrorPlacesVerifiedSourcesAndRefusesATamperedCopy() throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(Specs.cell("3.11.2", "debian12", "3.0.20", "3.0.20")), List.of(), null,
                java.util.Map.of(), Specs.options(null, null, true), List.of());
        Plan plan = Specs.planner().plan(spec);
        SourceResolver resolver = new SourceResolver(List.of(MIRROR.toUri().toString()), tmp.resolve("cache"), null, m -> { }, PomWording.INSTANCE);
        new Generator().generate(plan, tmp.resolve("fips"), resolver, m -> { });
        Path sources = tmp.resolve("fips/3.11.2-debian12-openssl3.0.20/sources");
        assertThat(SourceResolver.sha256(sources.resolve("Python-3.11.2.tgz"))).isEqualTo(release(Release.Component.PYTHON, "3.11.2").sha256());
        assertThat(SourceResolver.sha256(sources.resolve("openssl-3.0.20.tar.gz"))).isEqualTo(release(Release.Component.OPENSSL, "3.0.20").sha256());

        Path evil = Files.createDirectories(tmp.resolve("evil"));
        byte[] bytes = Files.readAllBytes(MIRROR.resolve("openssl-3.0.20.tar.gz"));
        bytes[bytes.length / 3] ^= 0x20;
        Files.write(evil.resolve("openssl-3.0.20.tar.gz"), bytes);
        Files.copy(MIRROR.resolve("Python-3.11.2.tgz"), evil.resolve("Python-3.11.2.tgz"));
        SourceResolver tampered = new SourceResolver(List.of(evil.toUri().toString()), tmp.resolve("cache2"), null, m -> { }, PomWording.INSTANCE);
        assertThatThrownBy(() -> new Generator().generate(plan, tmp.resolve("fips2"), tampered, m -> { }))
                .isInstanceOf(FipsConfigException.class).hasMessageContaining("SHA-256 mismatch for openssl-3.0.20.tar.gz");
        assertThat(tmp.resolve("fips2")).doesNotExist();
        assertThat(tmp.resolve("fips2.staging")).doesNotExist();
    }

    /**
     * The linkage's make arguments ({@link BuildChoices#linkageMakeArguments}), on the real configure.ac,
     * Makefile.pre.in and Modules/makesetup of each supported tarball: configure's Linux {@code LINKFORSHARED} is the
     * value we repeat; the Makefile uses {@code $(LINKFORSHARED)} in exactly two links, the executable's and
     * {@code Programs/_testembed}'s (never in the extension modules' {@code LDSHARED}/{@code BLDSHARED}, which
     * {@code -pie} would break); {@code $(CFLAGSFORSHARED)} reaches the interpreter's objects, and extension modules
     * compiled by makesetup's rules get {@code $(CCSHARED)} after it (3.11+) or not at all (3.9, whose
     * setup.py links the core's {@code Modules/_math.o} into math and cmath: why the core is {@code -fPIC}). Then GNU
     * make, on the
     * Makefile with configure's values of a build without {@code --enable-shared} substituted (the rest emptied) and
     * {@code -n} (print, do not run), must link the interpreter's objects into {@code python} with the linkage's flag
     * after configure's link flags.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource({"Python-3.9.2.tar.xz, Python-3.9.2", "Python-3.11.2.tgz, Python-3.11.2", "Python-3.13.5.tar.xz, Python-3.13.5"})
    void theLinkageFlagsReachTheInterpreterAndItsExecutablesOnlyWithTheRealMakefile(String file, String top) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v make").start().waitFor() == 0, "needs GNU make");
        Map<String, String> in = TarballInspector.read(MIRROR.resolve(file),
                Set.of(top + "/Makefile.pre.in", top + "/configure.ac", top + "/Modules/makesetup"), n -> { });
        String configure = in.get(top + "/configure.ac");
        String makefileIn = in.get(top + "/Makefile.pre.in");
        assertThat(configure).contains("Linux*|GNU*) LINKFORSHARED=\"" + BuildChoices.LINUX_LINKFORSHARED + "\";;");
        // the rules whose recipe uses $(LINKFORSHARED): the executable's and _testembed's
        List<String> rules = new java.util.ArrayList<>();
        String target = null;
        for (String line : makefileIn.split("\n")) {
            if (!line.startsWith("\t") && line.contains(":") && !line.startsWith("#")) {
                target = line.substring(0, line.indexOf(':')).trim();
            }
            if (line.startsWith("\t") && line.contains("$(LINKFORSHARED)")) {
                rules.add(target);
            }
        }
        assertThat(rules).containsExactly("$(BUILDPYTHON)", "Programs/_testembed");
        assertThat(makefileIn).containsPattern("\nPY_STDMODULE_CFLAGS=[^\n]*\\$\\(CFLAGSFORSHARED\\)")
                .containsPattern("\nPY_CORE_CFLAGS=\\s*\\$\\(PY_STDMODULE_CFLAGS\\)");
        assertThat(makefileIn.lines().filter(l -> l.matches("(LD|BLD)SHARED=.*"))).hasSize(2)
                .noneMatch(l -> l.contains("LINKFORSHARED"));
        String makesetup = in.get(top + "/Modules/makesetup");
        assertThat(makesetup).satisfiesAnyOf(m -> assertThat(m).contains("\\$(PY_STDMODULE_CFLAGS) \\$(CCSHARED)"),
                m -> assertThat(m).contains("cc=\"$cc \\$(CCSHARED) \\$(PY_CFLAGS) \\$(PY_CPPFLAGS)\";;"));

        // configure's values without --enable-shared: 3.11+ link $(LINK_PYTHON_OBJS), 3.9 $(BLDLIBRARY), the archive
        assertThat(configure).contains("LIBRARY='libpython$(VERSION)$(ABIFLAGS).a'");
        Matcher linkObjects = Pattern.compile("LINK_PYTHON_OBJS='(\\$\\(LIBRARY_OBJS\\))'").matcher(configure);
        String makefile = makefileIn
                .replace("@BLDLIBRARY@", "$(LIBRARY)").replace("@LIBRARY@", "libpython$(VERSION)$(ABIFLAGS).a")
                .replace("@LINK_PYTHON_OBJS@", linkObjects.find() ? linkObjects.group(1) : "")
                .replace("@LINKCC@", "gcc").replace("@LINKFORSHARED@", BuildChoices.LINUX_LINKFORSHARED)
                .replace("@LDFLAGS_NODIST@", "-flto") // configure's link flags (CONFIGURE_LDFLAGS_NODIST): LTO's
                .replace("@LIBS@", "-ldl").replace("@srcdir@", ".").replace("@CCSHARED@", "-fPIC")
                .replaceAll("@[A-Za-z0-9_]+@", "")
                + "\nprint-%:\n\t@echo '$($*)'\n";
        Path dir = Files.createDirectories(tmp.resolve(top));
        // not named Makefile: its own rules would remake it from Makefile.pre.in
        Files.writeString(dir.resolve("python.mk"), makefile);
        String library = "libpython.a"; // $(LIBRARY) with VERSION and ABIFLAGS emptied
        for (InterpreterLinkage linkage : List.of(InterpreterLinkage.EXECUTABLE_PIE, InterpreterLinkage.EXECUTABLE_NO_PIE)) {
            String args = String.join(" ", BuildChoices.linkageMakeArguments(linkage));
            String link = linkLine(dir, "make python -o " + library + " " + args);
            assertThat(link).as(linkage.value()).startsWith("gcc ")
                    .contains(" " + BuildChoices.LINUX_LINKFORSHARED + " " + linkage.linkFlag() + " -o python Programs/python.o ")
                    .doesNotContain("-lpython");
            assertThat(link).as(linkage.value()).satisfiesAnyOf(l -> assertThat(l).contains(" " + library + " "),
                    l -> assertThat(l).contains(" Objects/unicodeobject.o ", " Python/ceval.o "));
            assertThat(link.indexOf(" -flto ")).as("configure's flags first, the linkage's after them").isPositive()
                    .isLessThan(link.indexOf(" " + linkage.linkFlag() + " "));
            // the interpreter's objects position-independent code, as in a shared build (some are linked into
            // extension modules too: 3.9's Modules/_math.o)
            assertThat(printed(dir, "print-PY_CORE_CFLAGS " + args)).as(linkage.value())
                    .contains(" -fPIC ").endsWith("-DPy_BUILD_CORE");
        }
        // without our arguments, a build without --enable-shared adds nothing: the compiler's default
        assertThat(printed(dir, "print-CFLAGSFORSHARED")).isEmpty();
    }

    /** What GNU make prints for {@code arguments} on python.mk in {@code dir}. */
    private static String printed(Path dir, String arguments) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "make -s -f python.mk " + arguments).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    /** The link command GNU make prints for {@code python} when {@code command} (a recipe line) runs with -n. */
    private static String linkLine(Path dir, String command) throws Exception {
        assertThat(command).startsWith("make ");
        Process p = new ProcessBuilder("sh", "-c", "make -n -f python.mk -o Programs/python.o " + command.substring("make ".length()))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> l.contains(" -o python ")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(out));
    }
}
