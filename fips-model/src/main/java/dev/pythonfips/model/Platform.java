package dev.pythonfips.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container platform in Docker's {@code os/arch[/variant]} notation, e.g. {@code linux/arm64}. */
public record Platform(String os, String arch, String variant) implements Comparable<Platform> {

    private static final Pattern FORMAT = Pattern.compile("([a-z0-9]+)/([a-z0-9_]+)(?:/(v[0-9]+))?");

    public static Optional<Platform> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Platform(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)));
    }

    public static Platform parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a platform: " + text));
    }

    @Override
    public int compareTo(Platform o) {
        return toString().compareTo(o.toString());
    }

    /** The platform as a tag suffix: {@code linux-arm64}, {@code linux-arm-v7}. */
    public String tagSuffix() {
        return os + "-" + arch + (variant.isEmpty() ? "" : "-" + variant);
    }

    @Override
    public String toString() {
        return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    }
}
