package dev.pythonfips.model.options;

import dev.pythonfips.model.Version;

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
        if (python.atLeast(3, 14, 0)) {
            // 3.14's HACL* HMAC module (gh-99108) carries its own MD5/SHA-1/SHA-2/SHA-3/BLAKE2 and no configure option
            return java.util.List.of("_md5", "_sha1", "_sha2", "_sha3", "_blake2", "_hmac");
        }
        return python.atLeast(3, 12, 0) ? java.util.List.of("_md5", "_sha1", "_sha2", "_sha3", "_blake2")
                : java.util.List.of("_md5", "_sha1", "_sha256", "_sha512", "_sha3", "_blake2");
    }

    /**
     * Extension modules a choice drops that no configure option controls: 3.14 always builds the HACL* {@code _hmac},
     * with builtin hash code of its own, so {@code none} disables it in {@code Modules/Setup.local} (makesetup's
     * {@code *disabled*} section). Empty for {@code all} and before 3.14.
     */
    public static java.util.List<String> disabledModules(Version python, String choice) {
        return !BUILTIN_ALL.equals(choice) && python.atLeast(3, 14, 0) ? java.util.List.of("_hmac") : java.util.List.of();
    }

    /** {@code Modules/Setup.local} that disables {@code modules} (makesetup reads the names after {@code *disabled*}). */
    public static String setupLocal(java.util.List<String> modules) {
        return "# python-fips: builtinHashes=none: extension modules with builtin hash code that no configure option drops\n"
                + "*disabled*\n" + String.join("\n", modules) + "\n";
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
     * Test modules the PGO training leaves out of the full suite: slow or process- and thread-heavy ones, those that
     * need sockets, TLS, a display, a compiler, a debugger or ptrace (test_external_inspection, 3.13+), those that test
     * the test runner or packaging, and test_uuid (uuid3 needs MD5, which the strict build configuration refuses).
     * Names a version lacks are ignored.
     */
    public static final java.util.List<String> PGO_TRAINING_EXCLUDES = java.util.List.of(
            "test_asyncio", "test_capi", "test_cmd_line_script", "test_compileall", "test_concurrent_futures",
            "test_cppext", "test_distutils", "test_embed", "test_ensurepip", "test_epoll", "test_external_inspection",
            "test_faulthandler", "test_ftplib", "test_gdb", "test_httplib", "test_httpservers", "test_idle",
            "test_imaplib", "test_io", "test_kqueue", "test_largefile", "test_lib2to3", "test_logging",
            "test_multiprocessing_fork", "test_multiprocessing_forkserver", "test_multiprocessing_spawn",
            "test_nntplib", "test_peg_generator", "test_poll", "test_poplib", "test_pydoc", "test_regrtest",
            "test_select", "test_selectors", "test_signal", "test_site", "test_smtpnet", "test_socket",
            "test_socketserver", "test_ssl", "test_subprocess", "test_sundry", "test_support", "test_thread",
            "test_threading", "test_threadsignals", "test_tix", "test_tkinter", "test_tools", "test_tracemalloc",
            "test_ttk", "test_ttk_guionly", "test_ttk_textonly", "test_unittest", "test_urllib2_localnet",
            "test_uuid", "test_venv", "test_wsgiref", "test_xmlrpc", "test_zipfile64", "test_zipimport_support");

    /** The training's test report, relative to the Python source folder (regrtest writes it after the last test). */
    public static final String PGO_TRAINING_REPORT = "pgo-training.xml";

    /**
     * CPython's PGO training run ({@code PROFILE_TASK}) for a {@link PgoTraining}:
     * <ul>
     *   <li>{@code regression-suite} (the default): the whole regression suite ({@code --pgo-extended}) but
     *       {@link #PGO_TRAINING_EXCLUDES}, like Debian's training. Upstream's {@code --pgo} set (44 tests) left the
     *       interpreter 2-4 % slower on the benchmark kernels (regex 6-9 %); the suite costs more build time (3.11.2
     *       here: training 49 to 221 s, Python step 428 to 695 s);</li>
     *   <li>{@code upstream}: that {@code --pgo} set, with no exclusions ({@code -x} would turn the set into the whole
     *       suite minus the names given: regrtest reads the names as exclusions).</li>
     * </ul>
     * Both run in parallel worker processes, without the FIPS refusals the strict build configuration makes
     * test_hashlib and test_hmac expect to fail ({@link #PGO_TRAINING_IGNORES}).
     * <p>A training in which some tests failed still profiled the interpreter, so it does not stop the build (3.13's
     * Makefile would, on one flaky test among 370): regrtest's status 2 passes when the report {@link #PGO_TRAINING_REPORT}
     * exists, which regrtest writes only after running the tests (a usage error also exits 2, without a report). Any
     * other status stops the build. make turns {@code $$} into {@code $}.
     */
    static String profileTask(PgoTraining training) {
        boolean upstream = training == PgoTraining.UPSTREAM;
        String tests = upstream ? "--pgo" : "--pgo-extended";
        String excludes = upstream ? "" : " -x " + String.join(" ", PGO_TRAINING_EXCLUDES);
        return "PROFILE_TASK='-m test " + tests + " -j0 --timeout=600 --junit-xml " + PGO_TRAINING_REPORT
                + " --ignorefile /fips/" + PGO_TRAINING_IGNORES + excludes
                + " || { [ $$? -eq 2 ] && [ -s " + PGO_TRAINING_REPORT + " ]; }'";
    }

    /**
     * {@code -g0} after configure's {@code -g}, for compiling ({@code CFLAGS_NODIST}) and linking
     * ({@code LDFLAGS_NODIST}: the LTO link generates the code, and configure adds {@code -g} there too). GCC takes the
     * last {@code -g} option; the Makefile puts these variables after configure's flags, the PGO stages append their
     * own flags to them, and setup.py-built extension modules read them too.
     */
    static final java.util.List<String> NO_DEBUG_INFO = java.util.List.of("CFLAGS_NODIST=-g0", "LDFLAGS_NODIST=-g0");

    /**
     * Extra {@code make} arguments of CPython's build for an optimisation, in GCC's spelling (every supported distro
     * builds with GCC): what the training runs ({@link #profileTask}), and choices that change how long the build
     * takes, not what it builds:
     * <ul>
     *   <li>no debug information ({@link #NO_DEBUG_INFO}, every optimisation): configure compiles and links with
     *       {@code -g}, and slim-prefix.sh strips every binary, so the debug information was built only to be thrown
     *       away. GCC's code does not depend on {@code -g} (checked here with {@code -fcompare-debug} on ceval.c,
     *       unicodeobject.c, dictobject.c and sre.c, and an LTO link of them with and without it: the same
     *       {@code .text}); the 3.11.2 {@code pgo-lto} step took 515 s instead of 594 s;</li>
     *   <li>the training run ({@code PROFILE_TASK}, {@link #profileTask}) runs its tests in worker
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
    public static java.util.List<String> pythonMakeArguments(Optimizations optimizations,
                                                             PgoTraining training) {
        java.util.List<String> a = new java.util.ArrayList<>();
        if (optimizations.pgo()) {
            a.add(profileTask(training));
            if (optimizations.lto()) {
                a.add("PGO_PROF_GEN_FLAG='-fprofile-generate -fno-lto'");
            }
        }
        a.addAll(NO_DEBUG_INFO);
        return java.util.List.copyOf(a);
    }

    /** Configure's {@code LINKFORSHARED} on Linux, 3.9 to 3.14: extension modules find the C API in the executable. */
    public static final String LINUX_LINKFORSHARED = "-Xlinker -export-dynamic";

    /**
     * The make arguments of the linkage. The {@code executable-*} ones build without {@code --enable-shared}, and say
     * on the make line what configure decides only for a shared build:
     * <ul>
     *   <li>{@code CFLAGSFORSHARED='$(CCSHARED)'}: the interpreter's own objects position-independent code
     *       ({@code -fPIC}), configure's value for {@code --enable-shared} (empty without). Some of them are linked
     *       into extension modules too (3.9's setup.py links {@code Modules/_math.o}, compiled
     *       {@code $(CCSHARED) $(PY_CORE_CFLAGS)}, into math and cmath), so {@code -fPIE} or {@code -fno-pie} there
     *       broke those links (tried: "relocation R_X86_64_PC32 against undefined symbol PyExc_ValueError can not be
     *       used when making a shared object"), and {@code -fno-pie} also broke the PIE link of
     *       {@code Programs/_freeze_module} on a compiler that makes PIE by default. With LTO the link generates the
     *       code again for the kind of executable it makes;</li>
     *   <li>{@code LINKFORSHARED}: the flags of the only two links of the whole interpreter, {@code python} and
     *       {@code Programs/_testembed}: configure's Linux value and {@code -pie} or {@code -no-pie} (as configure
     *       itself links on Android), so the kind of executable does not depend on whether the compiler makes PIE by
     *       default (Debian's GCC does). Not {@code LDFLAGS_NODIST}: extension modules are linked with it, and GCC
     *       refuses {@code -shared} with {@code -pie} or {@code -no-pie}.</li>
     * </ul>
     * So the objects and the executable's link flags are those of the recipe before (a shared build whose executable
     * was linked again after {@code make install}), without the second link and the library. The sysconfig data keep
     * configure's values of both (in a built image: {@code CFLAGSFORSHARED} empty, {@code LINKFORSHARED}
     * {@code -Xlinker -export-dynamic}), so what {@code python3-config} and extension builds read is configure's.
     * {@code shared}: none.
     * <p>Before, the Python step made two serial whole-program LTO links (libpython and the executable, 48 s and 50 s
     * here) and shipped a libpython3.X.so nothing in the image loads (5.9 MB, 2.1 MB gzip). Now the two links of the
     * interpreter run side by side under {@code make -j2}. Measured on the 3.11.2 {@code pgo-lto} cell: see README,
     * <i>Interpreter linkage</i>.
     */
    public static java.util.List<String> linkageMakeArguments(InterpreterLinkage linkage) {
        if (linkage.sharedLibrary()) {
            return java.util.List.of();
        }
        return java.util.List.of("CFLAGSFORSHARED='$(CCSHARED)'",
                "LINKFORSHARED='" + LINUX_LINKFORSHARED + " " + linkage.linkFlag() + "'");
    }

    /**
     * {@code --with-openssl-rpath=auto} where configure has it (3.10+): an rpath to our OpenSSL's lib folder in
     * _ssl and _hashlib. 3.9 has no such option; LDFLAGS' rpath covers it.
     */
    public static java.util.List<String> opensslRpath(Version python) {
        return python.atLeast(3, 10, 0) ? java.util.List.of("--with-openssl-rpath=auto") : java.util.List.of();
    }
}
