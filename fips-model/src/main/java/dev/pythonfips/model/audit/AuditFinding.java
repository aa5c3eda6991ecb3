package dev.pythonfips.model.audit;

/**
 * One place in an application image where crypto could run outside the FIPS module, as audit.py found it, with
 * what installed the file and the fix.
 *
 * @param kind      {@code libcrypto-copy}, {@code libssl-copy}, {@code openssl-linked-in}, {@code boringssl-linked-in},
 *                  {@code libressl-linked-in}, {@code builtin-hash-module} or {@code pycryptodome}
 * @param path      the file, absolute, in the image
 * @param detail    what was found in it
 * @param ownerKind {@code python} (a distribution's RECORD lists the file), {@code distro} (a distro package owns it)
 *                  or {@code none}
 * @param owner     the distribution ("name version") or package that installed it; empty for {@code none}
 */
public record AuditFinding(String kind, String path, String detail, String ownerKind, String owner) {

    /** Who installed the file, as a report says it. */
    public String installedBy() {
        return switch (ownerKind) {
            case "python" -> "installed by the Python distribution " + owner;
            case "distro" -> "installed by the distro package " + owner;
            default -> "installed by no Python distribution or distro package (copied in by the image's Dockerfile)";
        };
    }

    /** What removes the finding, for its kind and whoever installed the file. */
    public String fix() {
        String remove = switch (ownerKind) {
            case "python" -> "pip uninstall " + owner.split(" ")[0];
            case "distro" -> "remove the package " + owner + " (apt-get purge " + owner + ")";
            default -> "remove the file from the image";
        };
        return switch (kind) {
            case "libcrypto-copy", "libssl-copy", "openssl-linked-in" -> ownerKind.equals("python")
                    ? "build " + owner.split(" ")[0] + " from source against this image's OpenSSL in a build stage FROM "
                    + "this image (pip install --no-binary " + owner.split(" ")[0] + "), or " + remove
                    : "link against this image's libcrypto (the prefix's lib/, as its extension modules do) instead of "
                    + "another OpenSSL, or " + remove;
            case "boringssl-linked-in", "libressl-linked-in" -> "use a build of it against this image's OpenSSL, or " + remove;
            case "builtin-hash-module" -> "use the image's own Python (builtinHashes decides which of these it builds), or " + remove;
            case "pycryptodome" -> "use pyca/cryptography built by python-fips (<cryptography>) instead, or " + remove;
            default -> remove;
        } + "; a finding the team accepts goes in <auditAllows> with its reason";
    }
}
