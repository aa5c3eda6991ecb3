package dev.pythonfips.model.recipe;

import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.options.Choice;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.options.Optimizations;
import dev.pythonfips.model.options.PgoTraining;
import dev.pythonfips.model.options.Policy;
import dev.pythonfips.model.plan.CryptographyBuild;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fact about a cell is decided once, in Java ({@link ImageDecisions}, {@link ImageLayout}, the typed recipe), and
 * only read downstream: no template, shell script or conformance.py compares an option's value, and Velocity is the
 * only template engine (no {@code @NAME@} placeholders filled in by sed). The scanner is tested on bad lines first, so
 * a pass means it looked.
 */
class DecisionsAreReadNotRederivedTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/dev/pythonfips/templates");

    /** Every value a pom may give a build choice (the typed options downstream files must not compare). */
    static Set<String> optionValues() {
        Set<String> values = new TreeSet<>();
        for (Choice[] choices : List.<Choice[]>of(Policy.values(),
                FipsInstall.values(), Optimizations.values(), PgoTraining.values(),
                InterpreterLinkage.values(), CryptographyBuild.Source.values())) {
            values.addAll(Choice.values(choices));
        }
        for (ModuleKind k : ModuleKind.values()) {
            values.add(k.value());
        }
        return values;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z][A-Z0-9_]*@");
    /** A Velocity directive that compares or measures instead of reading a boolean decision. */
    private static final Pattern VELOCITY_COMPARISON = Pattern.compile("#(?:if|elseif)\\s*\\(.*(==|!=|<|>|\\.size\\(\\))");

    /** A package stage's name compared in packages.sh (the stage "build" of the Dockerfile, not fipsInstall=build). */
    private static final String PACKAGE_STAGE = "[ \"$stage\" = build ]";

    /** The code of each line: comments (shell, Python) and Python docstrings blanked; Velocity lines as they are. */
    static List<String> code(String file, List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean docstring = false;
        for (String line : lines) {
            boolean inside = docstring;
            if (file.endsWith(".py") && (line.split("\"\"\"", -1).length - 1) % 2 == 1) {
                docstring = !docstring;
                inside = true;
            }
            out.add(inside ? "" : file.endsWith(".vm") ? line : line.replaceAll("^\\s*#.*", ""));
        }
        return out;
    }

    /** The problems of one file's lines: each "file:line: what". */
    static List<String> problems(String file, List<String> lines) {
        List<String> out = new ArrayList<>();
        List<Pattern> comparisons = new ArrayList<>();
        for (String v : optionValues()) {
            // shell `= v ]`, `!= "v"`, python/Velocity `== "v"`, `in ("v", ...)`
            comparisons.add(Pattern.compile("(==|!=|\\s=|\\bin\\s*[(\\[{])\\s*[\"']?" + Pattern.quote(v) + "[\"']?(?=[\\s\\]),:}]|$)"));
        }
        List<String> code = code(file, lines);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher p = PLACEHOLDER.matcher(code.get(i));
            if (p.find()) {
                out.add(file + ":" + (i + 1) + ": placeholder " + p.group() + " (render it with Velocity from a decision)");
            }
            if (file.endsWith(".vm")) {
                Matcher m = VELOCITY_COMPARISON.matcher(line);
                if (m.find()) {
                    out.add(file + ":" + (i + 1) + ": Velocity compares (" + m.group(1) + "): read a boolean decision");
                }
            }
            for (Pattern c : comparisons) {
                Matcher m = c.matcher(code.get(i).replace(PACKAGE_STAGE, ""));
                if (m.find()) {
                    out.add(file + ":" + (i + 1) + ": compares an option value: " + m.group().trim());
                }
            }
        }
        return out;
    }

    @Test
    void theScannerFindsEachKindOfRederivedDecision() {
        assertThat(problems("x.sh", List.of("if [ \"$kind\" = fips-object-module-2 ]; then"))).hasSize(1);
        assertThat(problems("x.sh", List.of("sed \"s|@FIPS_KIND@|$K|g\" a > b"))).hasSize(1);
        assertThat(problems("x.py", List.of("    if POLICY == \"strict\":"))).hasSize(1);
        assertThat(problems("x.py", List.of("    if mode in (\"startup\", \"build\"):"))).hasSize(1);
        assertThat(problems("x.py", List.of("    assert pie == (want == \"executable-pie\")"))).hasSize(1);
        assertThat(problems("x.vm", List.of("#if($c.fipsInstall == \"build\")"))).hasSize(2);
        assertThat(problems("x.vm", List.of("#if($c.platforms.size() > 1)"))).hasSize(1);
        assertThat(problems("x.vm", List.of("#if($c.cryptography != \"\")"))).hasSize(1);
        // reading decisions, and naming a value in a comment or a message, are fine
        assertThat(problems("x.sh", List.of("if [ \"$PYFIPS_LEGACY_MODULE\" = true ]; then", "# fipsInstall=startup: a link"))).isEmpty();
        assertThat(problems("x.py", List.of("    if DECISIONS[\"startupInstall\"]:", "    return \"policy strict: refused\""))).isEmpty();
        assertThat(problems("x.vm", List.of("#if($c.decisions.startupInstall)", "# fipsInstall=startup: the module"))).isEmpty();
        assertThat(problems("x.py", List.of("\"\"\"Usage:", "    if POLICY == \"strict\": (an example in a docstring)", "\"\"\""))).isEmpty();
        assertThat(problems("x.sh", List.of("  if [ \"$stage\" = build ]; then"))).isEmpty();
    }

    @Test
    void noTemplateScriptOrConformanceCheckComparesAnOptionValueOrFillsAPlaceholder() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(TEMPLATES)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).extracting(f -> TEMPLATES.relativize(f).toString())
                .contains("Dockerfile.vm", "conformance/conformance.py", "conformance/audit.py", "scripts/slim-prefix.sh",
                        "scripts/fipsinstall.sh.vm", "scripts/openssl-wrapper.sh.vm", "env/finish.env.vm");
        for (Path f : files) {
            found.addAll(problems(TEMPLATES.relativize(f).toString(), Files.readAllLines(f, StandardCharsets.UTF_8)));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theImagePathsComeFromTheLayoutAndTheGuardInOurPatchUsesTheSame() throws IOException {
        // pyfips_guard.h is compiled into Python: it builds the installer path from the prefix and ImageLayout.LIBEXEC
        String guard = Files.readString(Path.of("../patches/common/pyfips_guard.h"));
        assertThat(guard).contains("\"%s/" + ImageLayout.LIBEXEC + "/fipsinstall.sh\"");
        ImageLayout layout = new ImageLayout("/opt/python-fips");
        assertThat(layout.fipsInstall()).isEqualTo("/opt/python-fips/" + ImageLayout.LIBEXEC + "/fipsinstall.sh");
        assertThat(layout.conformance()).isEqualTo("/opt/python-fips/" + ImageLayout.SHARE + "/conformance.py");
        // no template, script or check spells a path under the prefix itself (they read the layout)
        List<String> spelled = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TEMPLATES)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                List<String> code = code(f.toString().replace(".vm", ""), lines);
                for (int i = 0; i < lines.size(); i++) {
                    if (code.get(i).contains("ossl-modules") || code.contains(ImageLayout.LIBEXEC) || code.contains(ImageLayout.SHARE)) {
                        spelled.add(TEMPLATES.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(spelled).isEmpty();
    }
}
