package dev.pythonfips.model.render;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.SourceDateEpoch;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.Distro;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.Policy;
import dev.pythonfips.model.options.PolicySupport;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.CryptographyBuild;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.Plan;
import dev.pythonfips.model.recipe.BuildRecipe;
import dev.pythonfips.model.recipe.ImageDecisions;
import dev.pythonfips.model.source.SourceProvider;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders one cell into a self-contained Docker build context. Files ending in {@code .vm} are Velocity templates
 * (strict mode: an unknown reference is an error, never silent text); every other file is copied byte for byte,
 * so shell scripts never pass through Velocity.
 */
public final class ContextRenderer {

    static final String TEMPLATES = "dev/pythonfips/templates/";
    static final String PATCHES = "dev/pythonfips/patches/";
    /** Static files copied into every context, relative to {@link #TEMPLATES}. */
    static final List<String> STATIC_FILES = List.of(
            "scripts/common.sh", "scripts/stage-packages.sh", "scripts/patch-python.sh", "scripts/build-fips-module.sh", "scripts/build-openssl.sh",
            "scripts/build-python.sh", "scripts/build-cryptography.sh", "scripts/finish-install.sh",
            "scripts/runtime-setup.sh", "scripts/entrypoint.sh",
            "scripts/slim-prefix.sh", "scripts/compile-bytecode.sh",
            "conformance/conformance.py", "conformance/audit.py", "fetch-sources.sh");
    /**
     * Scripts installed into the image, rendered with the cell's decisions and layout (templates {@code NAME.vm}):
     * their shell body is an unparsed Velocity block, only the values above it are the cell's.
     */
    static final List<String> RENDERED_SCRIPTS = List.of("scripts/fipsinstall.sh", "scripts/openssl-wrapper.sh");
    /** Env files of the cached build layers (templates env/NAME.vm), each holding only that layer's inputs. */
    static final List<String> ENV_FILES = List.of("fips-module.env", "openssl.env", "finish.env", "runtime.env");
    /** The Dockerfile stages that install distro packages, each from its own {@code env/packages-STAGE.env}. */
    static final List<String> PACKAGE_STAGES = List.of("patch", "build", "rust", "runtime");
    /** The commands of a build step, one a line, executed by common.sh's run_recipe: {@code env/STEP.commands}. */
    static String commandsFile(String step) {
        return "env/" + step + ".commands";
    }

    private final VelocityEngine velocity;
    private final ObjectMapper json;

