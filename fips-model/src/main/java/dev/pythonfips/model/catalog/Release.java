package dev.pythonfips.model.catalog;

import java.util.List;

/**
 * One upstream source tarball: what it is, where it lives upstream, its SHA-256, and the public records that
 * back the checksum (or {@code "pinned in the pom"} for a user pin).
 *
 * @param name the project's name: {@code python}, {@code openssl}, {@code fips-module} (the component's id) for
 *             the three tarballs every cell builds from; the distribution name of a Python package's sdist
 *             ({@code cryptography}, {@code cffi}); the Debian source package of a Debian packaging tarball
 */
public record Release(Component component, String name, String version, String file, String url, String sha256,
                      List<String> records) {

    /**
     * The kinds of source a cell builds from: the three of every cell (user-pinnable), and what
     * {@code <cryptography>} adds (catalogued only).
     */
    public enum Component {
        PYTHON("python"), OPENSSL("openssl"), FIPS_MODULE("fips-module"),
        /** a Python package's sdist ({@code NAME-VERSION.tar.gz}, unpacks into {@code NAME-VERSION/}) */
        PYTHON_PACKAGE("python-package"),
        /** a Debian source package's packaging ({@code .debian.tar.xz}, unpacks into {@code debian/}) */
        DEBIAN_PACKAGING("debian-packaging");

        private final String id;

        Component(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Component fromId(String id) {
            for (Component c : values()) {
                if (c.id.equals(id)) {
                    return c;
                }
            }
            return null;
        }
    }

    public Release {
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** One of the three tarballs of every cell: its name is the component's id. */
    public Release(Component component, String version, String file, String url, String sha256, List<String> records) {
        this(component, component.id(), version, file, url, sha256, records);
    }

    /** True for the tarballs a pom may pin ({@code <sources>}): python, openssl, fips-module. */
    public boolean userPinnable() {
        return component == Component.PYTHON || component == Component.OPENSSL || component == Component.FIPS_MODULE;
    }

    /** The folder the tarball unpacks into, e.g. {@code Python-3.11.2} or {@code openssl-fips-2.0.16}. */
    public String topFolder() {
        return switch (component) {
            case PYTHON -> "Python-" + version;
            case OPENSSL -> "openssl-" + version;
            case FIPS_MODULE -> "openssl-fips-" + version;
            case PYTHON_PACKAGE -> name + "-" + version;
            case DEBIAN_PACKAGING -> "debian";
        };
    }

    /** Conventional upstream file name and URL for a version the catalog does not list. */
    public static Release conventional(Component component, String version, String sha256, List<String> records) {
        return switch (component) {
            case PYTHON -> new Release(component, version, "Python-" + version + ".tar.xz",
                    "https://www.python.org/ftp/python/" + version + "/Python-" + version + ".tar.xz", sha256, records);
            case OPENSSL -> version.startsWith("1.")
                    ? new Release(component, version, "openssl-" + version + ".tar.gz",
                            "https://www.openssl.org/source/old/" + version.replaceAll("[a-z]$", "") + "/openssl-" + version + ".tar.gz",
                            sha256, records)
                    : new Release(component, version, "openssl-" + version + ".tar.gz",
                            "https://github.com/openssl/openssl/releases/download/openssl-" + version + "/openssl-" + version + ".tar.gz",
                            sha256, records);
            case FIPS_MODULE -> new Release(component, version, "openssl-fips-" + version + ".tar.gz",
                    "https://www.openssl.org/source/old/fips/openssl-fips-" + version + ".tar.gz", sha256, records);
            case PYTHON_PACKAGE, DEBIAN_PACKAGING -> throw new IllegalArgumentException(component.id() + " is not pinnable");
        };
    }
}
