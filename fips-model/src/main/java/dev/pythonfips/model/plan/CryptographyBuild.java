package dev.pythonfips.model.plan;

import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.Distro;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.Choice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How pyca/cryptography ({@code <cryptography>}) is built into one cell, decided once by {@link MatrixPlanner} from
 * the catalog ({@code catalog.json} "cryptography"): every output is rendered from it (the build step's commands,
 * the context's sources and checksums, the package layer, manifest.json, the labels, the SBOM), and nothing
 * downstream re-decides it.
 *
 * <p>{@link Source#DISTRO_ARCHIVE}: built with no package index. The sdists (cryptography, and what the build needs
 * in the image or to bootstrap: cffi, setuptools) come from the distro's source packages into the mirror and are
 * verified like every tarball; the Rust crates are the distro's own crate packages (cargo pointed at the distro's
 * vendored registry, offline), moved to them by the distro's packaging patches; the pure-Python build tools
 * (setuptools-rust and what it imports) are the distro's binary packages, unpacked for the build step only.
 * {@link Source#PACKAGE_INDEX}: the same verified sdist, patched the same way, built by pip with its build
 * requirements and crates from {@code <pipIndexUrl>} (or pip's default index).
 *
 * <p>Either way our patch ({@code patches/cryptography/VERSION/python-fips.patch}) makes it fail closed: it loads no
 * provider of its own and refuses to start outside the image's FIPS configuration, like hashlib.
 *
 * @param version             the cryptography release
 * @param source              where its build requirements come from
 * @param sdist               cryptography's sdist
 * @param sdists              the other sdists built from source, in build order (bootstrap tools first, then what
 *                            ships in the image)
 * @param shipped             the distributions installed into the image's site-packages, in install order
 * @param debianPackaging     the distro's packaging of cryptography whose patches are applied (null: none)
 * @param debianPatches       the patches of {@code debianPackaging} applied, in order (from its series file)
 * @param fipsPatch           our patch, as a path under {@code patches/}
 * @param packages            distro packages installed in the build stage for this step (compilers, crates)
 * @param pythonBuildPackages distro binary packages (pure Python) unpacked for this step only, never installed
 * @param pipIndexUrl         the package index of {@link Source#PACKAGE_INDEX} (empty: pip's default)
 * @param records             where the recipe's facts come from
 */
public record CryptographyBuild(String version, Source source, Release sdist, List<Release> sdists, List<String> shipped,
                                Release debianPackaging, List<String> debianPatches, String fipsPatch,
                                List<String> packages, List<String> pythonBuildPackages, String pipIndexUrl,
                                List<String> records) {

    /** Where the build requirements come from. */
    public enum Source implements Choice {
        DISTRO_ARCHIVE("distro-archive"), PACKAGE_INDEX("package-index");

        private final String value;

        Source(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    public CryptographyBuild {
        sdists = List.copyOf(sdists);
        shipped = List.copyOf(shipped);
        debianPatches = List.copyOf(debianPatches);
        packages = List.copyOf(packages);
        pythonBuildPackages = List.copyOf(pythonBuildPackages);
        records = List.copyOf(records);
        pipIndexUrl = pipIndexUrl == null ? "" : pipIndexUrl;
    }

    /** True when it is built with no package index. */
    public boolean airGapped() {
        return source == Source.DISTRO_ARCHIVE;
    }

    /** Every tarball of this step, in build order: the other sdists, cryptography's, the distro's packaging. */
    public List<Release> sources() {
        List<Release> out = new ArrayList<>(sdists);
        out.add(sdist);
        if (debianPackaging != null) {
            out.add(debianPackaging);
        }
        return out;
    }

    /**
     * The one place that decides how {@code <cryptography>} {@code version} is built on {@code distro}: from a
     * package index when {@code pipIndexUrl} is set, else from the distro's archive where the catalog has its
     * recipe; on a distro of the deb family without one, a problem (its Rust crates and build tools would have to come
     * from an index nobody named). Distros of other families keep the package-index path (pip's default index).
     *
     * @param where the element the version comes from, as the user wrote it
     */
    static Optional<CryptographyBuild> decide(Catalog catalog, Distro distro, String version, String pipIndexUrl,
                                              String where, Wording w, List<Problem> problems) {
        Optional<Catalog.CryptographyRecipe> recipe = catalog.cryptography(version);
        if (recipe.isEmpty()) {
            problems.add(unpinned(catalog, version, where));
            return Optional.empty();
        }
        Catalog.CryptographyRecipe r = recipe.get();
        List<String> packages = new ArrayList<>(distro.packages("rust"));
        distro.packages("patch").stream().filter(p -> !packages.contains(p)).forEach(packages::add);
        Catalog.ArchiveRecipe archive = r.archive().get(distro.id());
        if (pipIndexUrl.isEmpty() && archive != null) {
            archive.packages().stream().filter(p -> !packages.contains(p)).forEach(packages::add);
            List<String> records = new ArrayList<>(r.records());
            records.addAll(archive.records());
            return Optional.of(new CryptographyBuild(version, Source.DISTRO_ARCHIVE, r.sdist(), archive.sdists(), r.shipped(),
                    archive.debianPackaging(), archive.debianPatches(), r.fipsPatch(), packages, archive.pythonBuildPackages(),
                    "", records));
        }
        if (pipIndexUrl.isEmpty() && distro.family().equals("deb")) {
            problems.add(new Problem(where, "cryptography " + version + " cannot be built on " + distro.id()
                    + " without a package index: python-fips has no air-gapped recipe for it there (it has one for "
                    + (r.archive().isEmpty() ? "no distro" : String.join(", ", r.archive().keySet())) + ")",
                    "set " + w.element("pipIndexUrl") + " to your PyPI mirror, or set " + w.element("cryptography")
                            + " only on the " + w.path("images", "image") + " elements of those distros"));
            return Optional.empty();
        }
        return Optional.of(new CryptographyBuild(version, Source.PACKAGE_INDEX, r.sdist(), List.of(), r.shipped(), null,
                List.of(), r.fipsPatch(), packages, List.of(), pipIndexUrl, r.records()));
    }

    /** A version the catalog pins no sdist (and no fail-closed patch) for. */
    static Problem unpinned(Catalog catalog, String version, String where) {
        return new Problem(where, "cryptography " + version + " has no pinned sdist in this release of python-fips",
                "use " + String.join(" or ", catalog.cryptographyVersions())
                        + " (each is verified by its SHA-256 and patched to use only the FIPS module), or leave it empty");
    }
}
