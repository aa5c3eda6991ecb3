package dev.pythonfips.model.source;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small synthetic source tarballs for tests (real upstream ones come from scripts/fetch-debian-sources.sh). */
final class Tarballs {

    private Tarballs() {
    }

    static Path targz(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(bytes.length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A fake CPython source tarball whose Include/patchlevel.h says {@code version}. */
    static Path python(Path dir, String version, String patchlevelVersion) throws IOException {
        return targz(dir.resolve("Python-" + version + ".tar.gz"), Map.of(
                "Python-" + version + "/Include/patchlevel.h", "#define PY_VERSION \"" + patchlevelVersion + "\"\n",
                "Python-" + version + "/README.rst", "fake\n"));
    }

    /** A fake OpenSSL 3 source tarball whose VERSION.dat says {@code version}. */
    static Path openssl3(Path dir, String version) throws IOException {
        String[] v = version.split("\\.");
        return targz(dir.resolve("openssl-" + version + ".tar.gz"), Map.of(
                "openssl-" + version + "/VERSION.dat", "MAJOR=" + v[0] + "\nMINOR=" + v[1] + "\nPATCH=" + v[2] + "\n"));
    }
}