    public ContextRenderer() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
        p.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        velocity = new VelocityEngine(p);
        velocity.init();
        json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        json.setDefaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
    }

    /** Renders a template with the given variables (exposed for tests). */
    public String renderTemplate(String template, Map<String, Object> variables) {
        Template t = velocity.getTemplate(TEMPLATES + template, "UTF-8");
        VelocityContext ctx = new VelocityContext(new LinkedHashMap<>(variables));
        StringWriter out = new StringWriter();
        t.merge(ctx, out);
        return out.toString();
    }

    /** Writes the context of {@code cell} into {@code dir} (which must exist and be empty). */
    public List<String> render(Plan plan, Cell cell, Path dir, SourceProvider sources) throws IOException {
        BuildRecipe recipe = BuildRecipe.of(cell, plan.options());
        Map<String, Object> c = cellVariables(plan.options(), cell, recipe, plan.labels());
        Map<String, Object> vars = Map.of("c", c);
        List<String> deferred = new ArrayList<>();

        write(dir.resolve("Dockerfile"), renderTemplate("Dockerfile.vm", vars), false);
        write(dir.resolve("cell.env"), renderTemplate("cell.env.vm", vars), false);
        for (String script : RENDERED_SCRIPTS) {
            write(dir.resolve(script), renderTemplate(script + ".vm", vars), true);
        }
        for (String env : ENV_FILES) {
            write(dir.resolve("env/" + env), renderTemplate("env/" + env + ".vm", vars), false);
        }
        // the recipe's commands, each step in the layer of its own inputs (like env/*.env): the build scripts run them
        for (Map.Entry<String, List<String>> step : recipe.steps().entrySet()) {
            write(dir.resolve(commandsFile(step.getKey())), step.getValue().stream().map(x -> x + "\n").collect(Collectors.joining()), false);
        }
        String opensslCnf = recipe.legacyFipsModule() ? "openssl-1.0.2.cnf.vm" : "openssl.cnf.vm";
        write(dir.resolve("openssl.cnf"), renderTemplate(opensslCnf, vars), false);
        // The Python build runs in FIPS mode (our guard refuses _hashlib/_ssl otherwise) with a strict configuration
        // that depends on neither the policy nor fipsInstall, so changing those reuses the build layers.
        Map<String, Object> buildTime = new LinkedHashMap<>(c);
        buildTime.put("policy", Policy.STRICT.value());
        buildTime.put("defaultProvider", Policy.STRICT.defaultProvider());
        buildTime.put("fipsInstall", FipsInstall.BUILD.value());
        write(dir.resolve("scripts/openssl-build.cnf"), renderTemplate(opensslCnf, Map.of("c", buildTime)), false);
        if (!recipe.disabledModules().isEmpty()) {
            write(dir.resolve(BuildRecipe.SETUP_LOCAL), BuildChoices.setupLocal(recipe.disabledModules()), false);
        }
        write(dir.resolve("scripts/packages.sh"),
                renderTemplate("packages/" + cell.distro().family() + ".sh.vm", Map.of("d", distroVariables(cell.distro()))), true);
        // each stage's package list in a file of its own: the input of that stage's package layer only
        CryptographyBuild crypto = cell.cryptography();
        for (String stage : PACKAGE_STAGES) {
            // the "rust" layer (after Python's) installs what the cryptography step needs: its recipe's packages
            List<String> packages = stage.equals("rust") && crypto != null ? crypto.packages() : cell.distro().packages(stage);
            write(dir.resolve("env/packages-" + stage + ".env"), renderTemplate("env/packages.env.vm", Map.of(
                    "stage", stage, "stageVar", stage.toUpperCase(Locale.ROOT), "displayName", cell.distro().displayName(),
                    "packages", String.join(" ", packages))), false);
        }
        if (crypto != null) {
            // its own layers (after the Python build) and sources: a cell without cryptography never sees them
            write(dir.resolve("env/cryptography.env"), renderTemplate("env/cryptography.env.vm", vars), false);
            write(dir.resolve("scripts/unpack-deb-packages.sh"), resource(TEMPLATES + "scripts/unpack-deb-packages.sh"), true);
            write(dir.resolve(BuildRecipe.CRYPTOGRAPHY_PATCH), resource(PATCHES + crypto.fipsPatch()), false);
            write(dir.resolve(BuildRecipe.CARGO_CONFIG), resource(TEMPLATES + "scripts/cargo-distro-registry.toml"), false);
            write(dir.resolve("sources/SHA256SUMS.cryptography"), sumLines(crypto.sources()), false);
        }
        for (String file : STATIC_FILES) {
            write(dir.resolve(file), resource(TEMPLATES + file), file.endsWith(".sh"));
        }
        write(dir.resolve("patches/python-fips.patch"), patch(cell.python()), false);
        write(dir.resolve("patches/pyfips_guard.h"), resource(PATCHES + "common/pyfips_guard.h"), false);
        write(dir.resolve("conformance/cpython-test-ignore.txt"), cpythonTestIgnores(cell), false);
        if (recipe.optimizations().pgo()) {
            write(dir.resolve(BuildChoices.PGO_TRAINING_IGNORES), pgoTrainingIgnores(cell, recipe), false);
        }
        write(dir.resolve("manifest.json"), json.writeValueAsString(manifest(plan.options(), cell, recipe, plan.labels())) + "\n", false);

        StringBuilder sums = new StringBuilder();
        for (Release r : releases(cell)) {
            sums.append(r.sha256()).append("  ").append(r.file()).append('\n');
        }
        write(dir.resolve("sources/SHA256SUMS"), sums.toString(), false);
        // the checksums each cached build layer sees: only its own tarballs (a Python change must not touch them)
        write(dir.resolve("sources/SHA256SUMS.fips-module"), sumLines(fipsSources(cell)), false);
        write(dir.resolve("sources/SHA256SUMS.openssl"), sumLines(List.of(cell.opensslRelease())), false);
        StringBuilder urls = new StringBuilder();
        for (Release r : releases(cell)) {
            urls.append(r.file()).append(' ').append(String.join(" ", sources.urls(r))).append('\n');
        }
        write(dir.resolve("sources/URLS"), urls.toString(), false);
        for (Release r : releases(cell)) {
            if (!sources.place(r, dir.resolve("sources").resolve(r.file()))) {
                deferred.add(r.file());
            }
        }
        return deferred;
    }

    /**
     * Distinct tarballs a cell needs, in a stable order: python, openssl, the FIPS module if separate, then what
     * {@code <cryptography>} builds from.
     */
    public static List<Release> releases(Cell cell) {
        List<Release> out = new ArrayList<>();
        out.add(cell.pythonRelease());
        out.add(cell.opensslRelease());
        out.addAll(fipsSources(cell));
        if (cell.cryptography() != null) {
            out.addAll(cell.cryptography().sources());
        }
        return out;
    }

    /**
     * The FIPS module tarball when it is built on its own (separate provider or FIPS Object Module); empty when the
     * provider comes from the OpenSSL library's own tarball.
     */
    static List<Release> fipsSources(Cell cell) {
        return cell.separateProvider() ? List.of(cell.fipsRelease()) : List.of();
    }

    private static String sumLines(List<Release> releases) {
        StringBuilder out = new StringBuilder();
        for (Release r : releases) {
            out.append(r.sha256()).append("  ").append(r.file()).append('\n');
        }
        return out.toString();
    }

    Map<String, Object> cellVariables(FipsSpec.Options o, Cell cell, BuildRecipe recipe, Map<String, String> extraLabels) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("decisions", ImageDecisions.of(cell, recipe, o).toMap());
        c.put("layout", recipe.layout().toMap());
        c.put("id", cell.id());
        c.put("image", cell.image());
        c.put("baseImage", cell.baseImage());
        c.put("platforms", cell.platforms().stream().map(Platform::toString).toList());
        c.put("distroName", cell.distro().displayName());
        c.put("python", cell.python().toString());
        c.put("pythonMinor", cell.python().minorLine());
        c.put("pythonFile", cell.pythonRelease().file());
        c.put("openssl", cell.openssl().toString());
        c.put("opensslFile", cell.opensslRelease().file());
        c.put("fipsProvider", cell.fipsProvider().toString());
        c.put("fipsFile", cell.fipsRelease().file());
        c.put("fipsKind", recipe.moduleKind().value());
        c.put("fipsStatus", fipsStatus(cell));
        c.put("fipsSources", fipsSources(cell).stream().map(Release::file).toList());
        c.put("caBundle", cell.distro().caBundle());
        c.put("prefix", recipe.prefix());
        c.put("policy", recipe.policy().value());
        c.put("defaultProvider", recipe.policy().defaultProvider());
        c.put("fipsInstall", recipe.fipsInstall().value());
        CryptographyBuild crypto = cell.cryptography();
        // the extra files a step's COPY brings, each present only when the cell needs it
        c.put("pythonScripts", recipe.disabledModules().isEmpty() ? List.of() : List.of(BuildRecipe.SETUP_LOCAL));
        c.put("pythonEnv", recipe.optimizations().pgo() ? List.of(BuildChoices.PGO_TRAINING_IGNORES) : List.of());
        c.put("cryptographyBuilt", crypto != null);
        c.put("cryptography", crypto == null ? "" : crypto.version());
        c.put("cryptographySource", crypto == null ? "" : crypto.source().value());
        c.put("cryptographySources", crypto == null ? List.of() : crypto.sources().stream().map(Release::file).toList());
        c.put("cryptographyUnpack", crypto == null ? "" : String.join(" ", crypto.pythonBuildPackages()));
        c.put("cryptographyUnpackDir", BuildRecipe.PYTHON_BUILD_DEBS);
        c.put("pipIndexUrl", o.pipIndexUrl());
        c.put("pipNoBinary", String.join(",", Catalog.builtIn().pipNoBinary()));
        c.put("uid", o.uid());
        c.put("extraPackages", String.join(" ", o.extraPackages()));
        c.put("sourceDateEpoch", Long.toString(recipe.sourceDateEpoch()));
        List<Map<String, String>> labels = new ArrayList<>();
        labels(recipe, cell, extraLabels).forEach((k, v) -> labels.add(Map.of("key", k, "value", v)));
        c.put("labels", labels);
        return c;
    }

    private static String fipsStatus(Cell cell) {
        if (!cell.validated()) {
            return "NOT validated";
        }
        return cell.module().standard() + " #" + String.join(", #", cell.module().certificates())
                + (cell.module().userDeclared() ? ", user-declared" : "");
    }

    /** OCI and python-fips labels of the runtime image, sorted by key. */
    public static Map<String, String> labels(BuildRecipe recipe, Cell cell, Map<String, String> extra) {
        Map<String, String> l = new TreeMap<>(extra);
        l.put("org.opencontainers.image.title", "python-fips " + cell.id());
        l.put("org.opencontainers.image.description", "CPython " + cell.python() + " on " + cell.distro().displayName()
                + " with OpenSSL " + cell.openssl() + " and FIPS module " + cell.fipsProvider());
        l.put("org.opencontainers.image.version", cell.python().toString());
        l.put("org.opencontainers.image.base.name", cell.baseImage());
        // the build date (SOURCE_DATE_EPOCH), not the clock: the same inputs give the same label
        l.put("org.opencontainers.image.created", SourceDateEpoch.iso(recipe.sourceDateEpoch()));
        l.put("dev.pythonfips.cell", cell.id());
        l.put("dev.pythonfips.python.version", cell.python().toString());
        l.put("dev.pythonfips.openssl.version", cell.openssl().toString());
        l.put("dev.pythonfips.fips.provider.version", cell.fipsProvider().toString());
        l.put("dev.pythonfips.fips.validated", Boolean.toString(cell.validated()));
        l.put("dev.pythonfips.fips.standard", cell.validated() ? cell.module().standard() : "none");
        l.put("dev.pythonfips.fips.certificate", cell.validated() ? String.join(",", cell.module().certificates()) : "none");
        l.put("dev.pythonfips.fips.certificate.source", cell.certificateSource());
        l.put("dev.pythonfips.fips.policy", recipe.policy().value());
        l.put("dev.pythonfips.python.builtin-hashes", recipe.builtinHashes());
        l.put("dev.pythonfips.python.optimizations", recipe.optimizations().value());
        l.put("dev.pythonfips.python.pgo-training", recipe.trainingRecorded());
        l.put("dev.pythonfips.python.interpreter-linkage", recipe.interpreterLinkage().value());
        if (recipe.cryptography() != null) {
            l.put("dev.pythonfips.cryptography.version", recipe.cryptography().version());
            l.put("dev.pythonfips.cryptography.source", recipe.cryptography().source().value());
        }
        return l;
    }

    Map<String, Object> manifest(FipsSpec.Options o, Cell cell, BuildRecipe recipe, Map<String, String> extraLabels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", cell.id());
        m.put("image", cell.image());
        m.put("baseImage", cell.baseImage());
        m.put("distro", cell.distro().id());
        m.put("platforms", cell.platforms().stream().map(Platform::toString).toList());
        m.put("prefix", recipe.prefix());
        m.put("layout", recipe.layout().toMap());
        m.put("decisions", ImageDecisions.of(cell, recipe, o).toMap());
        m.put("policy", recipe.policy().value());
        m.put("opensslProviders", recipe.policy().providers());
        m.put("fipsInstall", recipe.fipsInstall().value());
        m.put("cryptography", cell.cryptography() == null ? "" : cell.cryptography().version());
        m.put("pipNoBinary", Catalog.builtIn().pipNoBinary());
        if (cell.cryptography() != null) {
            m.put("cryptographyBuild", cryptographyManifest(cell.cryptography()));
        }
        m.put("sourceDateEpoch", recipe.sourceDateEpoch());
        Map<String, Object> python = new LinkedHashMap<>();
        python.put("version", cell.python().toString());
        python.put("patched", true);
        python.put("patch", "patches/python-fips.patch (python-fips " + cell.python().minorLine() + ")");
        python.put("builtinHashes", recipe.builtinHashes());
        python.put("builtinHashModules", recipe.builtinHashModules());
        python.put("disabledModules", recipe.disabledModules());
        python.put("configureBuiltinHashlibHashes", recipe.builtinHashesConfigure());
        python.put("optimizations", recipe.optimizations().value());
        python.put("pgoTraining", recipe.trainingRecorded());
        python.put("interpreterLinkage", recipe.interpreterLinkage().value());
        python.put("pip", o.pip());
        python.put("configure", recipe.pythonConfigure());
        python.put("source", source(cell.pythonRelease()));
        m.put("python", python);
        m.put("openssl", Map.of("version", cell.openssl().toString(), "source", source(cell.opensslRelease())));
        Map<String, Object> fips = new LinkedHashMap<>();
        fips.put("version", cell.fipsProvider().toString());
        fips.put("kind", recipe.moduleKind().value());
        fips.put("validated", cell.validated());
        fips.put("standard", cell.validated() ? cell.module().standard() : "none");
        fips.put("certificates", cell.validated() ? cell.module().certificates() : List.of());
        fips.put("certificateSource", cell.certificateSource());
        fips.put("historicalAfter", cell.validated() ? cell.module().historicalAfter() : "");
        fips.put("validationRecords", cell.validated() ? cell.module().records() : List.of());
        fips.put("source", source(cell.fipsRelease()));
        fips.put("tarballModified", false);
        fips.put("builtWith", recipe.separateProvider() ? BuildRecipe.FIPS_MODULE : BuildRecipe.OPENSSL);
        fips.put("buildCommands", recipe.fipsModuleBuiltBy());
        m.put("fips", fips);
        // exactly what each build step runs (env/STEP.commands; logged "run STEP: ..." and recorded in the image)
        m.put("buildCommands", recipe.steps());
        m.put("labels", labels(recipe, cell, extraLabels));
        return m;
    }

    private static Map<String, Object> source(Release r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", r.file());
        s.put("url", r.url());
        s.put("sha256", r.sha256());
        s.put("records", r.records());
        return s;
    }

    private static Map<String, Object> distroVariables(Distro d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("displayName", d.displayName());
        v.put("enableRepos", String.join(" ", d.enableRepos()));
        return v;
    }

    /** Our FIPS patch for the minor line of {@code python}. */
    public static String patch(Version python) {
        return resource(PATCHES + python.minorLine() + "/python-fips.patch");
    }

    /**
     * CPython test ids skipped by name when CPython's own tests run in the image of {@code cell}: only tests that
     * fail because FIPS refuses a non-approved algorithm on purpose, each explained in
     * patches/expected-fips-test-failures.txt. Which tags apply is decided by the cell's policy row
     * ({@link PolicySupport.Rule#ignores()}: {@code [any]}, {@code [any]} + {@code [strict]}, or nothing); the
     * {@code [openssl-3.5]} lines apply only with a 3.5+ FIPS provider, whose HMAC refuses short keys (the check is in
     * the provider's hmac_prov.c, so the library version does not matter).
     */
    public static String cpythonTestIgnores(Cell cell) {
        return cpythonTestIgnores(cell.policy().ignores(), cell.fipsProvider());
    }

    /**
     * The tests PGO's training skips by name: the FIPS refusals CPython's tests expect to fail under a strict
     * configuration, because the Python build step runs with the strict build-only one (scripts/openssl-build.cnf),
     * whatever the cell's policy. None on OpenSSL 1.0.2, where the tests run outside FIPS mode. The rest of
     * test_hashlib and test_hmac still trains, and the training does not end in failed tests because of them.
     */
    static String pgoTrainingIgnores(Cell cell, BuildRecipe recipe) {
        return cpythonTestIgnores(recipe.legacyFipsModule() ? PolicySupport.Ignores.NONE : PolicySupport.Ignores.ANY_AND_STRICT,
                cell.fipsProvider());
    }

    /** The ignore list for a policy row's {@code ignores} and a FIPS provider version. */
    public static String cpythonTestIgnores(PolicySupport.Ignores ignores, Version fipsProvider) {
        StringBuilder out = new StringBuilder();
        if (ignores == PolicySupport.Ignores.NONE) {
            return "";
        }
        for (String line : resource(PATCHES + "expected-fips-test-failures.txt").split("\n")) {
            if (!line.startsWith("test.")) {
                continue;
            }
            boolean any = line.contains("# [any]");
            boolean strict = line.contains("# [strict]") && ignores == PolicySupport.Ignores.ANY_AND_STRICT;
            boolean providerOk = !line.contains("[openssl-3.5]") || fipsProvider.atLeast(3, 5, 0);
            if ((any || strict) && providerOk) {
                out.append(line.replaceAll("\\s*#.*", "").trim()).append('\n');
            }
        }
        return out.toString();
    }

    static String resource(String path) {
        try (InputStream in = ContextRenderer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the fips-model jar: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content, boolean executable) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        if (executable) {
            file.toFile().setExecutable(true, false);
        }
    }

    /** manifest.json "cryptographyBuild": how cryptography was built (its commands are in "buildCommands"). */
    static Map<String, Object> cryptographyManifest(CryptographyBuild b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", b.version());
        m.put("source", b.source().value());
        m.put("sources", b.sources().stream().map(r -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.name());
            s.put("version", r.version());
            s.putAll(source(r));
            return s;
        }).toList());
        m.put("debianPatches", b.debianPatches());
        m.put("fipsPatch", "patches/" + b.fipsPatch());
        m.put("shipped", b.shipped());
        m.put("packages", b.packages());
        m.put("pythonBuildPackages", b.pythonBuildPackages());
        m.put("pipIndexUrl", b.pipIndexUrl());
        return m;
    }
}
