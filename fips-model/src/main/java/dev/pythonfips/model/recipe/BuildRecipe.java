package dev.pythonfips.model.recipe;

import dev.pythonfips.model.catalog.ModuleKind;
import dev.pythonfips.model.catalog.Release;
import dev.pythonfips.model.options.BuildChoices;
import dev.pythonfips.model.options.FipsInstall;
import dev.pythonfips.model.options.InterpreterLinkage;
import dev.pythonfips.model.options.Optimizations;
import dev.pythonfips.model.options.PgoTraining;
import dev.pythonfips.model.options.Policy;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.CryptographyBuild;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build recipe of one cell, computed from the cell and the plan's options in this one place: the typed build
 * choices and the exact commands of the three build steps. Everything downstream is rendered from it: cell.env and
 * env/*.env, the {@code env/STEP.commands} files the build scripts execute line by line (common.sh {@code run_recipe},
 * which logs {@code run STEP: COMMAND} before each one and records it in the image), manifest.json
 * ({@code buildCommands}), the image labels, matrix.json and the Velocity context. So the manifest lists exactly
 * what ran, and the FIPS module's canonical commands are written down once.
 *
 * <p>The commands are shell command lines (the cell's data, not shell logic): each is run by {@code eval} in the
 * step's shell, so {@code cd} and {@code unset} carry on to the next command. Values in them are validated by
 * {@link MatrixPlanner} (versions, prefix, file names) and never contain quotes or newlines, except the literal
 * {@code make -j"$PYFIPS_JOBS"} (the job count is the build machine's, common.sh, not a cell input, so it cannot
 * invalidate a cached layer) and the fixed, single-quoted make arguments of {@link BuildChoices#pythonMakeArguments}.
 *
 * @param policy                 {@code <policy>}
 * @param fipsInstall            {@code <fipsInstall>}
 * @param moduleKind             the kind of FIPS module (decided by {@link ModuleKind#of})
 * @param separateProvider       the FIPS module is built from its own tarball in its own layer
 * @param prefix                 install prefix of OpenSSL and Python
 * @param builtinHashes          {@code <builtinHashes>}: {@code none} or {@code all}
 * @param builtinHashesConfigure the {@code --with-builtin-hashlib-hashes} value (tokens of that Python version)
 * @param builtinHashModules     the builtin hash extension modules the image contains
 * @param disabledModules        extension modules disabled in {@code Modules/Setup.local} (3.14's {@code _hmac} with
 *                               {@code none}); empty: no Setup.local
 * @param optimizations          {@code <optimizations>}
 * @param pgoTraining            {@code <pgoTraining>}: what the PGO training runs (used only when
 *                               {@code optimizations} profiles)
 * @param interpreterLinkage     {@code <interpreterLinkage>}
 * @param pythonConfigure        CPython's {@code ./configure} arguments, in order
 * @param fipsModuleCommands     step {@code fips-module} (build-fips-module.sh); empty when the provider is built
 *                               with the library from the library's own tarball
 * @param opensslCommands        step {@code openssl} (build-openssl.sh)
 * @param pythonCommands         step {@code python} (build-python.sh)
 * @param cryptography           how {@code <cryptography>} is built (null: it is not)
 * @param cryptographyCommands   step {@code cryptography} (build-cryptography.sh); empty without cryptography
 */
