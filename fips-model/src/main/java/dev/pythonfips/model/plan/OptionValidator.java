package dev.pythonfips.model.plan;

import dev.pythonfips.model.Problem;
import dev.pythonfips.model.SourceDateEpoch;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.Choice;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.options.Optimizations;
import dev.pythonfips.model.options.PgoTraining;
import dev.pythonfips.model.options.Policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks everything of a {@link FipsSpec} that is not a cell: the build options shared by all cells, the image name
 * pattern, the base image overrides and the extra labels. Each mistake becomes a {@link Problem} naming the element
 * (as the frontend's {@link Wording} spells it) and the fix.
 */
final class OptionValidator {

    /** The accepted option values are the recipe's enums: one place defines them. */
    static final Set<String> POLICIES = Choice.values(Policy.values());
    static final Set<String> FIPS_INSTALL_MODES = Choice.values(FipsInstall.values());
    static final Set<String> OPTIMIZATIONS = Choice.values(Optimizations.values());
    static final Set<String> INTERPRETER_LINKAGES = Choice.values(InterpreterLinkage.values());
    static final Set<String> PGO_TRAININGS = Choice.values(PgoTraining.values());

    private static final Pattern PREFIX = Pattern.compile("/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]*");
    private static final Pattern URL = Pattern.compile("(?:https?|file):[^\\s\"'`$\\\\]+");
    private static final Pattern UID = Pattern.compile("[1-9][0-9]{0,9}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("[^\"\\\\$`\\n\\r]{0,256}");
    private static final Pattern PEP440 = Pattern.compile("[0-9]+(?:\\.[0-9]+){1,3}");

    private final Catalog catalog;
    private final Wording w;

    OptionValidator(Catalog catalog, Wording wording) {
        this.catalog = catalog;
        this.w = wording;
    }

    void checkOptions(FipsSpec.Options o, List<Problem> problems) {
        if (!PREFIX.matcher(o.prefix()).matches() || o.prefix().contains("..") || o.prefix().equals("/")) {
            problems.add(new Problem(w.element("prefix"), "\"" + o.prefix() + "\" is not an absolute install path",
                    "use an absolute path of [A-Za-z0-9._-] segments, e.g. " + FipsSpec.Options.DEFAULT_PREFIX));
        }
        if (!POLICIES.contains(o.policy())) {
            problems.add(new Problem(w.element("policy"), "unknown policy \"" + o.policy() + "\"",
                    "use strict (non-approved algorithms always refused) or allow-non-security (allowed only with usedforsecurity=False)"));
        }
        if (!BuildChoices.BUILTIN_HASH_CHOICES.contains(o.builtinHashes())) {
            problems.add(new Problem(w.element("builtinHashes"), "unknown value \"" + o.builtinHashes() + "\"",
                    "use none (no builtin hash module; FIPS mode only ever uses OpenSSL) or all (upstream's full set), "
                            + "e.g. " + w.example("builtinHashes", BuildChoices.BUILTIN_NONE)));
        }
        if (!FIPS_INSTALL_MODES.contains(o.fipsInstall())) {
            problems.add(new Problem(w.element("fipsInstall"), "unknown mode \"" + o.fipsInstall() + "\"",
                    "use build (fipsinstall runs in the runtime image build) or startup (the entrypoint runs it when the module config is missing)"));
        }
        if (o.sourceDateEpoch() < SourceDateEpoch.DEFAULT || o.sourceDateEpoch() > SourceDateEpoch.MAX.getEpochSecond()) {
            problems.add(new Problem("build date (SOURCE_DATE_EPOCH)", o.sourceDateEpoch() + " is outside "
                    + SourceDateEpoch.MIN + " .. " + SourceDateEpoch.MAX, "give a date in that range"));
        }
        if (!OPTIMIZATIONS.contains(o.optimizations())) {
            problems.add(new Problem(w.element("optimizations"), "unknown optimisation \"" + o.optimizations() + "\"",
                    "use pgo-lto (release default: --enable-optimizations --with-lto), pgo, lto or none (fastest build, slowest interpreter)"));
        }
        if (o.pgoTraining() != null && !PGO_TRAININGS.contains(o.pgoTraining())) {
            problems.add(new Problem(w.element("pgoTraining"), "unknown training \"" + o.pgoTraining() + "\"",
                    "use regression-suite (default, what a release ships: CPython's test suite, as Debian trains) or "
                            + "upstream (CPython's own --pgo set of 43-44 tests: a shorter build, an interpreter a few per cent slower)"));
        } else if (o.pgoTraining() != null && OPTIMIZATIONS.contains(o.optimizations())
                && !Optimizations.parse(o.optimizations()).orElseThrow().pgo()) {
            problems.add(new Problem(w.element("pgoTraining"), "is set to " + o.pgoTraining() + " but "
                    + w.element("optimizations") + " " + o.optimizations() + " runs no PGO training",
                    "remove " + w.element("pgoTraining") + ", or use " + w.example("optimizations", "pgo-lto")
                            + " (or pgo)"));
        }
        if (!INTERPRETER_LINKAGES.contains(o.interpreterLinkage())) {
            problems.add(new Problem(w.element("interpreterLinkage"), "unknown linkage \"" + o.interpreterLinkage() + "\"",
                    "use executable-pie (default: the interpreter linked into bin/python3, position-independent), "
                            + "executable-no-pie (the same at a fixed address, as Debian's python3: the fastest) or shared "
                            + "(bin/python3 loads libpython3.X.so, which only this linkage installs: choose it for programs that embed "
                            + "Python)"));
        }
        cryptographyVersion(o.cryptography(), w.element("cryptography"), problems);
        if (!o.pipIndexUrl().isEmpty() && !URL.matcher(o.pipIndexUrl()).matches()) {
            problems.add(new Problem(w.element("pipIndexUrl"), "\"" + o.pipIndexUrl() + "\" is not an http(s) or file: URL",
                    "use e.g. https://nexus.example.com/repository/pypi/simple or file:///wheelhouse"));
        }
        for (String pkg : o.extraPackages()) {
            if (pkg == null || !PACKAGE.matcher(pkg).matches()) {
                problems.add(new Problem(w.path("extraPackages", "extraPackage"), "\"" + pkg + "\" is not a package name",
                        "use a plain distro package name such as tzdata"));
            }
        }
        if (!UID.matcher(o.uid()).matches()) {
            problems.add(new Problem(w.element("uid"), "\"" + o.uid() + "\" is not a non-root numeric user id",
                    "use a number above 0, e.g. " + FipsSpec.Options.DEFAULT_UID));
        }
        for (String p : o.defaultPlatforms()) {
            if (!catalog.platforms().contains(p)) {
                problems.add(new Problem(w.element("platforms"), "default platform \"" + p + "\" is not supported",
                        "use " + catalog.platforms()));
            }
        }
    }

    /** The image name pattern to use (the default when none is given); unknown placeholders are a problem. */
    String imageNamePattern(String imageName, List<Problem> problems) {
        String pattern = Fields.blank(imageName) ? ImageNames.DEFAULT_PATTERN : imageName.trim();
        List<String> unknown = ImageNames.unknownPlaceholders(pattern);
        if (!unknown.isEmpty()) {
            problems.add(new Problem(w.element("imageName"), "unknown placeholder(s) " + unknown + " in \"" + pattern + "\"",
                    "use only " + ImageNames.PLACEHOLDERS.keySet().stream().map(k -> "{" + k + "}").toList()));
        }
        return pattern;
    }

    /** The valid base image overrides by distro id. */
    Map<String, String> baseImages(Map<String, String> baseImages, List<Problem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        baseImages.forEach((distro, image) -> {
            String where = w.child(w.element("baseImages"), distro);
            java.util.Optional<Problem> unknown = Fields.unknownDistro(catalog, where, distro, " as the element name");
            if (unknown.isPresent()) {
                problems.add(unknown.get());
            } else if (!ImageNames.isValidReference(image == null ? null : image.trim())) {
                problems.add(new Problem(where, "\"" + image + "\" is not a valid image reference",
                        "use e.g. " + catalog.distro(distro).get().defaultBaseImage()));
            } else {
                out.put(distro, image.trim());
            }
        });
        return out;
    }

    void checkLabels(Map<String, String> labels, List<Problem> problems) {
        labels.forEach((key, value) -> {
            String where = w.child(w.element("labels"), key);
            if (!LABEL_KEY.matcher(key).matches() || key.startsWith("dev.pythonfips.")) {
                problems.add(new Problem(where, "\"" + key + "\" is not an allowed label key",
                        "use a reverse-DNS key of [a-z0-9.-] such as com.example.team (dev.pythonfips.* is reserved)"));
            }
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                problems.add(new Problem(where, "the value \"" + value + "\" contains characters a Dockerfile label cannot carry safely",
                        "use printable text without quotes, backslashes, $ or line breaks"));
            }
        });
    }

    /**
     * A {@code <cryptography>} version (the shared option's or an {@code <image>}'s, named {@code where}): a release
     * version the catalog pins an sdist for. True when it is one (or empty: no cryptography).
     */
    boolean cryptographyVersion(String version, String where, List<Problem> problems) {
        if (version.isEmpty()) {
            return true;
        }
        if (!PEP440.matcher(version).matches()) {
            problems.add(new Problem(where, "\"" + version + "\" is not a release version",
                    "pin an exact version such as " + String.join(" or ", catalog.cryptographyVersions())
                            + ", or leave it empty to skip cryptography"));
            return false;
        }
        if (catalog.cryptography(version).isEmpty()) {
            problems.add(CryptographyBuild.unpinned(catalog, version, where));
            return false;
        }
        return true;
    }
}
