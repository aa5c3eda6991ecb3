package dev.pythonfips.model;

import java.util.Arrays;

/**
 * A release line as the catalog writes it: {@code 1.0.2} (every 1.0.2 release, any letter), {@code 2.0} (every
 * 2.0.x), {@code 3} (every 3.x.y), or with a trailing {@code +} that line and everything after it ({@code 3+}: OpenSSL
 * 3.0 and every later release, 4.x included).
 */
public record VersionLine(int[] parts, boolean orLater) {

    public static VersionLine parse(String text) {
        String t = text.trim();
        boolean later = t.endsWith("+");
        String body = later ? t.substring(0, t.length() - 1) : t;
        if (!body.matches("[0-9]+(\\.[0-9]+){0,2}")) {
            throw new IllegalArgumentException("not a version line: " + text);
        }
        return new VersionLine(Arrays.stream(body.split("\\.")).mapToInt(Integer::parseInt).toArray(), later);
    }

    /** True when {@code v} is a release of this line (or, with {@code +}, of a later one). */
    public boolean contains(Version v) {
        int[] of = {v.major(), v.minor(), v.patch()};
        for (int i = 0; i < parts.length; i++) {
            if (of[i] != parts[i]) {
                return orLater && of[i] > parts[i];
            }
        }
        return true;
    }

    /** {@code 1.0.2}, {@code 2.0.x}, {@code 3.x} or {@code 3.x or later}, for messages. */
    public String display() {
        String base = String.join(".", Arrays.stream(parts).mapToObj(String::valueOf).toList());
        String line = parts.length == 3 ? base : base + ".x";
        return orLater ? line + " or later" : line;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionLine l && Arrays.equals(parts, l.parts) && orLater == l.orLater;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts) * 31 + Boolean.hashCode(orLater);
    }

    @Override
    public String toString() {
        return String.join(".", Arrays.stream(parts).mapToObj(String::valueOf).toList()) + (orLater ? "+" : "");
    }
}
