package dev.pythonfips.model.plan;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.Distro;
import dev.pythonfips.model.catalog.FipsModule;
import dev.pythonfips.model.catalog.ModuleKindSupport;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.PolicySupport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link FipsSpec} into cells, or into every problem at once, each naming the element (as the frontend's
 * {@link Wording} spells it) and the fix. The parts, each findable by name:
 * <ul>
 *   <li>{@link OptionValidator}: the options shared by all cells, the image name, base images and labels;</li>
 *   <li>{@link PinResolver}: {@code <sources>} pins and which tarball each component comes from;</li>
 *   <li>{@link CertificateDeclarations}: {@code <fipsCertificates>};</li>
 *   <li>{@link Excludes}: {@code <excludes>};</li>
 *   <li>{@link CompatibilityRules}: the table of which Python / OpenSSL / FIPS module / platform combinations a cell
 *       may have, one row per rule with its reason, its facts from the catalog.</li>
 * </ul>
 * This class only expands the matrix into candidate cells, runs the parts, and orders the result.
 */
public final class MatrixPlanner {

    private final Catalog catalog;
    private final LocalDate today;
    private final Wording wording;

    /** With the frontend's wording (the Maven plugin passes its XML elements and -Dfips.* properties). */
    public MatrixPlanner(Catalog catalog, LocalDate today, Wording wording) {
        this.catalog = catalog;
        this.today = today;
        this.wording = wording;
    }

    /** With {@link Wording#neutral()}: problems name fields as {@code matrix.python}. */
    public MatrixPlanner(Catalog catalog, LocalDate today) {
        this(catalog, today, Wording.neutral());
    }

    public Plan plan(FipsSpec spec) throws FipsConfigException {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        FipsSpec.Options options = spec.options();
        Wording w = wording;

        OptionValidator optionValidator = new OptionValidator(catalog, w);
        optionValidator.checkOptions(options, problems);
        String pattern = optionValidator.imageNamePattern(spec.imageName(), problems);
        Map<String, String> baseImages = optionValidator.baseImages(spec.baseImages(), problems);
        PinResolver sources = new PinResolver(catalog, w).withPins(spec.sources(), problems);
        Map<String, FipsModule> declared = new CertificateDeclarations(catalog, w).check(spec.certificates(), problems, warnings);
        optionValidator.checkLabels(spec.labels(), problems);

        List<CellCandidate> candidates = new ArrayList<>();
        if (spec.matrix() != null) {
            expandMatrix(spec.matrix(), options, candidates, problems);
        }
        for (int i = 0; i < spec.images().size(); i++) {
            FipsSpec.CellSpec image = spec.images().get(i);
            String where = w.item(w.element("images"), "image", i + 1);
            List<String> platforms = image.platforms().isEmpty() ? options.defaultPlatforms() : image.platforms();
            if (!Fields.blank(image.cryptography())) {
                optionValidator.cryptographyVersion(image.cryptography().trim(), w.child(where, "cryptography"), problems);
            }
            candidates.add(new CellCandidate(where, image.python(), image.distro(), image.openssl(), image.fipsProvider(),
                    platforms, w.child(where, "platforms"), Map.of(), w, image.cryptography()));
        }
        if (candidates.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(w.element("matrix") + "/" + w.element("images"), "no cells are configured",
                    "add a " + w.element("matrix") + " with " + w.element("pythons") + ", " + w.element("distros") + ", "
                            + w.element("openssl") + " and " + w.element("fipsProvider") + ", or at least one "
                            + w.path("images", "image")));
        }

        Excludes excludes = new Excludes(spec.excludes(), w);
        excludes.check(catalog, problems);

