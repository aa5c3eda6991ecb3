package dev.pythonfips.model;

import java.util.List;

/**
 * One upstream source tarball: what it is, where it lives upstream, its SHA-256, and the public records that
 * back the checksum (or {@code "pinned in the pom"} for a user pin).
 */
public record Release(Component component, String version, String file, String url, String sha256, List<String> records) {

    /** The three kinds of source a cell builds from. */
    public enum Component {
        PYTHON("python"), OPENSSL("openssl"), FIPS_MODULE("fips-module");

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

    /** The folder the tarball unpacks into, e.g. {@code Python-3.11.2} or {@code openssl-fips-2.0.16}. */
    public String topFolder() {
        return switch (component) {
            case PYTHON -> "Python-" + version;
            case OPENSSL -> "openssl-" + version;
            case FIPS_MODULE -> "openssl-fips-" + version;
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
        };
    }
}
