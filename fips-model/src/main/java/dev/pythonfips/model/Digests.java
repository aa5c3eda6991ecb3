package dev.pythonfips.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of bytes, files and whole build contexts. */
public final class Digests {

    private Digests() {
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(md().digest(bytes));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = md();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * SHA-256 of a directory tree: of the lines {@code <sha256 of file>  <relative path>\n} for every regular file,
     * sorted by path ({@code sha256sum} format), so it depends only on file names and contents. Files named in
     * {@code ignored} (anywhere in the tree) are left out.
     */
    public static String tree(Path dir, String... ignored) throws IOException {
        java.util.Set<String> skip = java.util.Set.of(ignored);
        StringBuilder lines = new StringBuilder();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !skip.contains(f.getFileName().toString())).sorted().toList();
        }
        for (Path f : files) {
            lines.append(sha256(f)).append("  ").append(dir.relativize(f).toString().replace('\\', '/')).append('\n');
        }
        return sha256(lines.toString());
    }

    private static MessageDigest md() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