        Map<String, Cell> cells = new LinkedHashMap<>();
        Map<String, String> imageOwners = new LinkedHashMap<>();
        for (CellCandidate c : candidates) {
            Optional<Cell> cell = resolve(c, pattern, baseImages, sources, declared, options, excludes, problems, warnings);
            if (cell.isEmpty()) {
                continue;
            }
            Cell resolved = cell.get();
            Cell earlier = cells.get(resolved.id());
            if (earlier != null) {
                problems.add(new Problem(c.where(), "cell " + resolved.id() + " is configured twice (also by "
                        + earlier.origin() + ")", "remove one of them, or use " + w.element("excludes") + " to drop it from the matrix"));
                continue;
            }
            String owner = imageOwners.putIfAbsent(resolved.image(), resolved.id());
            if (owner != null) {
                problems.add(new Problem(w.element("imageName"), "cells " + owner + " and " + resolved.id()
                        + " both get the image " + resolved.image(),
                        "include {id} (or every varying field) in the " + w.element("imageName") + " pattern"));
                continue;
            }
            cells.put(resolved.id(), resolved);
        }
        if (!options.pipIndexUrl().isEmpty() && problems.isEmpty() && cells.values().stream().allMatch(c -> c.cryptography() == null)) {
            problems.add(new Problem(w.element("pipIndexUrl"), "is set but no cell builds cryptography",
                    "set " + w.element("cryptography") + " (or an " + w.path("images", "image") + "'s) or remove "
                            + w.element("pipIndexUrl")));
        }
        for (FipsModule m : declared.values()) {
            if (problems.isEmpty() && cells.values().stream().noneMatch(c -> c.fipsProvider().toString().equals(m.version()))) {
                warnings.add(w.element("fipsCertificates") + ": the certificate #" + m.certificates().get(0) + " declared for module "
                        + m.version() + " matches no cell's " + w.element("fipsProvider") + "; it has no effect");
            }
        }
        if (!candidates.isEmpty()) {
            warnings.addAll(excludes.unused());
        }
        if (problems.isEmpty() && cells.isEmpty()) {
            problems.add(new Problem(w.element("excludes"), "every cell is excluded, nothing would be generated",
                    "remove or narrow the " + w.element("exclude") + " entries"));
        }
        if (!problems.isEmpty()) {
            // one matrix mistake shows up in every cell it spans: report it once
            throw new FipsConfigException(new ArrayList<>(new LinkedHashSet<>(problems)));
        }
        List<Cell> ordered = new ArrayList<>(cells.values());
        ordered.sort(Comparator.comparing(Cell::python).thenComparing(c -> c.distro().id())
                .thenComparing(Cell::openssl).thenComparing(Cell::fipsProvider));
        return new Plan(ordered, options, warnings.stream().distinct().toList(), spec.labels());
    }

    /** One candidate per python × distro of {@code <matrix>}, each field named as the user wrote it. */
    private void expandMatrix(FipsSpec.MatrixSpec m, FipsSpec.Options options, List<CellCandidate> out, List<Problem> problems) {
        Wording w = wording;
        String matrix = w.element("matrix");
        if (m.pythons().isEmpty()) {
            problems.add(new Problem(w.child(matrix, "pythons"), "is empty", "list at least one " + w.element("python") + ", e.g. "
                    + w.value("python", "3.11.9")));
        }
        if (m.distros().isEmpty()) {
            problems.add(new Problem(w.child(matrix, "distros"), "is empty",
                    "list at least one " + w.element("distro") + ": " + String.join(", ", catalog.distroIds())));
        }
        List<String> platforms = m.platforms().isEmpty() ? options.defaultPlatforms() : m.platforms();
        String platformsWhere = m.origin("platforms").orElse(w.child(matrix, "platforms"));
        for (String python : m.pythons()) {
            for (String distro : m.distros()) {
                Map<String, String> named = new LinkedHashMap<>();
                m.origin("python").ifPresent(o -> named.put("python", o + " (" + python + ")"));
                m.origin("distro").ifPresent(o -> named.put("distro", o + " (" + distro + ")"));
                m.origin("openssl").ifPresent(o -> named.put("openssl", o));
                m.origin("fipsProvider").ifPresent(o -> named.put("fipsProvider", o));
                out.add(new CellCandidate(matrix + " (python " + python + ", distro " + distro + ")",
                        python, distro, m.openssl(), m.fipsProvider(), platforms, platformsWhere, named, w, null));
            }
        }
    }

    private Optional<Cell> resolve(CellCandidate c, String pattern, Map<String, String> baseImages, PinResolver sources,
                                   Map<String, FipsModule> declared, FipsSpec.Options options, Excludes excludes,
                                   List<Problem> problems, List<String> warnings) {
        int before = problems.size();
        Optional<Version> python = Fields.version(c.python(), c.at("python"), "3.11.9", problems);
        Optional<Distro> distro = Optional.empty();
        if (Fields.blank(c.distro())) {
            problems.add(new Problem(c.at("distro"), "is missing", "set one of " + String.join(", ", catalog.distroIds())));
        } else {
            distro = catalog.distro(c.distro().trim());
            Fields.unknownDistro(catalog, c.at("distro"), c.distro().trim(), "").ifPresent(problems::add);
        }
        Optional<Version> openssl = Fields.version(c.openssl(), c.at("openssl"), "3.0.9", problems);
        Optional<Version> fips = Fields.version(c.fipsProvider(), c.at("fipsProvider"), "3.1.2", problems);
        List<Platform> platforms = platforms(c, problems);
        if (python.isEmpty() || distro.isEmpty() || openssl.isEmpty() || fips.isEmpty()) {
            return Optional.empty(); // the compatibility rules need all four; platform problems do not stop them
        }
        Version py = python.get();
        Version lib = openssl.get();
        Version prov = fips.get();
        String distroId = distro.get().id();

        CompatibilityRules.Combination combination = new CompatibilityRules.Combination(py, lib, prov, platforms, options,
                c::at, c.platformsWhere(), c.where());
        CompatibilityRules.Context context = new CompatibilityRules.Context(catalog, wording, today, declared, distroId);
        problems.addAll(CompatibilityRules.problems(combination, context));
        String cellId = Cell.idOf(py, distroId, lib, prov);
        Optional<FipsModule> module = context.module(prov);
        if (module.isEmpty() && options.allowUnvalidatedProvider()) {
            warnings.add("cell " + cellId + ": FIPS provider " + prov
                    + " is NOT a validated module; the image is labelled dev.pythonfips.fips.validated=false");
        } else if (module.isPresent() && module.get().isHistoricalOn(today)) {
            warnings.add("FIPS module " + prov + " (" + module.get().standard() + ", certificate #"
                    + String.join(", #", module.get().certificates()) + (module.get().userDeclared() ? ", user-declared" : "")
                    + ") is historical since " + module.get().historicalAfter()
                    + ": not for new compliance claims; prefer " + context.preferredProviderText());
        }

        // An unpatched minor is refused by the rules; suggesting a pin for its tarball would only mislead.
        Optional<Release> pySrc = catalog.isPatched(py)
                ? sources.source(Release.Component.PYTHON, py, c.at("python"), problems) : Optional.empty();
        Optional<Release> libSrc = sources.source(Release.Component.OPENSSL, lib, c.at("openssl"), problems);
        Optional<ModuleKindSupport> kind = catalog.moduleKindOf(prov);
        Optional<Release> fipsSrc = kind.isEmpty() ? Optional.empty()
                : kind.get().source() == Release.Component.OPENSSL && prov.equals(lib) ? libSrc
                : sources.source(kind.get().source(), prov, c.at("fipsProvider"), problems);

        boolean own = !Fields.blank(c.cryptography());
        String cryptographyVersion = own ? c.cryptography().trim() : options.cryptography();
        Optional<CryptographyBuild> cryptography = Optional.empty();
        if (catalog.cryptography(cryptographyVersion).isPresent()) { // otherwise no cryptography, or a problem already
            cryptography = CryptographyBuild.decide(catalog, distro.get(), cryptographyVersion, options.pipIndexUrl(),
                    own ? c.at("cryptography") : wording.element("cryptography") + " (cell " + cellId + ")", wording, problems);
        }

        if (problems.size() > before) {
            return Optional.empty();
        }

        List<Platform> kept = excludes.keep(py, distroId, lib, prov, platforms);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        kept.sort(Comparator.naturalOrder());
        String image = ImageNames.expand(pattern, cellId, py, distroId, lib, prov);
        if (!ImageNames.isValidReference(image)) {
            problems.add(new Problem(wording.element("imageName"), "\"" + pattern + "\" gives \"" + image + "\" for cell " + cellId
                    + ", which is not a valid image reference", "use lower-case [a-z0-9._-/] names and a tag of [A-Za-z0-9_.-], e.g. "
                    + ImageNames.DEFAULT_PATTERN));
            return Optional.empty();
        }
        String base = baseImages.getOrDefault(distroId, distro.get().defaultBaseImage());
        return Optional.of(new Cell(cellId, c.where(), py, distro.get(), lib, prov, kept, image, base, module.orElse(null),
                pySrc.get(), libSrc.get(), fipsSrc.get(), options.builtinHashes(), PolicySupport.rule(py, lib, options.policy()).orElse(null),
                cryptography.orElse(null)));
    }

    /** The candidate's platforms, each parsed and one of the catalog's; duplicates dropped. */
    private List<Platform> platforms(CellCandidate c, List<Problem> problems) {
        List<Platform> platforms = new ArrayList<>();
        for (String p : c.platforms()) {
            Optional<Platform> platform = Platform.tryParse(p);
            if (platform.isEmpty()) {
                problems.add(new Problem(c.platformsWhere(), "\"" + p + "\" is not a platform",
                        "write os/arch, one of " + catalog.platforms()));
            } else if (!catalog.platforms().contains(platform.get().toString())) {
                problems.add(new Problem(c.platformsWhere(), "platform " + p + " is not supported", "use " + catalog.platforms()));
            } else if (!platforms.contains(platform.get())) {
                platforms.add(platform.get());
            }
        }
        return platforms;
    }
}
