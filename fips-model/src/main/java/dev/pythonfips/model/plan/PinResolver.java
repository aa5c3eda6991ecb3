package dev.pythonfips.model.plan;

import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.catalog.Release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which tarball each cell's Python, OpenSSL and FIPS module come from: a {@code <sources><source>} pin of the user,
 * else the release catalog; a version neither knows is a problem whose fix is the pin to write. Pins are checked
 * first: a pin that contradicts the catalog's SHA-256 for the same file is refused.
 */
final class PinResolver {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.(?:tar\\.gz|tgz|tar\\.xz)");
    private static final Pattern URL = Pattern.compile("(?:https?|file):[^\\s\"'`$\\\\]+");

    private final Catalog catalog;
    private final Wording w;
    private final Map<String, Release> pins = new LinkedHashMap<>();

    PinResolver(Catalog catalog, Wording wording) {
        this.catalog = catalog;
        this.w = wording;
    }

    /** Validates the user's pins; the valid ones are used by {@link #source}. */
    PinResolver withPins(List<FipsSpec.SourcePin> given, List<Problem> problems) {
        for (int i = 0; i < given.size(); i++) {
            FipsSpec.SourcePin p = given.get(i);
            String where = w.item(w.element("sources"), "source", i + 1);
            Release.Component component = p.component() == null ? null : Release.Component.fromId(p.component().trim());
            if (component == Release.Component.PYTHON_PACKAGE || component == Release.Component.DEBIAN_PACKAGING) {
                component = null; // catalogued with <cryptography>'s recipe, never pinned by hand
            }
            int before = problems.size();
            if (component == null) {
                problems.add(new Problem(w.child(where, "component"), "\"" + p.component() + "\" is not a source component",
                        "use python, openssl or fips-module"));
            }
            Optional<Version> v = Fields.version(p.version(), w.child(where, "version"), "3.11.9", problems);
            String sha = p.sha256() == null ? "" : p.sha256().trim().toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sha).matches()) {
                problems.add(new Problem(w.child(where, "sha256"), "\"" + p.sha256() + "\" is not a SHA-256 (64 hex digits)",
                        "copy the checksum published with the upstream tarball"));
            }
            if (!Fields.blank(p.file()) && !FILE.matcher(p.file().trim()).matches()) {
                problems.add(new Problem(w.child(where, "file"), "\"" + p.file() + "\" is not a tarball file name",
                        "use the upstream name, e.g. Python-3.11.9.tar.xz"));
            }
            if (!Fields.blank(p.url()) && !URL.matcher(p.url().trim()).matches()) {
                problems.add(new Problem(w.child(where, "url"), "\"" + p.url() + "\" is not an http(s) or file: URL",
                        "use the upstream download URL"));
            }
            if (problems.size() > before) {
                continue;
            }
            Release conventional = Release.conventional(component, v.get().toString(), sha, List.of("pinned in " + w.configuration() + ": " + where));
            String file = Fields.blank(p.file()) ? conventional.file() : p.file().trim();
            String url = Fields.blank(p.url())
                    ? conventional.url().substring(0, conventional.url().lastIndexOf('/') + 1) + file : p.url().trim();
            Release release = new Release(component, v.get().toString(), file, url, sha, conventional.records());
            Optional<Release> catalogued = catalog.release(component, release.version());
            if (catalogued.isPresent() && !catalogued.get().sha256().equals(sha) && catalogued.get().file().equals(file)) {
                problems.add(new Problem(w.child(where, "sha256"), component.id() + " " + release.version()
                        + " is catalogued with SHA-256 " + catalogued.get().sha256() + " (" + String.join("; ", catalogued.get().records())
                        + "), the pin says " + sha, "remove the pin, or check where your checksum came from"));
                continue;
            }
            if (pins.putIfAbsent(component.id() + ":" + release.version(), release) != null) {
                problems.add(new Problem(where, component.id() + " " + release.version() + " is pinned twice", "keep one " + w.element("source")));
            }
        }
        return this;
    }

    /** The tarball of {@code component} {@code version}: the pin, else the catalog's, else a problem at {@code where}. */
    Optional<Release> source(Release.Component component, Version version, String where, List<Problem> problems) {
        Release pin = pins.get(component.id() + ":" + version);
        if (pin != null) {
            return Optional.of(pin);
        }
        Optional<Release> known = catalog.release(component, version.toString());
        if (known.isEmpty()) {
            String pinToWrite = w.value("sources", w.value("source", w.value("component", component.id())
                    + w.value("version", version.toString()) + w.value("sha256", "(SHA-256 of the upstream tarball)")));
            problems.add(new Problem(where, component.id() + " " + version + " is not in the release catalog, so its "
                    + "tarball cannot be verified", "pin it: " + pinToWrite + ", or use a catalogued version: "
                    + catalog.versions(component)));
        }
        return known;
    }
}
