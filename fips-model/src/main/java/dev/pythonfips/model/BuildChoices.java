package dev.pythonfips.model;

/**
 * Per-version build decisions that are facts about CPython, kept in one place.
 */
public final class BuildChoices {

    private BuildChoices() {
    }

    /**
     * The {@code --with-builtin-hashlib-hashes} value. Only blake2 is kept as a builtin (OpenSSL's BLAKE2 lacks
     * key/salt/person parameters, so upstream hashlib prefers the builtin); our patch refuses every builtin
     * implementation in FIPS mode, so outside FIPS mode Python behaves as upstream and inside it only OpenSSL
     * serves digests. The token is the same on every supported minor ({@code sha2} vs {@code sha256,sha512}
     * only matters for the SHA-2 builtins, which we do not build: OpenSSL always provides SHA-2).
     */
    public static String builtinHashes(Version python) {
        return "blake2";
    }

    /** Extra {@code ./configure} flags per version (whitespace-separated, validated tokens only). */
    public static String configureExtra(Version python) {
        if (python.atLeast(3, 13, 0)) {
            // 3.13+ defaults to the system libmpdec; not every distro ships it, so use the bundled copy everywhere.
            return "--without-system-libmpdec";
        }
        return "";
    }

    /** The FIPS module kind of a provider version. */
    public static String fipsKind(Version fipsProvider) {
        return fipsProvider.major() == 2 ? "fips-object-module-2" : "openssl3-provider";
    }

    /** The exact commands the FIPS module is built with, recorded in the manifest for a compliance reviewer. */
    public static java.util.List<String> fipsModuleCommands(Cell cell) {
        String tarball = cell.fipsRelease().file();
        if (cell.legacyFipsModule()) {
            return java.util.List.of("gunzip -c " + tarball + " | tar xf -", "cd " + cell.fipsRelease().topFolder(),
                    "./config", "make", "make install");
        }
        if (cell.separateProvider()) {
            return java.util.List.of("gunzip -c " + tarball + " | tar xf -", "cd " + cell.fipsRelease().topFolder(),
                    "./Configure enable-fips", "make", "make install_fips",
                    "cp fips.so <prefix>/lib/ossl-modules/fips.so", "openssl fipsinstall (on the machine that runs the image)");
        }
        return java.util.List.of("gunzip -c " + tarball + " | tar xf -", "cd " + cell.fipsRelease().topFolder(),
                "./Configure enable-fips shared --prefix=<prefix> --openssldir=<prefix>/ssl --libdir=lib -Wl,-rpath,<prefix>/lib",
                "make", "make install_sw install_ssldirs install_fips",
                "openssl fipsinstall (on the machine that runs the image)");
    }
}
