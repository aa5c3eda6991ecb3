package dev.pythonfips.model.plan;

import dev.pythonfips.model.Version;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image references: the {@code <imageName>} pattern with its placeholders, and a strict check of Docker's
 * reference grammar (so nothing that could inject into a Dockerfile or a command line passes).
 */
public final class ImageNames {

    /** Default pattern: one repository, one tag per cell. */
    public static final String DEFAULT_PATTERN = "python-fips:{id}";

    /** Placeholders understood in {@code <imageName>}, with what they expand to. */
    public static final Map<String, String> PLACEHOLDERS;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("id", "the cell id, e.g. 3.11.9-rocky9-openssl3.0.9 (plus -fips3.1.2 when the provider differs)");
        p.put("python", "the Python version, e.g. 3.11.9");
        p.put("pythonMinor", "the Python minor line, e.g. 3.11");
        p.put("distro", "the distro id: rocky9, wolfi, debian12, debian13");
        p.put("openssl", "the OpenSSL library version, e.g. 3.0.9");
        p.put("fipsProvider", "the FIPS module version, e.g. 3.1.2");
        PLACEHOLDERS = Map.copyOf(p);
    }

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?)";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*";
    private static final Pattern REFERENCE = Pattern.compile(
            "(" + NAME + ")(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private ImageNames() {
    }

    /** True when {@code ref} is a valid image reference ({@code name[:tag][@sha256:digest]}), at most 255 name chars. */
    public static boolean isValidReference(String ref) {
        if (ref == null) {
            return false;
        }
        Matcher m = REFERENCE.matcher(ref);
        return m.matches() && m.group(1).length() <= 255;
    }

    /** Placeholders in {@code pattern} that are not known, or empty when all are. */
    public static java.util.List<String> unknownPlaceholders(String pattern) {
        java.util.List<String> unknown = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (!PLACEHOLDERS.containsKey(m.group(1))) {
                unknown.add("{" + m.group(1) + "}");
            }
        }
        return unknown;
    }

    /** Expands {@code pattern} for one cell; a pattern without a tag gets {@code :{id}}. */
    public static String expand(String pattern, String id, Version python, String distro, Version openssl, Version fips) {
        String p = pattern;
        String lastSegment = p.substring(p.lastIndexOf('/') + 1);
        if (!lastSegment.contains(":") && !p.contains("@")) {
            p = p + ":{id}";
        }
        return p.replace("{id}", id)
                .replace("{pythonMinor}", python.minorLine())
                .replace("{python}", python.toString())
                .replace("{distro}", distro)
                .replace("{openssl}", openssl.toString())
                .replace("{fipsProvider}", fips.toString());
    }
}
