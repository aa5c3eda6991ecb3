package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Distro;
import dev.pythonfips.model.catalog.FipsModule;
import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.PolicySupport;

import java.util.List;

/**
 * One validated matrix cell: a Python release on a distro, linked against one OpenSSL library, with one FIPS
 * module, for one or more platforms. Everything here is checked; templates may use it without escaping.
 *
 * @param id              stable identifier, also the build-context folder name
 * @param origin          where the cell came from in the pom, for messages
 * @param module          CMVP record of the FIPS module, or null when the version is not validated
 * @param fipsRelease     the FIPS module tarball; for an OpenSSL 3 provider of the library's own version this is
 *                        the library tarball itself
 * @param builtinHashes   {@code none} or {@code all}: which builtin hash modules CPython is built with
 * @param policy          the row of {@link PolicySupport#RULES} that accepted this cell's policy
 * @param cryptography    how pyca/cryptography is built into the image, or null when it is not
 */
public record Cell(String id, String origin, Version python, Distro distro, Version openssl, Version fipsProvider,
                   List<Platform> platforms, String image, String baseImage, FipsModule module,
                   Release pythonRelease, Release opensslRelease, Release fipsRelease, String builtinHashes,
                   PolicySupport.Rule policy, CryptographyBuild cryptography) {

    public Cell {
        platforms = List.copyOf(platforms);
    }

    /** The same cell built for {@code only} alone (a fan-out job's share of it). */
    public Cell onPlatform(Platform only) {
        return new Cell(id, origin, python, distro, openssl, fipsProvider, List.of(only), image, baseImage, module,
                pythonRelease, opensslRelease, fipsRelease, builtinHashes, policy, cryptography);
    }

    /** The kind of FIPS module ({@link ModuleKind#of}, the one place that decides it). */
    public ModuleKind moduleKind() {
        return ModuleKind.of(fipsProvider).orElseThrow(
                () -> new IllegalStateException("FIPS module " + fipsProvider + " of cell " + id + " has no kind"));
    }

    /** True for the legacy OpenSSL 1.0.2 + FIPS Object Module 2.0 combination. */
    public boolean legacyFipsModule() {
        return moduleKind() == ModuleKind.FIPS_OBJECT_MODULE_2;
    }

    /**
     * True when the FIPS module is built from its own tarball (the FIPS Object Module, or a provider of another
     * version than the library); false when the provider comes from the library's own tarball.
     */
    public boolean separateProvider() {
        return legacyFipsModule() || !fipsProvider.equals(openssl);
    }

    public boolean validated() {
        return module != null;
    }

    /** Where the CMVP certificate comes from: {@code catalog}, {@code user-declared}, or {@code none}. */
    public String certificateSource() {
        return module == null ? "none" : module.source();
    }

    /** The {@code --with-builtin-hashlib-hashes} value CPython is configured with. */
    public String builtinHashesConfigure() {
        return BuildChoices.configureBuiltinHashes(python, builtinHashes);
    }

    /** The builtin hash extension modules the image contains (empty for {@code none}). */
    public List<String> builtinHashModules() {
        return BuildChoices.builtinHashModules(python, builtinHashes);
    }

    /** Extension modules the build disables in Modules/Setup.local ({@link BuildChoices#disabledModules}). */
    public List<String> disabledModules() {
        return BuildChoices.disabledModules(python, builtinHashes);
    }

    /** True when the cell is built once per platform and published as one manifest list. */
    public boolean multiPlatform() {
        return platforms.size() > 1;
    }

    /**
     * The local reference of one platform's image: the cell's image for a single-platform cell, else the image with
     * the platform appended to its tag ({@code python-fips:3.11.2-debian12-openssl3.0.20-linux-arm64}).
     */
    public String platformImage(Platform platform) {
        if (!platforms.contains(platform)) {
            throw new IllegalArgumentException(platform + " is not a platform of " + id);
        }
        if (!multiPlatform()) {
            return image;
        }
        return image + "-" + platform.tagSuffix();
    }

    public String platformList() {
        return String.join(",", platforms.stream().map(Platform::toString).toList());
    }

    /** Conventional cell id: {@code 3.11.9-rocky9-openssl3.0.9}, plus {@code -fips3.1.2} when the provider differs. */
    public static String idOf(Version python, String distro, Version openssl, Version fipsProvider) {
        return python + "-" + distro + "-openssl" + openssl + (fipsProvider.equals(openssl) ? "" : "-fips" + fipsProvider);
    }
}