public record BuildRecipe(Policy policy, FipsInstall fipsInstall, ModuleKind moduleKind, boolean separateProvider,
                          String prefix, String builtinHashes, String builtinHashesConfigure,
                          List<String> builtinHashModules, List<String> disabledModules, Optimizations optimizations,
                          PgoTraining pgoTraining,
                          InterpreterLinkage interpreterLinkage, List<String> pythonConfigure,
                          List<String> fipsModuleCommands, List<String> opensslCommands, List<String> pythonCommands,
                          CryptographyBuild cryptography, List<String> cryptographyCommands, long sourceDateEpoch) {

    /** Step names: the {@code env/NAME.commands} files, the keys of manifest.json {@code buildCommands}, the log. */
    public static final String FIPS_MODULE = "fips-module";
    public static final String OPENSSL = "openssl";
    public static final String PYTHON = "python";
    public static final String CRYPTOGRAPHY = "cryptography";

    /** Where the build stage unpacks the FIPS module and OpenSSL tarballs, and where Python's tree is. */
    static final String BUILD_DIR = "/fips/build";
    static final String SOURCES_DIR = "/fips/sources";
    static final String PYTHON_DIR = "/fips/src/python";
    /** Where step {@code cryptography} unpacks its sdists, installs its build-only tools, and finds its patch. */
    static final String PYTHON_PACKAGES_DIR = "/fips/build/python-packages";
    static final String PYTHON_BUILD_TOOLS = "/fips/build/python-build-tools";
    /** Where the distro's pure-Python build packages are unpacked (packages.sh, never installed). */
    public static final String PYTHON_BUILD_DEBS = "/fips/build/python-build-debs";
    static final String CARGO_HOME = "/fips/build/cargo-home";
    /** Our fail-closed patch of cryptography and cargo's offline configuration, as the context holds them. */
    public static final String CRYPTOGRAPHY_PATCH = "patches/cryptography/python-fips.patch";
    public static final String CARGO_CONFIG = "scripts/cargo-distro-registry.toml";
    /** {@code Modules/Setup.local} of {@link #disabledModules}, as the context holds it. */
    public static final String SETUP_LOCAL = "scripts/Setup.local";
    /** Parallel make, as executed: the job count is the build machine's ({@code PYFIPS_JOBS}, set in common.sh). */
    public static final String PARALLEL_MAKE = "make -j\"$PYFIPS_JOBS\"";

    public BuildRecipe {
        builtinHashModules = List.copyOf(builtinHashModules);
        disabledModules = List.copyOf(disabledModules);
        pythonConfigure = List.copyOf(pythonConfigure);
        fipsModuleCommands = List.copyOf(fipsModuleCommands);
        opensslCommands = List.copyOf(opensslCommands);
        pythonCommands = List.copyOf(pythonCommands);
        cryptographyCommands = List.copyOf(cryptographyCommands);
        for (List<String> step : List.of(fipsModuleCommands, opensslCommands, pythonCommands, cryptographyCommands)) {
            for (String c : step) {
                if (c.isBlank() || c.contains("\n") || c.contains("\r")) {
                    throw new IllegalArgumentException("a recipe command is one non-empty line: \"" + c + "\"");
                }
            }
        }
    }

    /** The recipe of a validated cell under validated options (see {@link MatrixPlanner}). */
    public static BuildRecipe of(Cell cell, FipsSpec.Options o) {
        Policy policy = Policy.parse(o.policy()).orElseThrow(() -> invalid("policy", o.policy()));
        FipsInstall fipsInstall = FipsInstall.parse(o.fipsInstall()).orElseThrow(() -> invalid("fipsInstall", o.fipsInstall()));
        Optimizations optimizations = Optimizations.parse(o.optimizations()).orElseThrow(() -> invalid("optimizations", o.optimizations()));
        InterpreterLinkage linkage = InterpreterLinkage.parse(o.interpreterLinkage())
                .orElseThrow(() -> invalid("interpreterLinkage", o.interpreterLinkage()));
        PgoTraining training = PgoTraining.parse(o.pgoTrainingOrDefault())
                .orElseThrow(() -> invalid("pgoTraining", o.pgoTrainingOrDefault()));
        ModuleKind kind = cell.moduleKind();
        String p = o.prefix();
        List<String> configure = pythonConfigure(cell, p, optimizations, linkage);
        return new BuildRecipe(policy, fipsInstall, kind, cell.separateProvider(), p, cell.builtinHashes(),
                cell.builtinHashesConfigure(), cell.builtinHashModules(), cell.disabledModules(), optimizations, training,
                linkage, configure, fipsModuleCommands(cell, kind, p), opensslCommands(cell, kind, p),
                pythonCommands(kind, p, configure, optimizations, training, linkage, !cell.disabledModules().isEmpty()),
                cell.cryptography(), cryptographyCommands(cell.cryptography(), p), o.sourceDateEpoch());
    }

    private static IllegalArgumentException invalid(String option, String value) {
        return new IllegalArgumentException("unvalidated " + option + " \"" + value + "\" (MatrixPlanner validates options)");
    }

    /** The steps in build order, each with its commands: {@code env/STEP.commands} and manifest.json {@code buildCommands}. */
    public Map<String, List<String>> steps() {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        steps.put(FIPS_MODULE, fipsModuleCommands);
        steps.put(OPENSSL, opensslCommands);
        steps.put(PYTHON, pythonCommands);
        if (!cryptographyCommands.isEmpty()) {
            steps.put(CRYPTOGRAPHY, cryptographyCommands);
        }
        return steps;
    }

    /** The commands that build the FIPS module: its own step, or the library's when it comes from the same tarball. */
    public List<String> fipsModuleBuiltBy() {
        return separateProvider ? fipsModuleCommands : opensslCommands;
    }

    /** The PGO training the Python step runs: empty when the optimisation does not profile. */
    public Optional<PgoTraining> training() {
        return optimizations.pgo() ? Optional.of(pgoTraining) : Optional.empty();
    }

    /** Where things are in the image, under {@link #prefix}. */
    public ImageLayout layout() {
        return new ImageLayout(prefix);
    }

    /** How the manifest and the labels write {@link #training()}: its value, or {@code none}. */
    public String trainingRecorded() {
        return training().map(PgoTraining::value).orElse("none");
    }

    public boolean legacyFipsModule() {
        return moduleKind == ModuleKind.FIPS_OBJECT_MODULE_2;
    }

    /**
     * Step {@code fips-module}: the module from its unmodified tarball with the canonical commands of its Security
     * Policy and nothing else: FIPS Object Module 2.0 {@code ./config; make; make install} (installs
     * /usr/local/ssl/fips-2.0, which OpenSSL 1.0.2's {@code ./config fips} links in); an OpenSSL 3 provider
     * {@code ./Configure enable-fips; make; make install_fips}, then the module {@code install_fips} installed
     * ({@code providers/fips.so}, copied byte for byte) goes next to the library's modules. Its fipsmodule.cnf is not
     * kept: fipsinstall runs on the machine that runs the image. Empty when the provider is the library's own.
     */
    static List<String> fipsModuleCommands(Cell cell, ModuleKind kind, String p) {
        if (!cell.separateProvider()) {
            return List.of();
        }
        List<String> c = new ArrayList<>(unpack(cell.fipsRelease()));
        if (kind == ModuleKind.FIPS_OBJECT_MODULE_2) {
            c.addAll(List.of("./config", "make", "make install"));
        } else {
            c.addAll(List.of("./Configure enable-fips", "make", "make install_fips",
                    "mkdir -p " + p + "/lib/ossl-modules", "cp providers/fips.so " + p + "/lib/ossl-modules/fips.so"));
        }
        return c;
    }

    /**
     * Step {@code openssl}: the library CPython links against, in the prefix with an rpath so nothing picks up a
     * system OpenSSL. OpenSSL 3 builds its own provider with it ({@code enable-fips}, {@code install_fips}) only when
     * the cell's provider is of the library's own version; the build-stage fipsmodule.cnf is removed (fipsinstall
     * runs on the machine that runs the image). OpenSSL 1.0.2 links the FIPS Object Module in ({@code ./config fips}).
     * <p>OpenSSL 3 builds only what is installed: {@code no-tests} (its test programs, which nothing runs) and the
     * {@code build_sw} target (libraries, modules, the openssl program) instead of {@code all}, which also renders
     * every manual page to man and HTML that {@code install_sw} never installs. The FIPS module step is not touched:
     * its commands stay the Security Policy's.
     */
    static List<String> opensslCommands(Cell cell, ModuleKind kind, String p) {
        List<String> c = new ArrayList<>(unpack(cell.opensslRelease()));
        String rpath = "-Wl,-rpath," + p + "/lib";
        if (kind == ModuleKind.FIPS_OBJECT_MODULE_2) {
            c.addAll(List.of("./config fips shared no-ssl2 no-ssl3 --with-fipsdir=/usr/local/ssl/fips-2.0 --prefix=" + p
                    + " --openssldir=" + p + "/ssl " + rpath, "make depend", "make", "make install_sw"));
            return c;
        }
        boolean own = !cell.separateProvider();
        c.add("./Configure " + (own ? "enable-fips " : "") + "no-tests shared --prefix=" + p + " --openssldir=" + p
                + "/ssl --libdir=lib " + rpath);
        c.add(PARALLEL_MAKE + " build_sw");
        c.add("make install_sw install_ssldirs" + (own ? " install_fips" : ""));
        c.add("rm -f " + p + "/ssl/fipsmodule.cnf");
        return c;
    }

    /**
     * CPython's {@code ./configure} arguments: against our OpenSSL, with an rpath to the prefix; {@code --enable-shared}
     * for the {@code shared} linkage only.
     */
    static List<String> pythonConfigure(Cell cell, String p, Optimizations optimizations, InterpreterLinkage linkage) {
        List<String> a = new ArrayList<>(List.of("--prefix=" + p));
        if (linkage.sharedLibrary()) {
            a.add("--enable-shared");
        }
        a.add("--with-openssl=" + p);
        a.addAll(BuildChoices.opensslRpath(cell.python()));
        a.addAll(optimizations.configureFlags());
        a.add("--with-builtin-hashlib-hashes=" + cell.builtinHashesConfigure());
        a.add("--with-ensurepip=install");
        a.addAll(BuildChoices.configureExtra(cell.python()));
        a.add("LDFLAGS=-Wl,-rpath," + p + "/lib");
        a.add("CPPFLAGS=-I" + p + "/include");
        return a;
    }

    /**
     * Step {@code python}: CPython, built with the FIPS provider ACTIVE: our guard (pyfips_guard.h) makes _hashlib
     * and _ssl refuse to load outside FIPS mode, and the build imports them (extension checks, ensurepip). The
     * configuration is a strict build-only one (scripts/openssl-build.cnf) that depends on neither the policy nor
     * fipsInstall, so changing those reuses this layer; finish-install.sh puts the image's own openssl.cnf in place
     * and removes the build-stage fipsmodule.cnf (never shipped: the image produces its own, fipsinstall.sh). The FIPS
     * Object Module has no module configuration to install. The make arguments carry the optimisation's
     * ({@link BuildChoices#pythonMakeArguments}) and the linkage's ({@link BuildChoices#linkageMakeArguments}).
     */
    static List<String> pythonCommands(ModuleKind kind, String p, List<String> configure, Optimizations optimizations,
                                       PgoTraining training, InterpreterLinkage linkage, boolean setupLocal) {
        List<String> c = new ArrayList<>(List.of("cd " + PYTHON_DIR, "unset OPENSSL_CONF OPENSSL_MODULES"));
        if (setupLocal) {
            c.add("cp /fips/" + SETUP_LOCAL + " Modules/Setup.local");
        }
        if (kind == ModuleKind.OPENSSL3_PROVIDER) {
            c.add("OPENSSL_CONF=/dev/null " + p + "/bin/openssl fipsinstall -module " + p + "/lib/ossl-modules/fips.so -out "
                    + p + "/ssl/fipsmodule.cnf");
        }
        c.add("cp /fips/scripts/openssl-build.cnf " + p + "/ssl/openssl.cnf");
        c.add("./configure " + String.join(" ", configure));
        List<String> make = new ArrayList<>(List.of(PARALLEL_MAKE));
        make.addAll(BuildChoices.pythonMakeArguments(optimizations, training));
        make.addAll(BuildChoices.linkageMakeArguments(linkage));
        c.add(String.join(" ", make));
        c.add("make install");
        c.add("ln -sf python3 " + p + "/bin/python");
        return c;
    }

    /**
     * Step {@code cryptography}: pyca/cryptography from its verified sdist, patched to use only the FIPS module
     * ({@code patches/cryptography/VERSION/python-fips.patch}), compiled against our OpenSSL (headers and an rpath to
     * the prefix; no other OpenSSL is in the build stage) and installed into the prefix with what it needs at run time.
     * <p>From the distro's archive: the distro's packaging patches first (they move the Rust code to the crate
     * versions the distro ships), its {@code Cargo.lock} removed as the distro's own build does, cargo pointed at the
     * distro's vendored registry and offline; the bootstrap sdists (setuptools) installed into a folder of build-only
     * tools, put on {@code PYTHONPATH} with the distro's pure-Python build packages; every build without isolation
     * and without an index. From a package index: pip builds the patched sdist with its build requirements from
     * the index. Empty without {@code <cryptography>}.
     */
    static List<String> cryptographyCommands(CryptographyBuild b, String p) {
        if (b == null) {
            return List.of();
        }
        String pip = p + "/bin/python3 -m pip install --no-cache-dir --disable-pip-version-check";
        List<String> c = new ArrayList<>(List.of("mkdir -p " + PYTHON_PACKAGES_DIR, "cd " + PYTHON_PACKAGES_DIR));
        for (Release r : b.sdists()) {
            c.add(decompress(r) + SOURCES_DIR + "/" + r.file() + " | tar xf -");
        }
        c.add(decompress(b.sdist()) + SOURCES_DIR + "/" + b.sdist().file() + " | tar xf -");
        String tree = b.sdist().topFolder();
        if (b.debianPackaging() != null) {
            c.add(decompress(b.debianPackaging()) + SOURCES_DIR + "/" + b.debianPackaging().file() + " | tar xf - -C " + tree);
        }
        c.add("cd " + tree);
        for (String patch : b.debianPatches()) {
            c.add("patch -p1 -i debian/patches/" + patch);
        }
        c.add("patch -p1 -i /fips/" + CRYPTOGRAPHY_PATCH);
        c.add("cd " + PYTHON_PACKAGES_DIR);
        c.add("export CFLAGS=-I" + p + "/include LDFLAGS=-Wl,-rpath," + p + "/lib,-L" + p + "/lib");
        if (b.airGapped()) {
            c.add("rm -f " + tree + "/src/rust/Cargo.lock");
            c.add("mkdir -p " + CARGO_HOME);
            c.add("cp /fips/" + CARGO_CONFIG + " " + CARGO_HOME + "/config.toml");
            c.add("export CARGO_HOME=" + CARGO_HOME + " CARGO_NET_OFFLINE=true PYTHONPATH=" + PYTHON_BUILD_TOOLS + ":"
                    + PYTHON_BUILD_DEBS + "/usr/lib/python3/dist-packages");
            String offline = pip + " --no-index --no-deps --no-build-isolation";
            for (Release r : b.sdists()) {
                boolean shipped = b.shipped().contains(r.name());
                c.add(offline + (shipped ? "" : " --target " + PYTHON_BUILD_TOOLS) + " ./" + r.topFolder());
            }
            c.add(offline + " ./" + tree);
            c.add("unset PYTHONPATH CARGO_HOME CARGO_NET_OFFLINE");
        } else {
            c.add(pip + (b.pipIndexUrl().isEmpty() ? "" : " --index-url " + b.pipIndexUrl()) + " ./" + tree);
        }
        c.add("unset CFLAGS LDFLAGS");
        return c;
    }

    private static String decompress(Release r) {
        return r.file().endsWith(".tar.xz") ? "xz -dc " : "gunzip -c ";
    }

    /** The canonical unpack of a tarball into the build folder, then into its top folder. */
    private static List<String> unpack(Release r) {
        String decompress = r.file().endsWith(".tar.xz") ? "xz -dc " : "gunzip -c ";
        return List.of("mkdir -p " + BUILD_DIR, "cd " + BUILD_DIR, decompress + SOURCES_DIR + "/" + r.file() + " | tar xf -",
                "cd " + r.topFolder());
    }
}
