package dev.pythonfips.model.recipe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where things are in an image: every path under the install prefix that a script, a template, conformance.py or the
 * plugin names comes from here, so a path changes in one place. Rendered into manifest.json ({@code layout}), the
 * finishing step's env file and the Velocity context ({@code $c.layout}). One mirror is outside Java and checked by a
 * test: {@code patches/common/pyfips_guard.h} runs {@link #fipsInstall()} (compiled into Python, from the prefix).
 *
 * @param prefix install prefix of OpenSSL and Python ({@code <prefix>})
 */
public record ImageLayout(String prefix) {

    /** {@link #libexec()} relative to the prefix (the guard in our CPython patch computes it from the prefix). */
    public static final String LIBEXEC = "libexec/python-fips";
    /** {@link #share()} relative to the prefix. */
    public static final String SHARE = "share/python-fips";

    public ImageLayout {
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("the prefix must be an absolute path: " + prefix);
        }
    }

    /** {@code bin}: python3, pip, the openssl wrapper. */
    public String bin() {
        return prefix + "/bin";
    }

    /** {@code lib}: libcrypto, libssl, the standard library. */
    public String lib() {
        return prefix + "/lib";
    }

    /** OpenSSL's module directory: the FIPS provider {@code fips.so} ({@code OPENSSL_MODULES}). */
    public String modules() {
        return prefix + "/lib/ossl-modules";
    }

    /** The FIPS provider module. */
    public String fipsModule() {
        return modules() + "/fips.so";
    }

    /** OpenSSL's directory ({@code OPENSSLDIR}): openssl.cnf, fipsmodule.cnf, cert.pem. */
    public String ssl() {
        return prefix + "/ssl";
    }

    /** The image's OpenSSL configuration ({@code OPENSSL_CONF}). */
    public String opensslCnf() {
        return ssl() + "/openssl.cnf";
    }

    /** The FIPS module configuration {@code openssl fipsinstall} writes. */
    public String fipsModuleCnf() {
        return ssl() + "/fipsmodule.cnf";
    }

    /** Our run-time helpers: entrypoint, fipsinstall, the real openssl behind the wrapper. */
    public String libexec() {
        return prefix + "/" + LIBEXEC;
    }

    public String entrypoint() {
        return libexec() + "/entrypoint.sh";
    }

    public String fipsInstall() {
        return libexec() + "/fipsinstall.sh";
    }

    /** The real {@code openssl} binary; {@code bin/openssl} is the fail-closed wrapper. */
    public String realOpenssl() {
        return libexec() + "/openssl";
    }

    /** What the image says of itself: manifest.json, the conformance suite, the recorded build commands. */
    public String share() {
        return prefix + "/" + SHARE;
    }

    public String manifest() {
        return share() + "/manifest.json";
    }

    public String conformance() {
        return share() + "/conformance.py";
    }

    public String audit() {
        return share() + "/audit.py";
    }

    public String cpythonTestIgnores() {
        return share() + "/cpython-test-ignore.txt";
    }

    /** Every path by name: manifest.json {@code layout} and the Velocity context {@code $c.layout}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("prefix", prefix);
        m.put("bin", bin());
        m.put("lib", lib());
        m.put("modules", modules());
        m.put("fipsModule", fipsModule());
        m.put("ssl", ssl());
        m.put("opensslCnf", opensslCnf());
        m.put("fipsModuleCnf", fipsModuleCnf());
        m.put("libexec", libexec());
        m.put("entrypoint", entrypoint());
        m.put("fipsInstall", fipsInstall());
        m.put("realOpenssl", realOpenssl());
        m.put("share", share());
        m.put("manifest", manifest());
        m.put("conformance", conformance());
        m.put("audit", audit());
        m.put("cpythonTestIgnores", cpythonTestIgnores());
        return m;
    }
}
