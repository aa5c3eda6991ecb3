package dev.pythonfips.model;

/**
 * Per-version build decisions that are facts about CPython, kept in one place.
 */
public final class BuildChoices {

    private BuildChoices() {
    }

    /**
     * The {@code --with-builtin-hashlib-hashes} value: every builtin, with the tokens of that version (3.12 merged
     * {@code sha256,sha512} into {@code sha2}; an unknown token is silently ignored by configure). Our patch never
     * uses a builtin in FIPS mode, so building them keeps non-FIPS behaviour identical to upstream while FIPS mode
     * only ever reaches OpenSSL; the conformance check proves it (md5/blake2 refused although _md5/_blake2 exist).
     */
    public static String builtinHashes(Version python) {
        return python.atLeast(3, 12, 0) ? "md5,sha1,sha2,sha3,blake2" : "md5,sha1,sha256,sha512,sha3,blake2";
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
