package dev.pythonfips.model.plan;

import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.catalog.Catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small checks of single user-written values shared by the planner's parts. */
final class Fields {

    private Fields() {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The version in {@code value}, or empty with a problem at {@code where} (missing, or not a version). */
    static Optional<Version> version(String value, String where, String example, List<Problem> problems) {
        if (blank(value)) {
            problems.add(new Problem(where, "is missing", "set a version, e.g. " + example));
            return Optional.empty();
        }
        Optional<Version> v = Version.tryParse(value);
        if (v.isEmpty()) {
            problems.add(new Problem(where, "\"" + value + "\" is not a version",
                    "write a full release version such as " + example + " (three numbers; OpenSSL 1.x may end in a letter)"));
        }
        return v;
    }

    /** "did you mean rocky9? " when {@code given} equals one id up to case and punctuation ("rocky-9", "Debian_12"). */
    static String didYouMean(String given, List<String> ids) {
        String key = given.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        List<String> close = ids.stream().filter(id -> id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").equals(key)).toList();
        return close.size() == 1 ? "did you mean " + close.get(0) + "? " : "";
    }

    /** "unknown distro" with a did-you-mean and the ids, or empty when {@code distro} is catalogued. */
    static Optional<Problem> unknownDistro(Catalog catalog, String where, String distro, String idsSuffix) {
        if (catalog.distro(distro).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(where, "unknown distro \"" + distro + "\"",
                didYouMean(distro, catalog.distroIds()) + "use one of " + String.join(", ", catalog.distroIds()) + idsSuffix));
    }
}
