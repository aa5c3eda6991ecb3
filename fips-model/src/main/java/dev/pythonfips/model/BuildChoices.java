package dev.pythonfips.model;

/**
 * Per-version build decisions that are facts about CPython, kept in one place.
 */
public final class BuildChoices {

    private BuildChoices() {
    }

    /** {@code <builtinHashes>none}: no builtin hash module is built (the default). */
    public static final String BUILTIN_NONE = "none";
    /** {@code <builtinHashes>all}: upstream's full set of builtin hash modules. */
    public static final String BUILTIN_ALL = "all";
    public static final java.util.Set<String> BUILTIN_HASH_CHOICES = java.util.Set.of(BUILTIN_NONE, BUILTIN_ALL);

    /**
     * Upstream's full set of builtin hash modules in the tokens of that version (3.12 merged {@code sha256,sha512}
     * into {@code sha2}; configure ignores an unknown token silently, so a 3.11-style list on 3.12 drops SHA-2).
     */
    public static String allBuiltinHashes(Version python) {
        return python.atLeast(3, 12, 0) ? "md5,sha1,sha2,sha3,blake2" : "md5,sha1,sha256,sha512,sha3,blake2";
    }

    /**
     * The {@code --with-builtin-hashlib-hashes} value for a choice. {@code none} gives {@code no}: configure.ac of
     * 3.9 (read by setup.py's detect_hash_builtins), 3.11 and 3.12+ turns {@code no} into the empty list, which builds
     * no builtin hash module (an empty value does the same; {@code no} is explicit and cannot be mistaken for "unset").
     * Our patch never uses a builtin in FIPS mode; with {@code none} there is no such code to reach at all (3.14's
     * HACL* {@code _hmac} is not controlled by this option: see patches/README.md).
     */
    public static String configureBuiltinHashes(Version python, String choice) {
        return BUILTIN_ALL.equals(choice) ? allBuiltinHashes(python) : "no";
    }

    /** The builtin hash extension modules a choice builds, as the importable module names of that version. */
    public static java.util.List<String> builtinHashModules(Version python, String choice) {
        if (!BUILTIN_ALL.equals(choice)) {
            return java.util.List.of();
        }
        return python.atLeast(3, 12, 0) ? java.util.List.of("_md5", "_sha1", "_sha2", "_sha3", "_blake2")
                : java.util.List.of("_md5", "_sha1", "_sha256", "_sha512", "_sha3", "_blake2");
    }

    /** Extra {@code ./configure} arguments per version (validated tokens only). */
    public static java.util.List<String> configureExtra(Version python) {
        if (python.atLeast(3, 13, 0)) {
            // 3.13+ defaults to the system libmpdec; not every distro ships it, so use the bundled copy everywhere.
            return java.util.List.of("--without-system-libmpdec");
        }
        return java.util.List.of();
    }

    /** In a context (and in the Python build step under /fips/): the tests PGO's training skips by name. */
    public static final String PGO_TRAINING_IGNORES = "env/pgo-training-ignore.txt";

    /**
     * The regression tests of CPython's PGO training run: upstream's {@code --pgo} set, in parallel worker processes,
     * without the FIPS refusals the strict build configuration makes test_hashlib expect to fail
     * ({@link #PGO_TRAINING_IGNORES}: 3.13's Makefile stops the build when a training test fails).
     */
    static final String PROFILE_TASK = "PROFILE_TASK='-m test --pgo -j0 --timeout=1200 --ignorefile /fips/" + PGO_TRAINING_IGNORES + "'";

    /**
     * Extra {@code make} arguments of CPython's build for an optimisation, in GCC's spelling (every supported distro
     * builds with GCC). They change how long the PGO build takes, not what it optimises:
     * <ul>
     *   <li>the training run ({@code PROFILE_TASK}, upstream's {@code -m test --pgo}) runs its tests in worker
     *       processes, one per core plus two ({@code -j0}); each process adds its counters to the same profile files
     *       (libgcov locks them);</li>
     *   <li>with LTO, the instrumented build, which only runs the training and is then deleted, is compiled and linked
     *       without LTO ({@code -fno-lto} after configure's {@code -flto}): its two serial whole-program links took
     *       300 s here. GCC instruments and reads the profile when it compiles each file, before any link-time work,
     *       so the profile fits the LTO build (a mismatch would stop the build: {@code -Wcoverage-mismatch}).</li>
     * </ul>
     * The final LTO link stays upstream's single partition ({@code -flto-partition=none}, up to 3.13): splitting it
     * over both cores saved 54 s of the build here but made the interpreter 2-4 % slower on the benchmark kernels.
     */
    public static java.util.List<String> pythonMakeArguments(BuildRecipe.Optimizations optimizations) {
        java.util.List<String> a = new java.util.ArrayList<>();
        if (optimizations.pgo()) {
            a.add(PROFILE_TASK);
            if (optimizations.lto()) {
                a.add("PGO_PROF_GEN_FLAG='-fprofile-generate -fno-lto'");
            }
        }
        return java.util.List.copyOf(a);
    }

    /**
     * {@code --with-openssl-rpath=auto} where configure has it (3.10+): an rpath to our OpenSSL's lib folder in
     * _ssl and _hashlib. 3.9 has no such option; LDFLAGS' rpath covers it.
     */
    public static java.util.List<String> opensslRpath(Version python) {
        return python.atLeast(3, 10, 0) ? java.util.List.of("--with-openssl-rpath=auto") : java.util.List.of();
    }
}
