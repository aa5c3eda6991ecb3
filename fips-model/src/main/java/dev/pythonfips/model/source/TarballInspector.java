package dev.pythonfips.model.source;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.catalog.Release;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a source tarball with Commons Compress, without unpacking it: checks that everything sits under the
 * expected top folder and that the version recorded inside matches the release.
 */
public final class TarballInspector {

    private static final Pattern PY_VERSION = Pattern.compile("#define\\s+PY_VERSION\\s+\"([^\"]+)\"");
    /** An sdist's PKG-INFO (core metadata): {@code Version: 38.0.4}. */
    private static final Pattern SDIST_VERSION = Pattern.compile("(?m)^Version:\\s*(\\S+)");
    /** The first line of debian/changelog: {@code python-cryptography (38.0.4-3+deb12u1) bookworm; urgency=...}. */
    private static final Pattern DEBIAN_CHANGELOG_VERSION = Pattern.compile("\\A\\S+ \\(([^)]+)\\)");
    private static final Pattern OPENSSL_TEXT = Pattern.compile("OPENSSL_VERSION_TEXT\\s+\"OpenSSL ([0-9a-z.]+)");

    private TarballInspector() {
    }

    /** Verifies top folder and embedded version; throws a problem naming the file when they disagree. */
    public static void check(Release r, Path tarball) throws IOException, FipsConfigException {
        String top = r.topFolder() + "/";
        String versionFile = switch (r.component()) {
            case PYTHON -> "Include/patchlevel.h";
            case OPENSSL -> r.version().startsWith("1.") ? "include/openssl/opensslv.h" : "VERSION.dat";
            case FIPS_MODULE -> null;
            case PYTHON_PACKAGE -> "PKG-INFO";
            case DEBIAN_PACKAGING -> "changelog";
        };
        String[] stray = {null};
        Map<String, String> files = read(tarball, versionFile == null ? Set.of() : Set.of(top + versionFile), name -> {
            if (!name.startsWith(top) && !name.equals(r.topFolder()) && !name.equals("pax_global_header") && stray[0] == null) {
                stray[0] = name;
            }
        });
        if (stray[0] != null) {
            throw new FipsConfigException(new Problem(r.name() + " " + r.version(), r.file()
                    + " has \"" + stray[0] + "\" outside the expected top folder " + top,
                    "this is not the upstream tarball of " + r.name() + " " + r.version()));
        }
        if (versionFile == null) {
            return;
        }
        String text = files.get(top + versionFile);
        if (text == null) {
            throw new FipsConfigException(new Problem(r.name() + " " + r.version(), r.file()
                    + " has no " + top + versionFile, "this is not the upstream tarball of " + r.name()));
        }
        String found = embeddedVersion(r.component(), text);
        if (!r.version().equals(found)) {
            throw new FipsConfigException(new Problem(r.name() + " " + r.version(), r.file()
                    + " contains version " + found + " (" + top + versionFile + "), not " + r.version(),
                    "fix the version or the pin: the tarball and the cell must agree"));
        }
    }

    static String embeddedVersion(Release.Component component, String text) {
        if (component == Release.Component.PYTHON_PACKAGE) {
            Matcher m = SDIST_VERSION.matcher(text);
            return m.find() ? m.group(1) : "unknown";
        }
        if (component == Release.Component.DEBIAN_PACKAGING) {
            Matcher m = DEBIAN_CHANGELOG_VERSION.matcher(text);
            return m.find() ? m.group(1) : "unknown";
        }
        if (component == Release.Component.PYTHON) {
            Matcher m = PY_VERSION.matcher(text);
            return m.find() ? m.group(1) : "unknown";
        }
        Matcher m = OPENSSL_TEXT.matcher(text);
        if (m.find()) {
            return m.group(1);
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        if (kv.containsKey("MAJOR")) {
            return kv.get("MAJOR") + "." + kv.get("MINOR") + "." + kv.get("PATCH");
        }
        return "unknown";
    }

    /** Reads the named entries (full paths inside the archive) as UTF-8 text; calls {@code names} for every entry. */
    public static Map<String, String> read(Path tarball, Set<String> wanted, java.util.function.Consumer<String> names)
            throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
             InputStream decompressed = decompress(tarball, raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                names.accept(name);
                if (e.isFile() && wanted.contains(name)) {
                    out.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static InputStream decompress(Path tarball, InputStream raw) throws IOException {
        String name = tarball.getFileName().toString();
        if (name.endsWith(".xz")) {
            return new XZCompressorInputStream(raw);
        }
        if (name.endsWith(".gz") || name.endsWith(".tgz") || name.endsWith(".part")) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            if (b1 == 0xFD && b2 == '7') {
                return new XZCompressorInputStream(raw);
            }
            return new GzipCompressorInputStream(raw);
        }
        return raw;
    }
}
