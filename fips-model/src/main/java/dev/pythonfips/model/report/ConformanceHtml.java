package dev.pythonfips.model.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.record.BuildTime;
import dev.pythonfips.model.record.ImagesRecord;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.pythonfips.model.report.ConformanceReport.esc;

/**
 * The {@code index.html} of a {@link ConformanceReport}: one self-contained page (inline CSS, no script, nothing
 * fetched) that a person reads without the XML. An overview row per cell, then per cell what was verified (image id,
 * size, platforms, base image, build time, pushes from images.json; Python, OpenSSL and FIPS module versions,
 * validation status and certificates, policy from the cell's manifest.json) and every check with its description
 * and the message saying why it passed or failed; last, every check across cells at a glance. Deterministic: the
 * same report gives the same bytes (no time of rendering, cells in plan order, checks in run order).
 */
final class ConformanceHtml {

    static final String CMVP_CERTIFICATE = "https://csrc.nist.gov/projects/cryptographic-module-validation-program/certificate/";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String CSS = String.join("",
            "*{box-sizing:border-box}",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1f2328;",
            "background:#fff;max-width:1200px;margin:0 auto;padding:20px}",
            "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0;display:flex;gap:10px;align-items:center;",
            "flex-wrap:wrap}h3{font-size:14px;margin:16px 0 6px;color:#57606a}",
            "p.lead{margin:0 0 16px;color:#57606a}",
            "table{border-collapse:collapse;width:100%}",
            "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}",
            "th{background:#f6f8fa;font-weight:600}",
            "code,.mono{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:12px}",
            "code{overflow-wrap:anywhere}",
            "a{color:#0969da}",
            ".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}",
            ".GREEN,.pass{background:#dafbe1;color:#116329}",
            ".RED,.fail{background:#ffebe9;color:#a40e26}",
            ".NOT-VERIFIED,.not-verified{background:#fff8c5;color:#7d4e00}",
            ".skip{background:#eaeef2;color:#57606a}",
            ".no{color:#a40e26;font-weight:600}.yes{color:#116329;font-weight:600}.none{color:#8c959f}",
            "section.cell{border:1px solid #d0d7de;border-radius:6px;margin:20px 0;padding:14px 16px}",
            "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:12px 0 0}",
            "dl.facts dt{font-weight:600;color:#57606a}dl.facts dd{margin:0;min-width:0}",
            "table.checks td.msg{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,'DejaVu Sans Mono',",
            "Menlo,Consolas,monospace;font-size:12px}",
            "table.checks td.st{width:1%;white-space:nowrap}table.checks td.name{width:22%;overflow-wrap:anywhere}",
            "table.checks td.desc{width:30%;color:#57606a}",
            "table.matrix td{text-align:center;white-space:nowrap}table.matrix th.check{white-space:nowrap}",
            "td.num{text-align:right;white-space:nowrap}table.overview td:first-child{white-space:nowrap}",
            "h2 code{font-size:15px}",
            "tr.row-fail td{background:#fff5f5}tr.row-not-verified td{background:#fffbeb}",
            "footer{margin-top:24px;color:#8c959f;font-size:12px}");

    private ConformanceHtml() {
    }

