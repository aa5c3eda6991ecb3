package dev.pythonfips.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates a {@link FipsSpec} against the catalog and the compatibility rules, and expands it into cells.
 * Every problem is collected before failing, each naming the pom element and the fix.
 *
 * <p>Compatibility rules (sources in shared notes fips-facts.md):
 * <ul>
 *   <li>The FIPS Object Module 2.0.x works only with OpenSSL 1.0.2 and only on linux/amd64.</li>
 *   <li>OpenSSL 1.0.2 has no OpenSSL 3 provider; OpenSSL 1.1.x has no FIPS module at all.</li>
 *   <li>Python 3.10+ needs OpenSSL 1.1.1 or newer (PEP 644), so never 1.0.2.</li>
 *   <li>An OpenSSL 3 provider loads into any 3.x library (README-FIPS.md), never into 1.x.</li>
 *   <li>A provider version without a CMVP certificate is refused unless the user opts in.</li>
 *   <li>FIPS 140-2-only modules are historical after 2026-09-21: warned.</li>
 *   <li>A policy is generated only where the Python/OpenSSL combination honours it ({@link PolicySupport#RULES}),
 *       and {@code <builtinHashes>} only where the combination can do without them
 *       ({@link PolicySupport#BUILTIN_HASH_RULES}).</li>
 *   <li>A certificate declared in {@code <fipsCertificates>} makes its provider version count as validated.</li>
 * </ul>
 */
public final class MatrixPlanner {

    /** Python minor lines we ship a FIPS patch for (see patches/README.md). */
    public static final Set<String> PATCHED_MINORS = Set.of("3.9", "3.11", "3.12", "3.13", "3.14");
    /** Platforms every supported distro publishes base images for. */
    public static final Set<String> SUPPORTED_PLATFORMS = Set.of("linux/amd64", "linux/arm64");
    public static final Set<String> POLICIES = Set.of("strict", "allow-non-security");
    public static final Set<String> FIPS_INSTALL_MODES = Set.of("build", "startup");
    public static final Set<String> OPTIMIZATIONS = Set.of("pgo-lto", "pgo", "lto", "none");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PREFIX = Pattern.compile("/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]*");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.(?:tar\\.gz|tgz|tar\\.xz)");
    private static final Pattern URL = Pattern.compile("(?:https?|file):[^\\s\"'`$\\\\]+");
    private static final Pattern UID = Pattern.compile("[1-9][0-9]{0,9}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("[^\"\\\\$`\\n\\r]{0,256}");
    private static final Pattern PEP440 = Pattern.compile("[0-9]+(?:\\.[0-9]+){1,3}");
    private static final Pattern CERTIFICATE_NUMBER = Pattern.compile("[1-9][0-9]{0,6}");
    private static final Pattern HTTPS_URL = Pattern.compile("https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\\s\"'`$\\\\<>]*)?");
    public static final Set<String> STANDARDS = Set.of("FIPS 140-2", "FIPS 140-3");

    private final Catalog catalog;
    private final LocalDate today;

    public MatrixPlanner(Catalog catalog, LocalDate today) {
        this.catalog = catalog;
        this.today = today;
    }

    public Plan plan(FipsSpec spec) throws FipsConfigException {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        FipsSpec.Options options = spec.options();

        checkOptions(options, problems);
        String pattern = spec.imageName() == null || spec.imageName().isBlank()
                ? ImageNames.DEFAULT_PATTERN : spec.imageName().trim();
        List<String> unknown = ImageNames.unknownPlaceholders(pattern);
        if (!unknown.isEmpty()) {
            problems.add(new Problem("<imageName>", "unknown placeholder(s) " + unknown + " in \"" + pattern + "\"",
                    "use only " + ImageNames.PLACEHOLDERS.keySet().stream().map(k -> "{" + k + "}").toList()));
        }
        Map<String, String> baseImages = checkBaseImages(spec.baseImages(), problems);
        Map<String, Release> pins = checkPins(spec.sources(), problems);
        Map<String, FipsModule> declared = checkCertificates(spec.certificates(), problems, warnings);
        spec.labels().forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches() || key.startsWith("dev.pythonfips.")) {
                problems.add(new Problem("<labels><" + key + ">", "\"" + key + "\" is not an allowed label key",
                        "use a reverse-DNS key of [a-z0-9.-] such as com.example.team (dev.pythonfips.* is reserved)"));
            }
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                problems.add(new Problem("<labels><" + key + ">", "the value \"" + value + "\" contains characters a Dockerfile label cannot carry safely",
                        "use printable text without quotes, backslashes, $ or line breaks"));
            }
        });

        List<Candidate> candidates = new ArrayList<>();
        if (spec.matrix() != null) {
            expandMatrix(spec.matrix(), options, candidates, problems);
        }
        for (int i = 0; i < spec.images().size(); i++) {
            FipsSpec.CellSpec image = spec.images().get(i);
            String where = "<images><image>[" + (i + 1) + "]";
            List<String> platforms = image.platforms().isEmpty() ? options.defaultPlatforms() : image.platforms();
            candidates.add(new Candidate(where, image.python(), image.distro(), image.openssl(), image.fipsProvider(),
                    platforms, where + "<platforms>"));
        }
        if (candidates.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem("<matrix>/<images>", "no cells are configured",
                    "add a <matrix> with <pythons>, <distros>, <openssl> and <fipsProvider>, or at least one <images><image>"));
        }

        boolean[] excludeUsed = new boolean[spec.excludes().size()];
        checkExcludes(spec.excludes(), problems);

        Map<String, Cell> cells = new LinkedHashMap<>();
        Map<String, String> imageOwners = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Optional<Cell> cell = resolve(c, pattern, baseImages, pins, declared, options, spec.excludes(), excludeUsed,
                    problems, warnings);
            if (cell.isEmpty()) {
                continue;
            }
            Cell resolved = cell.get();
            Cell earlier = cells.get(resolved.id());
            if (earlier != null) {
                problems.add(new Problem(c.where, "cell " + resolved.id() + " is configured twice (also by "
                        + earlier.origin() + ")", "remove one of them, or use <excludes> to drop it from the matrix"));
                continue;
            }
            String owner = imageOwners.putIfAbsent(resolved.image(), resolved.id());
            if (owner != null) {
                problems.add(new Problem("<imageName>", "cells " + owner + " and " + resolved.id()
                        + " both get the image " + resolved.image(),
                        "include {id} (or every varying field) in the <imageName> pattern"));
                continue;
            }
            cells.put(resolved.id(), resolved);
        }
        for (FipsModule m : declared.values()) {
            if (problems.isEmpty() && cells.values().stream().noneMatch(c -> c.fipsProvider().toString().equals(m.version()))) {
                warnings.add("<fipsCertificates>: the certificate #" + m.certificates().get(0) + " declared for module "
                        + m.version() + " matches no cell's <fipsProvider>; it has no effect");
            }
        }
        for (int i = 0; i < excludeUsed.length; i++) {
            if (!excludeUsed[i] && !candidates.isEmpty()) {
                warnings.add("<excludes><exclude>[" + (i + 1) + "] matches no cell or platform; it has no effect");
            }
        }
        if (problems.isEmpty() && cells.isEmpty()) {
            problems.add(new Problem("<excludes>", "every cell is excluded, nothing would be generated",
                    "remove or narrow the <exclude> entries"));
        }
        if (!problems.isEmpty()) {
            // one matrix mistake shows up in every cell it spans: report it once
            throw new FipsConfigException(new ArrayList<>(new java.util.LinkedHashSet<>(problems)));
        }
        List<Cell> ordered = new ArrayList<>(cells.values());
        ordered.sort(Comparator.comparing(Cell::python).thenComparing(c -> c.distro().id())
                .thenComparing(Cell::openssl).thenComparing(Cell::fipsProvider));
        return new Plan(ordered, options, warnings.stream().distinct().toList(), spec.labels());
    }

    private record Candidate(String where, String python, String distro, String openssl, String fipsProvider,
                             List<String> platforms, String platformsWhere, Map<String, String> named) {

        Candidate(String where, String python, String distro, String openssl, String fipsProvider,
                  List<String> platforms, String platformsWhere) {
            this(where, python, distro, openssl, fipsProvider, platforms, platformsWhere, Map.of());
        }

        /** The element a problem with {@code field} names: how the user wrote it, else {@code where<field>}. */
        String at(String field) {
            return named.getOrDefault(field, where + "<" + field + ">");
        }
    }

    private void expandMatrix(FipsSpec.MatrixSpec m, FipsSpec.Options options, List<Candidate> out, List<Problem> problems) {
        if (m.pythons().isEmpty()) {
            problems.add(new Problem("<matrix><pythons>", "is empty", "list at least one <python>, e.g. <python>3.11.9</python>"));
        }
        if (m.distros().isEmpty()) {
            problems.add(new Problem("<matrix><distros>", "is empty",
                    "list at least one <distro>: " + String.join(", ", catalog.distroIds())));
        }
        List<String> platforms = m.platforms().isEmpty() ? options.defaultPlatforms() : m.platforms();
        String platformsWhere = m.origin("platforms").orElse("<matrix><platforms>");
        for (String python : m.pythons()) {
            for (String distro : m.distros()) {
                Map<String, String> named = new LinkedHashMap<>();
                m.origin("python").ifPresent(o -> named.put("python", o + " (" + python + ")"));
                m.origin("distro").ifPresent(o -> named.put("distro", o + " (" + distro + ")"));
                m.origin("openssl").ifPresent(o -> named.put("openssl", o));
                m.origin("fipsProvider").ifPresent(o -> named.put("fipsProvider", o));
                out.add(new Candidate("<matrix> (python " + python + ", distro " + distro + ")",
                        python, distro, m.openssl(), m.fipsProvider(), platforms, platformsWhere, named));
            }
        }
    }

    private Optional<Cell> resolve(Candidate c, String pattern, Map<String, String> baseImages,
                                   Map<String, Release> pins, Map<String, FipsModule> declared, FipsSpec.Options options,
                                   List<FipsSpec.ExcludeSpec> excludes, boolean[] excludeUsed,
                                   List<Problem> problems, List<String> warnings) {
        int before = problems.size();
        Optional<Version> python = version(c.python, c.at("python"), "3.11.9", problems);
        Optional<Distro> distro = Optional.empty();
        if (c.distro == null || c.distro.isBlank()) {
            problems.add(new Problem(c.at("distro"), "is missing", "set one of " + String.join(", ", catalog.distroIds())));
        } else {
            distro = catalog.distro(c.distro.trim());
            if (distro.isEmpty()) {
                problems.add(new Problem(c.at("distro"), "unknown distro \"" + c.distro.trim() + "\"",
                        didYouMean(c.distro.trim(), catalog.distroIds()) + "use one of " + String.join(", ", catalog.distroIds())));
            }
        }
        Optional<Version> openssl = version(c.openssl, c.at("openssl"), "3.0.9", problems);
        Optional<Version> fips = version(c.fipsProvider, c.at("fipsProvider"), "3.1.2", problems);
        List<Platform> platforms = new ArrayList<>();
        for (String p : c.platforms) {
            Optional<Platform> platform = Platform.tryParse(p);
            if (platform.isEmpty()) {
                problems.add(new Problem(c.platformsWhere, "\"" + p + "\" is not a platform",
                        "write os/arch, one of " + new TreeSet<>(SUPPORTED_PLATFORMS)));
            } else if (!SUPPORTED_PLATFORMS.contains(platform.get().toString())) {
                problems.add(new Problem(c.platformsWhere, "platform " + p + " is not supported",
                        "use " + new TreeSet<>(SUPPORTED_PLATFORMS)));
            } else if (!platforms.contains(platform.get())) {
                platforms.add(platform.get());
            }
        }
        if (python.isEmpty() || distro.isEmpty() || openssl.isEmpty() || fips.isEmpty()) {
            return Optional.empty(); // the compatibility rules below need all four; platform problems do not stop them
        }
        Version py = python.get();
        Version lib = openssl.get();
        Version prov = fips.get();
        String where = c.where;

        if (!PATCHED_MINORS.contains(py.minorLine())) {
            problems.add(new Problem(c.at("python"), "Python " + py.minorLine() + " has no FIPS patch set",
                    "use a release of " + patchedMinorsInOrder() + " (see patches/README.md); pinning a tarball cannot help "
                            + "without a patch"));
        }
        boolean legacyModule = prov.major() == 2;
        if (legacyModule) {
            if (!(lib.major() == 1 && lib.minor() == 0 && lib.patch() == 2)) {
                problems.add(new Problem(c.at("fipsProvider"), "the FIPS Object Module " + prov
                        + " only works with OpenSSL 1.0.2, not " + lib,
                        "use <openssl>1.0.2u</openssl>, or an OpenSSL 3 provider such as <fipsProvider>3.1.2</fipsProvider>"));
            }
            List<String> nonAmd = platforms.stream().map(Platform::toString).filter(p -> !p.equals("linux/amd64")).toList();
            if (!nonAmd.isEmpty()) {
                problems.add(new Problem(c.platformsWhere, "the FIPS Object Module " + prov + " is built only for linux/amd64 here, not "
                        + nonAmd, "remove " + nonAmd + " from the platforms of this cell (or exclude it)"));
            }
        } else if (prov.major() == 3) {
            if (lib.major() < 3) {
                problems.add(new Problem(c.at("fipsProvider"), "an OpenSSL 3 FIPS provider (" + prov
                        + ") cannot load into OpenSSL " + lib, "use an OpenSSL 3.x library, e.g. <openssl>" + prov + "</openssl>"));
            }
        } else {
            problems.add(new Problem(c.at("fipsProvider"), "\"" + prov + "\" is neither an OpenSSL 3 FIPS provider (3.x) nor the FIPS Object Module (2.0.x)",
                    "use a validated provider such as 3.1.2 (FIPS 140-3) or 3.0.9"));
        }
        if (lib.major() == 1 && lib.minor() == 1) {
            problems.add(new Problem(c.at("openssl"), "OpenSSL " + lib + " has no FIPS module",
                    "use OpenSSL 3.x with an OpenSSL 3 provider, or 1.0.2u with FIPS Object Module 2.0.16"));
        } else if (lib.major() == 1 && lib.minor() == 0 && lib.patch() == 2 && !legacyModule) {
            problems.add(new Problem(c.at("openssl"), "OpenSSL 1.0.2 only works with the FIPS Object Module 2.0.x, not provider " + prov,
                    "use <fipsProvider>2.0.16</fipsProvider>, or an OpenSSL 3.x library"));
        } else if (lib.major() < 3 && !(lib.major() == 1 && lib.minor() == 0 && lib.patch() == 2)) {
            problems.add(new Problem(c.at("openssl"), "OpenSSL " + lib + " is not supported", "use OpenSSL 3.x"));
        }
        if (py.atLeast(3, 10, 0) && lib.isBefore(1, 1, 1)) {
            problems.add(new Problem(c.at("openssl"), "Python " + py + " needs OpenSSL 1.1.1 or newer (PEP 644), not " + lib,
                    "use Python 3.9 for OpenSSL 1.0.2, or OpenSSL 3.x for Python " + py.minorLine()));
        }

        String cellId = Cell.idOf(py, distro.get().id(), lib, prov);
        Optional<PolicySupport.Rule> policyRule = PolicySupport.rule(py, lib, options.policy());
        if (policyRule.isPresent() && !policyRule.get().honoured()) {
            problems.add(new Problem("<policy>", "policy \"" + options.policy() + "\" is not honoured by cell " + cellId
                    + " (" + where + "): " + policyRule.get().reason(), policyRule.get().fix()));
        }
        Optional<PolicySupport.BuiltinHashRule> hashRefusal = PolicySupport.builtinHashRefusal(py, lib, options.builtinHashes());
        hashRefusal.ifPresent(r -> problems.add(new Problem("<builtinHashes>", "\"" + options.builtinHashes()
                + "\" cannot be built for cell " + cellId + " (" + where + "): " + r.reason(), r.fix())));

        Optional<FipsModule> module = catalog.fipsModule(prov.toString()).or(() -> Optional.ofNullable(declared.get(prov.toString())));
        if (module.isEmpty() && !options.allowUnvalidatedProvider()) {
            List<String> known = new ArrayList<>(catalog.fipsModules().stream().map(FipsModule::version).toList());
            known.addAll(declared.keySet());
            problems.add(new Problem(c.at("fipsProvider"), "FIPS provider " + prov + " has no CMVP validation on record "
                    + "(validated: " + known + ")",
                    "use a validated version (3.1.2 is FIPS 140-3), declare its CMVP certificate with <fipsCertificates>"
                            + "<fipsCertificate> if it has one, or set <allowUnvalidatedProvider>true</allowUnvalidatedProvider> "
                            + "(-Dfips.allowUnvalidatedProvider=true) to build it anyway; the image is then labelled unvalidated"));
        } else if (module.isEmpty()) {
            warnings.add("cell " + cellId + ": FIPS provider " + prov
                    + " is NOT a validated module; the image is labelled dev.pythonfips.fips.validated=false");
        } else if (module.get().isHistoricalOn(today)) {
            warnings.add("FIPS module " + prov + " (" + module.get().standard() + ", certificate #"
                    + String.join(", #", module.get().certificates()) + (module.get().userDeclared() ? ", user-declared" : "")
                    + ") is historical since " + module.get().historicalAfter()
                    + ": not for new compliance claims; prefer 3.1.2 (FIPS 140-3, #4985)");
        }

        // An unpatched minor is refused above; suggesting a pin for its tarball would only mislead.
        Optional<Release> pySrc = PATCHED_MINORS.contains(py.minorLine())
                ? source(Release.Component.PYTHON, py, pins, c.at("python"), problems) : Optional.empty();
        Optional<Release> libSrc = source(Release.Component.OPENSSL, lib, pins, c.at("openssl"), problems);
        Optional<Release> fipsSrc = legacyModule
                ? source(Release.Component.FIPS_MODULE, prov, pins, c.at("fipsProvider"), problems)
                : prov.equals(lib) ? libSrc : source(Release.Component.OPENSSL, prov, pins, c.at("fipsProvider"), problems);

        if (problems.size() > before) {
            return Optional.empty();
        }

        String distroId = distro.get().id();
        List<Platform> kept = new ArrayList<>();
        for (Platform p : platforms) {
            if (!excluded(excludes, excludeUsed, py, distroId, lib, prov, p)) {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        kept.sort(Comparator.naturalOrder());
        String id = cellId;
        String image = ImageNames.expand(pattern, id, py, distroId, lib, prov);
        if (!ImageNames.isValidReference(image)) {
            problems.add(new Problem("<imageName>", "\"" + pattern + "\" gives \"" + image + "\" for cell " + id
                    + ", which is not a valid image reference", "use lower-case [a-z0-9._-/] names and a tag of [A-Za-z0-9_.-], e.g. "
                    + ImageNames.DEFAULT_PATTERN));
            return Optional.empty();
        }
        String base = baseImages.getOrDefault(distroId, distro.get().defaultBaseImage());
        return Optional.of(new Cell(id, where, py, distro.get(), lib, prov, kept, image, base, module.orElse(null),
                pySrc.get(), libSrc.get(), fipsSrc.get(), options.builtinHashes(), policyRule.orElse(null)));
    }

    private boolean excluded(List<FipsSpec.ExcludeSpec> excludes, boolean[] used, Version py, String distro,
                             Version lib, Version prov, Platform platform) {
        boolean out = false;
        for (int i = 0; i < excludes.size(); i++) {
            FipsSpec.ExcludeSpec e = excludes.get(i);
            if (matches(e.python(), py.toString()) && matches(e.distro(), distro) && matches(e.openssl(), lib.toString())
                    && matches(e.fipsProvider(), prov.toString()) && matches(e.platform(), platform.toString())) {
                used[i] = true;
                out = true;
            }
        }
        return out;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.trim().equals(actual);
    }

    private Optional<Release> source(Release.Component component, Version version, Map<String, Release> pins,
                                     String where, List<Problem> problems) {
        Release pin = pins.get(component.id() + ":" + version);
        if (pin != null) {
            return Optional.of(pin);
        }
        Optional<Release> known = catalog.release(component, version.toString());
        if (known.isEmpty()) {
            problems.add(new Problem(where, component.id() + " " + version + " is not in the release catalog, so its "
                    + "tarball cannot be verified", "pin it: <sources><source><component>" + component.id()
                    + "</component><version>" + version + "</version><sha256>(SHA-256 of the upstream tarball)</sha256></source></sources>"
                    + ", or use a catalogued version: " + catalog.versions(component)));
        }
        return known;
    }

    private Optional<Version> version(String value, String where, String example, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(where, "is missing", "set a version, e.g. " + example));
            return Optional.empty();
        }
        Optional<Version> v = Version.tryParse(value);
        if (v.isEmpty()) {
            problems.add(new Problem(where, "\"" + value + "\" is not a version",
                    "write a full release version such as " + example + " (three numbers; OpenSSL 1.x may end in a letter)"));
        }
        return v;
    }

    private void checkOptions(FipsSpec.Options o, List<Problem> problems) {
        if (!PREFIX.matcher(o.prefix()).matches() || o.prefix().contains("..") || o.prefix().equals("/")) {
            problems.add(new Problem("<prefix>", "\"" + o.prefix() + "\" is not an absolute install path",
                    "use an absolute path of [A-Za-z0-9._-] segments, e.g. " + FipsSpec.Options.DEFAULT_PREFIX));
        }
        if (!POLICIES.contains(o.policy())) {
            problems.add(new Problem("<policy>", "unknown policy \"" + o.policy() + "\"",
                    "use strict (non-approved algorithms always refused) or allow-non-security (allowed only with usedforsecurity=False)"));
        }
        if (!BuildChoices.BUILTIN_HASH_CHOICES.contains(o.builtinHashes())) {
            problems.add(new Problem("<builtinHashes>", "unknown value \"" + o.builtinHashes() + "\"",
                    "use none (no builtin hash module; FIPS mode only ever uses OpenSSL) or all (upstream's full set), "
                            + "e.g. -Dfips.builtinHashes=none"));
        }
        if (!FIPS_INSTALL_MODES.contains(o.fipsInstall())) {
            problems.add(new Problem("<fipsInstall>", "unknown mode \"" + o.fipsInstall() + "\"",
                    "use build (fipsinstall runs in the runtime image build) or startup (the entrypoint runs it when the module config is missing)"));
        }
        if (o.sourceDateEpoch() < SourceDateEpoch.DEFAULT || o.sourceDateEpoch() > SourceDateEpoch.MAX.getEpochSecond()) {
            problems.add(new Problem("build date (SOURCE_DATE_EPOCH)", o.sourceDateEpoch() + " is outside "
                    + SourceDateEpoch.MIN + " .. " + SourceDateEpoch.MAX, "give a date in that range"));
        }
        if (!OPTIMIZATIONS.contains(o.optimizations())) {
            problems.add(new Problem("<optimizations>", "unknown optimisation \"" + o.optimizations() + "\"",
                    "use pgo-lto (release default: --enable-optimizations --with-lto), pgo, lto or none (fastest build, slowest interpreter)"));
        }
        if (!o.cryptography().isEmpty() && !PEP440.matcher(o.cryptography()).matches()) {
            problems.add(new Problem("<cryptography>", "\"" + o.cryptography() + "\" is not a release version",
                    "pin an exact version such as 44.0.3, or leave it empty to skip cryptography"));
        }
        if (!o.pipIndexUrl().isEmpty() && !URL.matcher(o.pipIndexUrl()).matches()) {
            problems.add(new Problem("<pipIndexUrl>", "\"" + o.pipIndexUrl() + "\" is not an http(s) or file: URL",
                    "use e.g. https://nexus.example.com/repository/pypi/simple or file:///wheelhouse"));
        }
        if (!o.pipIndexUrl().isEmpty() && o.cryptography().isEmpty()) {
            problems.add(new Problem("<pipIndexUrl>", "is set but <cryptography> is not", "set <cryptography> or remove <pipIndexUrl>"));
        }
        for (String pkg : o.extraPackages()) {
            if (pkg == null || !PACKAGE.matcher(pkg).matches()) {
                problems.add(new Problem("<extraPackages><extraPackage>", "\"" + pkg + "\" is not a package name",
                        "use a plain distro package name such as tzdata"));
            }
        }
        if (!UID.matcher(o.uid()).matches()) {
            problems.add(new Problem("<uid>", "\"" + o.uid() + "\" is not a non-root numeric user id",
                    "use a number above 0, e.g. " + FipsSpec.Options.DEFAULT_UID));
        }
        for (String p : o.defaultPlatforms()) {
            if (!SUPPORTED_PLATFORMS.contains(p)) {
                problems.add(new Problem("<platforms>", "default platform \"" + p + "\" is not supported",
                        "use " + new TreeSet<>(SUPPORTED_PLATFORMS)));
            }
        }
    }

    private Map<String, String> checkBaseImages(Map<String, String> baseImages, List<Problem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        baseImages.forEach((distro, image) -> {
            if (catalog.distro(distro).isEmpty()) {
                problems.add(new Problem("<baseImages><" + distro + ">", "unknown distro \"" + distro + "\"",
                        didYouMean(distro, catalog.distroIds()) + "use one of " + String.join(", ", catalog.distroIds())
                                + " as the element name"));
            } else if (!ImageNames.isValidReference(image == null ? null : image.trim())) {
                problems.add(new Problem("<baseImages><" + distro + ">", "\"" + image + "\" is not a valid image reference",
                        "use e.g. " + catalog.distro(distro).get().defaultBaseImage()));
            } else {
                out.put(distro, image.trim());
            }
        });
        return out;
    }

    /** The patched minor lines in version order (3.9 before 3.11), for messages. */
    static List<String> patchedMinorsInOrder() {
        return PATCHED_MINORS.stream().sorted(Comparator.comparing(m -> Version.parse(m + ".0"))).toList();
    }

    /** "did you mean rocky9? " when {@code given} equals one id up to case and punctuation ("rocky-9", "Debian_12"). */
    static String didYouMean(String given, List<String> ids) {
        String key = given.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        List<String> close = ids.stream().filter(id -> id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").equals(key)).toList();
        return close.size() == 1 ? "did you mean " + close.get(0) + "? " : "";
    }

    private Map<String, Release> checkPins(List<FipsSpec.SourcePin> pins, List<Problem> problems) {
        Map<String, Release> out = new LinkedHashMap<>();
        for (int i = 0; i < pins.size(); i++) {
            FipsSpec.SourcePin p = pins.get(i);
            String where = "<sources><source>[" + (i + 1) + "]";
            Release.Component component = p.component() == null ? null : Release.Component.fromId(p.component().trim());
            int before = problems.size();
            if (component == null) {
                problems.add(new Problem(where + "<component>", "\"" + p.component() + "\" is not a source component",
                        "use python, openssl or fips-module"));
            }
            Optional<Version> v = version(p.version(), where + "<version>", "3.11.9", problems);
            String sha = p.sha256() == null ? "" : p.sha256().trim().toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sha).matches()) {
                problems.add(new Problem(where + "<sha256>", "\"" + p.sha256() + "\" is not a SHA-256 (64 hex digits)",
                        "copy the checksum published with the upstream tarball"));
            }
            if (p.file() != null && !p.file().isBlank() && !FILE.matcher(p.file().trim()).matches()) {
                problems.add(new Problem(where + "<file>", "\"" + p.file() + "\" is not a tarball file name",
                        "use the upstream name, e.g. Python-3.11.9.tar.xz"));
            }
            if (p.url() != null && !p.url().isBlank() && !URL.matcher(p.url().trim()).matches()) {
                problems.add(new Problem(where + "<url>", "\"" + p.url() + "\" is not an http(s) or file: URL",
                        "use the upstream download URL"));
            }
            if (problems.size() > before) {
                continue;
            }
            Release conventional = Release.conventional(component, v.get().toString(), sha, List.of("pinned in the pom: " + where));
            String file = p.file() == null || p.file().isBlank() ? conventional.file() : p.file().trim();
            String url = p.url() == null || p.url().isBlank()
                    ? conventional.url().substring(0, conventional.url().lastIndexOf('/') + 1) + file : p.url().trim();
            Release release = new Release(component, v.get().toString(), file, url, sha, conventional.records());
            Optional<Release> catalogued = catalog.release(component, release.version());
            if (catalogued.isPresent() && !catalogued.get().sha256().equals(sha) && catalogued.get().file().equals(file)) {
                problems.add(new Problem(where + "<sha256>", component.id() + " " + release.version()
                        + " is catalogued with SHA-256 " + catalogued.get().sha256() + " (" + String.join("; ", catalogued.get().records())
                        + "), the pin says " + sha, "remove the pin, or check where your checksum came from"));
                continue;
            }
            if (out.putIfAbsent(component.id() + ":" + release.version(), release) != null) {
                problems.add(new Problem(where, component.id() + " " + release.version() + " is pinned twice", "keep one <source>"));
            }
        }
        return out;
    }

    /**
     * Validates {@code <fipsCertificates>} and turns each into a user-declared {@link FipsModule}, keyed by provider
     * version. A version the catalog records is refused unless the declaration says the same (then it is redundant:
     * warned, and the catalog record is used).
     */
    private Map<String, FipsModule> checkCertificates(List<FipsSpec.CertificateSpec> certs, List<Problem> problems,
                                                      List<String> warnings) {
        Map<String, FipsModule> out = new java.util.TreeMap<>();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < certs.size(); i++) {
            FipsSpec.CertificateSpec c = certs.get(i);
            String where = "<fipsCertificates><fipsCertificate>[" + (i + 1) + "]";
            int before = problems.size();
            Optional<Version> module = Optional.empty();
            if (blank(c.module())) {
                problems.add(new Problem(where + "<module>", "is missing", "set the OpenSSL 3 FIPS provider version the certificate covers, e.g. 3.5.4"));
            } else {
                module = Version.tryParse(c.module().trim());
                if (module.isEmpty()) {
                    problems.add(new Problem(where + "<module>", "\"" + c.module() + "\" is not a version",
                            "write the provider's full release version, e.g. 3.5.4"));
                } else if (module.get().major() != 3) {
                    problems.add(new Problem(where + "<module>", "\"" + c.module().trim() + "\" is not an OpenSSL 3 FIPS provider version"
                            + (module.get().major() == 2 ? " (the FIPS Object Module 2.0.x is in the catalog already: "
                            + catalog.fipsModules().stream().filter(m -> m.version().startsWith("2.")).map(m -> m.version()
                                    + " " + m.standard() + " #" + String.join(", #", m.certificates())).toList() + ")" : ""),
                            "declare certificates of OpenSSL 3 FIPS providers only, e.g. <module>3.5.4</module>"));
                }
            }
            String number = c.number() == null ? "" : c.number().trim();
            if (!CERTIFICATE_NUMBER.matcher(number).matches()) {
                problems.add(new Problem(where + "<number>", "\"" + c.number() + "\" is not a CMVP certificate number",
                        "write the certificate number as a positive integer without #, e.g. 4985"));
            }
            String standard = c.standard() == null ? "" : c.standard().trim();
            if (!STANDARDS.contains(standard)) {
                problems.add(new Problem(where + "<standard>", "\"" + c.standard() + "\" is not a FIPS standard",
                        "write FIPS 140-2 or FIPS 140-3, as on the certificate"));
            }
            String sunset = c.sunset() == null ? "" : c.sunset().trim();
            LocalDate sunsetDay = null;
            try {
                sunsetDay = LocalDate.parse(sunset);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new Problem(where + "<sunset>", "\"" + c.sunset() + "\" is not an ISO date",
                        "copy the certificate's sunset date as YYYY-MM-DD, e.g. 2030-10-09"));
            }
            String url = c.url() == null ? "" : c.url().trim();
            if (!HTTPS_URL.matcher(url).matches()) {
                problems.add(new Problem(where + "<url>", "\"" + c.url() + "\" is not an https URL",
                        "link the certificate page, e.g. https://csrc.nist.gov/projects/cryptographic-module-validation-program/certificate/" + (number.isEmpty() ? "4985" : number)));
            }
            if (problems.size() > before) {
                continue;
            }
            String version = module.get().toString();
            Integer earlier = firstIndex.putIfAbsent(version, i + 1);
            if (earlier != null) {
                problems.add(new Problem(where + "<module>", "module " + version + " is declared twice (also by <fipsCertificates><fipsCertificate>["
                        + earlier + "])", "keep one <fipsCertificate> per module"));
                continue;
            }
            Optional<FipsModule> catalogued = catalog.fipsModule(version);
            if (catalogued.isPresent()) {
                if (catalogued.get().certificates().contains(number) && catalogued.get().standard().equals(standard)) {
                    warnings.add(where + ": module " + version + " is in the catalog already (" + catalogued.get().standard()
                            + " #" + String.join(", #", catalogued.get().certificates()) + "); the declaration is redundant, the catalog record is used");
                } else {
                    problems.add(new Problem(where, "module " + version + " is catalogued with " + catalogued.get().standard()
                            + " certificate #" + String.join(", #", catalogued.get().certificates()) + " ("
                            + String.join("; ", catalogued.get().records()) + "), the declaration says " + standard + " #" + number,
                            "remove the declaration, or check the certificate number and standard on csrc.nist.gov"));
                }
                continue;
            }
            // a sunset in the past makes it historical, exactly like the catalog's FIPS 140-2 entries (warned per cell)
            out.put(version, new FipsModule(version, "openssl3-provider", "OpenSSL FIPS Provider " + version, standard,
                    List.of(number), sunsetDay.toString(),
                    List.of("declared in the pom: " + where + ", " + url), FipsModule.USER_DECLARED));
        }
        return out;
    }

    private void checkExcludes(List<FipsSpec.ExcludeSpec> excludes, List<Problem> problems) {
        for (int i = 0; i < excludes.size(); i++) {
            FipsSpec.ExcludeSpec e = excludes.get(i);
            String where = "<excludes><exclude>[" + (i + 1) + "]";
            if (blank(e.python()) && blank(e.distro()) && blank(e.openssl()) && blank(e.fipsProvider()) && blank(e.platform())) {
                problems.add(new Problem(where, "is empty and would exclude everything",
                        "give at least one of <python>, <distro>, <openssl>, <fipsProvider>, <platform>"));
            }
            if (!blank(e.distro()) && catalog.distro(e.distro().trim()).isEmpty()) {
                problems.add(new Problem(where + "<distro>", "unknown distro \"" + e.distro() + "\"",
                        didYouMean(e.distro().trim(), catalog.distroIds()) + "use one of " + String.join(", ", catalog.distroIds())));
            }
            if (!blank(e.platform()) && Platform.tryParse(e.platform()).isEmpty()) {
                problems.add(new Problem(where + "<platform>", "\"" + e.platform() + "\" is not a platform", "write os/arch, e.g. linux/arm64"));
            }
            for (String[] f : new String[][]{{"python", e.python()}, {"openssl", e.openssl()}, {"fipsProvider", e.fipsProvider()}}) {
                if (!blank(f[1]) && Version.tryParse(f[1]).isEmpty()) {
                    problems.add(new Problem(where + "<" + f[0] + ">", "\"" + f[1] + "\" is not a version", "write a full version such as 3.11.9"));
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
