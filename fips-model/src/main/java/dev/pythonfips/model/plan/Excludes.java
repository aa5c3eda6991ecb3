package dev.pythonfips.model.plan;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <excludes>}: like a CI matrix exclude, every given field must match; with a platform only that platform of
 * the cell is dropped. Remembers which entries matched, so an exclude that matches nothing is warned.
 */
final class Excludes {

    private final List<FipsSpec.ExcludeSpec> excludes;
    private final boolean[] used;
    private final Wording w;

    Excludes(List<FipsSpec.ExcludeSpec> excludes, Wording wording) {
        this.excludes = excludes;
        this.used = new boolean[excludes.size()];
        this.w = wording;
    }

    private String where(int index) {
        return w.item(w.element("excludes"), "exclude", index + 1);
    }

    void check(Catalog catalog, List<Problem> problems) {
        for (int i = 0; i < excludes.size(); i++) {
            FipsSpec.ExcludeSpec e = excludes.get(i);
            String where = where(i);
            if (Fields.blank(e.python()) && Fields.blank(e.distro()) && Fields.blank(e.openssl()) && Fields.blank(e.fipsProvider())
                    && Fields.blank(e.platform())) {
                problems.add(new Problem(where, "is empty and would exclude everything",
                        "give at least one of " + String.join(", ", List.of("python", "distro", "openssl", "fipsProvider", "platform")
                                .stream().map(w::element).toList())));
            }
            if (!Fields.blank(e.distro())) {
                Fields.unknownDistro(catalog, w.child(where, "distro"), e.distro().trim(), "").ifPresent(p ->
                        problems.add(new Problem(p.element(), "unknown distro \"" + e.distro() + "\"", p.fix())));
            }
            if (!Fields.blank(e.platform()) && Platform.tryParse(e.platform()).isEmpty()) {
                problems.add(new Problem(w.child(where, "platform"), "\"" + e.platform() + "\" is not a platform", "write os/arch, e.g. linux/arm64"));
            }
            for (String[] f : new String[][]{{"python", e.python()}, {"openssl", e.openssl()}, {"fipsProvider", e.fipsProvider()}}) {
                if (!Fields.blank(f[1]) && Version.tryParse(f[1]).isEmpty()) {
                    problems.add(new Problem(w.child(where, f[0]), "\"" + f[1] + "\" is not a version", "write a full version such as 3.11.9"));
                }
            }
        }
    }

    /** The platforms of a cell that no exclude drops, marking the excludes that matched. */
    List<Platform> keep(Version py, String distro, Version lib, Version prov, List<Platform> platforms) {
        List<Platform> kept = new ArrayList<>();
        for (Platform p : platforms) {
            boolean out = false;
            for (int i = 0; i < excludes.size(); i++) {
                FipsSpec.ExcludeSpec e = excludes.get(i);
                if (matches(e.python(), py.toString()) && matches(e.distro(), distro) && matches(e.openssl(), lib.toString())
                        && matches(e.fipsProvider(), prov.toString()) && matches(e.platform(), p.toString())) {
                    used[i] = true;
                    out = true;
                }
            }
            if (!out) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** A warning for every exclude that matched no cell or platform. */
    List<String> unused() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                out.add(where(i) + " matches no cell or platform; it has no effect");
            }
        }
        return out;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.trim().equals(actual);
    }
}
