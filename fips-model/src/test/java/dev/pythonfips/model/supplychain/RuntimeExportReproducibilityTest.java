package dev.pythonfips.model.supplychain;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fips:export adds nothing of its own to the runtime tarball: the bytes depend on the image's tar stream only (entry
 * order, names, modes, owners, mtimes as docker cp prints them; gzip header without a time), so two images with the
 * same prefix give the same SHA-256.
 */
class RuntimeExportReproducibilityTest {

    private static final long SDE = 1767225600L;

    /** A docker-cp-like stream: root-owned, every mtime the build date, long names as PAX. */
    private static byte[] dockerCp(String... names) throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String name : names) {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setModTime(SDE * 1000);
                e.setIds(0, 0);
                e.setNames("root", "root");
                byte[] b = name.endsWith("/") ? new byte[0] : ("content of " + name).getBytes(StandardCharsets.UTF_8);
                if (!name.endsWith("/")) {
                    e.setSize(b.length);
                    e.setMode(0100755);
                }
                t.putArchiveEntry(e);
                t.write(b);
                t.closeArchiveEntry();
            }
        }
        return tar.toByteArray();
    }

    @Test
    void theTarballDependsOnTheImagesTarStreamOnly() throws Exception {
        String longName = "python-fips/lib/python3.11/site-packages/" + "x".repeat(120) + ".py";
        byte[] in = dockerCp("python-fips/", "python-fips/bin/", "python-fips/bin/python3.11", longName);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        RuntimeExport.repack(new ByteArrayInputStream(in), first);
        Thread.sleep(1100);   // a later export (another second on the clock) gives the same bytes
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        RuntimeExport.repack(new ByteArrayInputStream(in), second);
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        byte[] gz = first.toByteArray();
        assertThat(Arrays.copyOfRange(gz, 4, 8)).as("gzip header MTIME").containsOnly(0);

        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(gz)))) {
            for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
                seen.add(e.getName());
                assertThat(e.getModTime().getTime()).as(e.getName()).isEqualTo(SDE * 1000);
                assertThat(e.getLongUserId()).isZero();
                assertThat(e.getLongGroupId()).isZero();
                assertThat(e.getExtraPaxHeaders()).as("no atime/ctime added").doesNotContainKeys("atime", "ctime", "mtime");
            }
        }
        assertThat(seen).as("the image's order, unchanged").containsExactly("python-fips/", "python-fips/bin/",
                "python-fips/bin/python3.11", longName);
    }
}
