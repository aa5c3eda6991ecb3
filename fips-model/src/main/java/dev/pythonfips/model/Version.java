package dev.pythonfips.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version such as {@code 3.11.9} (CPython) or {@code 1.0.2u} (OpenSSL, with a letter suffix).
 * Only final releases are accepted: three numeric parts and, for OpenSSL 1.x, one optional lower-case letter.
 */
public record Version(int major, int minor, int patch, String letter) implements Comparable<Version> {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})([a-z]?)");

    public Version {
        letter = letter == null ? "" : letter;
    }

    /** Parses {@code text}, or returns empty when it is not a version in the accepted format. */
    public static Optional<Version> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4)));
    }

    public static Version parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
    }

    /** {@code "3.11"} for {@code 3.11.9}. */
    public String minorLine() {
        return major + "." + minor;
    }

    public boolean atLeast(int maj, int min, int pat) {
        return compareTo(new Version(maj, min, pat, "")) >= 0;
    }

    public boolean isBefore(int maj, int min, int pat) {
        return !atLeast(maj, min, pat);
    }

    public boolean sameMinor(int maj, int min) {
        return major == maj && minor == min;
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0) c = letter.compareTo(o.letter);
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + letter;
    }
}
