package dev.pythonfips.model.supplychain;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The installed prefix of a built image as a {@code .tar.gz}: repacks the tar stream {@code docker cp IMAGE:<prefix> -}
 * prints (entries under the prefix's last name, e.g. {@code python-fips/bin/python3}), keeping names, modes, owners,
 * times and links as the image has them. A {@code ssl/fipsmodule.cnf} written at build time is left out: the FIPS
 * module's Security Policy requires {@code openssl fipsinstall} on the machine that runs it, never a copied file.
 */
public final class RuntimeExport {

    /** {@code python-fips-<cell>-<arch>.tar.gz}. */
    public static String fileName(String cellId, String arch) {
        return "python-fips-" + cellId + "-" + arch + ".tar.gz";
    }

    /** What was repacked. */
    public record Result(int entries, List<String> leftOut) {
    }

    private RuntimeExport() {
    }

    public static Result repack(InputStream tar, OutputStream out) throws IOException {
        int n = 0;
        List<String> leftOut = new ArrayList<>();
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        TarArchiveOutputStream to = new TarArchiveOutputStream(gz);
        to.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        to.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveInputStream ti = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e; (e = ti.getNextEntry()) != null; ) {
            String name = e.getName();
            String rel = name.contains("/") ? name.substring(name.indexOf('/') + 1) : "";
            if (rel.equals("ssl/fipsmodule.cnf") && e.isFile()) {
                leftOut.add(name);
                continue;
            }
            to.putArchiveEntry(e);
            if (e.isFile()) {
                ti.transferTo(to);
            }
            to.closeArchiveEntry();
            n++;
        }
        if (n == 0) {
            throw new IOException("the tar stream from the image holds no entries");
        }
        to.finish();
        gz.finish();
        out.flush();
        return new Result(n, leftOut);
    }
}