    static String render(ConformanceReport report) {
        List<ConformanceReport.CellResult> cells = report.cells();
        Wording w = report.wording();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>python-fips conformance</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>python-fips conformance</h1>\n<p class=\"lead\">").append(cells.size()).append(" cell(s): ")
                .append(count(cells, "GREEN")).append(" green, ").append(count(cells, "RED")).append(" red, ")
                .append(count(cells, "NOT VERIFIED")).append(" not verified; ").append(report.failures())
                .append(" failed check(s), ").append(report.notVerified()).append(" platform(s) not verified.</p>\n");
        overview(h, report, cells);
        for (ConformanceReport.CellResult c : cells) {
            cell(h, c, report.facts(c.cellId()), w);
        }
        matrix(h, cells);
        h.append("<footer>Written by ").append(esc(w.goal("verify"))).append(" from target/fips/images.json (what ")
                .append(esc(w.goal("build"))).append(" built), each cell's ")
                .append("manifest.json (what the cell promises) and the conformance runs in the images. ")
                .append("The same results as the JUnit XML files next to this page.</footer>\n");
        return h.append("</body></html>\n").toString();
    }

    private static long count(List<ConformanceReport.CellResult> cells, String result) {
        return cells.stream().filter(c -> c.result().equals(result)).count();
    }

    private static void overview(StringBuilder h, ConformanceReport report, List<ConformanceReport.CellResult> cells) {
        h.append("<table class=\"overview\">\n<tr><th>cell</th><th>result</th><th>Python</th><th>OpenSSL</th>")
                .append("<th>FIPS module</th><th>validated</th><th>policy</th><th>size</th><th>passed</th><th>failed</th>")
                .append("<th>skipped</th><th>not verified</th></tr>\n");
        for (ConformanceReport.CellResult c : cells) {
            JsonNode m = manifest(report.facts(c.cellId()));
            ImagesRecord.Entry e = entry(report.facts(c.cellId()));
            h.append("<tr><td><a href=\"#").append(anchor(c.cellId())).append("\"><code>").append(esc(c.cellId()))
                    .append("</code></a></td><td>").append(badge(c.result())).append("</td><td>")
                    .append(text(m, "python", "version")).append("</td><td>").append(text(m, "openssl", "version"))
                    .append("</td><td>").append(text(m, "fips", "version")).append("</td><td>").append(validatedShort(m))
                    .append("</td><td>").append(text(m, "policy")).append("</td><td class=\"num\">")
                    .append(e == null || e.size() == null ? none("–") : esc(size(e.size()))).append("</td>");
            for (long n : new long[]{status(c, "pass"), c.failures(), status(c, "skip"), c.notVerified()}) {
                h.append("<td class=\"num\">").append(n).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static long status(ConformanceReport.CellResult c, String status) {
        return c.checks().stream().filter(k -> k.status().equals(status)).count();
    }

    private static void cell(StringBuilder h, ConformanceReport.CellResult c, ConformanceReport.CellFacts facts, Wording w) {
        JsonNode m = manifest(facts);
        ImagesRecord.Entry e = entry(facts);
        h.append("<section class=\"cell\" id=\"").append(anchor(c.cellId())).append("\">\n<h2><code>")
                .append(esc(c.cellId())).append("</code> ").append(badge(c.result())).append("</h2>\n<dl class=\"facts\">\n");
        fact(h, "result", String.format(Locale.ROOT, "%d passed, %d failed, %d skipped, %d not verified (conformance run %.1f s)",
                status(c, "pass"), c.failures(), status(c, "skip"), c.notVerified(), c.seconds()));
        factHtml(h, "image", "<code>" + esc(c.image()) + "</code>");
        if (e == null) {
            factHtml(h, "build", none("not in images.json: " + esc(w.goal("build")) + " did not record this cell"));
        } else {
            factHtml(h, "image id", e.imageId() == null ? none("none recorded") : "<code>" + esc(e.imageId()) + "</code>");
            fact(h, "size", e.size() == null ? "not recorded" : size(e.size()) + " (" + e.size() + " bytes)");
            fact(h, "platforms", e.platforms().isEmpty() ? "not recorded" : String.join(", ", e.platforms()));
            if (e.baseImage() != null) {
                factHtml(h, "base image", "<code>" + esc(e.baseImage().reference()) + "</code> "
                        + (e.baseImage().digest() != null ? "digest <code>" + esc(e.baseImage().digest()) + "</code>"
                        : "id <code>" + esc(e.baseImage().imageId()) + "</code> " + none("(no registry digest)")));
            }
            BuildTime t = BuildTime.of(e);
            factHtml(h, "build", esc(e.status()) + (t == null ? " " + none("(no build time recorded)")
                    : ", finished " + esc(UTC.format(t.finished())) + ", took " + esc(duration(t.seconds())))
                    + (e.error() == null ? "" : "<br><span class=\"no\">" + esc(e.error()) + "</span>"));
            if (!e.pushes().isEmpty()) {
                StringBuilder p = new StringBuilder();
                Set<String> pinned = new LinkedHashSet<>();
                e.pushes().forEach(x -> pinned.add(x.pinned()));
                pinned.forEach(x -> p.append(p.length() == 0 ? "" : "<br>").append("<code>").append(esc(x)).append("</code>"));
                factHtml(h, "pushed", p.toString());
            }
        }
        if (m == null) {
            factHtml(h, "manifest", "<span class=\"no\">" + esc(facts == null || facts.manifestProblem() == null
                    ? "no manifest.json" : facts.manifestProblem()) + "</span>");
        } else {
            factHtml(h, "Python", text(m, "python", "version") + " " + none("(builtin hashes: " + esc(m.path("python")
                    .path("builtinHashes").asText("?")) + "; optimizations: " + esc(m.path("python").path("optimizations")
                    .asText("?")) + "; interpreter linkage: " + esc(m.path("python").path("interpreterLinkage").asText("?"))
                    + "; " + esc(m.path("python").path("patch").asText("")) + ")"));
            factHtml(h, "OpenSSL", text(m, "openssl", "version"));
            factHtml(h, "FIPS module", text(m, "fips", "version") + " " + none("(" + esc(m.path("fips").path("kind").asText("?"))
                    + ")"));
            factHtml(h, "validation", validation(m));
            factHtml(h, "policy", text(m, "policy") + " " + none("(fipsInstall: " + esc(m.path("fipsInstall").asText("?")) + ")"));
            factHtml(h, "distro", text(m, "distro"));
        }
        h.append("</dl>\n<h3>checks</h3>\n<table class=\"checks\">\n<tr><th>status</th><th>check</th><th>what it checks</th>")
                .append("<th>why: the check's message</th></tr>\n");
        for (ConformanceReport.Check k : c.checks()) {
            h.append("<tr class=\"row-").append(esc(k.status())).append("\"><td class=\"st\">").append(statusBadge(k.status()))
                    .append("</td><td class=\"name\"><code>").append(esc(k.name())).append("</code></td><td class=\"desc\">")
                    .append(esc(k.description())).append("</td><td class=\"msg\">")
                    .append(k.message() == null || k.message().isBlank() ? none("(no message)") : esc(k.message()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void matrix(StringBuilder h, List<ConformanceReport.CellResult> cells) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        cells.forEach(c -> c.checks().forEach(k -> {
            names.add(k.name());
            descriptions.putIfAbsent(k.name(), k.description());
        }));
        h.append("<h3>every check across cells</h3>\n<table class=\"matrix\">\n<tr><th>check</th>");
        for (ConformanceReport.CellResult c : cells) {
            h.append("<th><a href=\"#").append(anchor(c.cellId())).append("\"><code>").append(esc(c.cellId()))
                    .append("</code></a></th>");
        }
        h.append("</tr>\n");
        for (String n : names) {
            h.append("<tr><th class=\"check\" title=\"").append(esc(descriptions.get(n))).append("\"><code>").append(esc(n))
                    .append("</code></th>");
            for (ConformanceReport.CellResult c : cells) {
                ConformanceReport.Check k = c.checks().stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
                if (k == null) {
                    h.append("<td class=\"none\">–</td>");
                } else {
                    h.append("<td class=\"").append(esc(k.status())).append("\" title=\"").append(esc(k.message())).append("\">")
                            .append(esc(word(k.status()))).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** Validated or not, with standard, certificates (linked to the CMVP), their source and the sunset date. */
    private static String validation(JsonNode m) {
        JsonNode fips = m.path("fips");
        if (!fips.path("validated").asBoolean(false)) {
            return "<span class=\"no\">NOT a validated module</span> " + none("(no CMVP certificate on record for "
                    + esc(fips.path("version").asText("?")) + ")");
        }
        List<String> certs = new ArrayList<>();
        fips.path("certificates").forEach(n -> certs.add("<a href=\"" + esc(CMVP_CERTIFICATE + n.asText()) + "\">#"
                + esc(n.asText()) + "</a>"));
        String historical = fips.path("historicalAfter").asText("");
        return "<span class=\"yes\">validated</span>, " + esc(fips.path("standard").asText("?")) + ", certificate "
                + (certs.isEmpty() ? none("none listed") : String.join(", ", certs))
                + " " + none("(source: " + esc(fips.path("certificateSource").asText("?"))
                + (historical.isEmpty() ? "" : "; historical after " + esc(historical)) + ")");
    }

    private static String validatedShort(JsonNode m) {
        if (m == null || m.path("fips").path("validated").isMissingNode()) {
            return none("–");
        }
        JsonNode fips = m.path("fips");
        if (!fips.path("validated").asBoolean(false)) {
            return "<span class=\"no\">no</span>";
        }
        List<String> certs = new ArrayList<>();
        fips.path("certificates").forEach(n -> certs.add("#" + n.asText()));
        return "<span class=\"yes\">yes</span> " + esc(String.join(", ", certs));
    }

    private static JsonNode manifest(ConformanceReport.CellFacts f) {
        return f == null ? null : f.manifest();
    }

    private static ImagesRecord.Entry entry(ConformanceReport.CellFacts f) {
        return f == null ? null : f.entry();
    }

    /** An escaped text at a path of the manifest, or a grey dash when absent. */
    private static String text(JsonNode m, String... path) {
        JsonNode n = m;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        return n == null || n.isNull() || n.isContainerNode() || n.asText().isEmpty() ? none("–") : esc(n.asText());
    }

    private static void fact(StringBuilder h, String name, String text) {
        factHtml(h, name, esc(text));
    }

    private static void factHtml(StringBuilder h, String name, String html) {
        h.append("<dt>").append(esc(name)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static String none(String text) {
        return "<span class=\"none\">" + text + "</span>";
    }

    private static String badge(String result) {
        return "<span class=\"badge " + esc(result.replace(' ', '-')) + "\">" + esc(result) + "</span>";
    }

    private static String statusBadge(String status) {
        return "<span class=\"badge " + esc(status) + "\">" + esc(word(status)) + "</span>";
    }

    private static String word(String status) {
        return status.toUpperCase(Locale.ROOT).replace('-', ' ');
    }

    static String anchor(String cellId) {
        return "cell-" + cellId.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
