package dev.pythonfips.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Results of the conformance check run inside each built image, written as JUnit XML (one test case per check per
 * cell) and an {@code index.html} matrix page (cells × checks). Checks of a cell are per platform
 * ({@code linux/arm64: fips-provider-active}); a platform that could not run here is one {@value #NOT_VERIFIED}
 * check, which is never counted as passed.
 */
public final class ConformanceReport {

    /** Status of a platform that could not be checked here (no emulation, image of that platform absent). */
    public static final String NOT_VERIFIED = "not-verified";

    /** One check's outcome: {@code pass}, {@code fail}, {@code skip} or {@value #NOT_VERIFIED}. */
    public record Check(String name, String description, String status, String message) {
        public boolean failed() {
            return status.equals("fail");
        }

        public boolean notVerified() {
            return status.equals(NOT_VERIFIED);
        }
    }

    /** All checks of one cell, with how long the run took. */
    public record CellResult(String cellId, String image, List<Check> checks, double seconds) {
        public long failures() {
            return checks.stream().filter(Check::failed).count();
        }

        public long notVerified() {
            return checks.stream().filter(Check::notVerified).count();
        }

        /** GREEN only when nothing failed and every platform was verified; else RED or NOT VERIFIED. */
        public String result() {
            return failures() > 0 ? "RED" : notVerified() > 0 ? "NOT VERIFIED" : "GREEN";
        }

        /** The same checks named per platform, e.g. {@code linux/arm64: fips-provider-active}. */
        public CellResult onPlatform(Platform platform) {
            return new CellResult(cellId, image, checks.stream().map(k -> new Check(platform + ": " + k.name(),
                    k.description(), k.status(), k.message())).toList(), seconds);
        }
    }

    /** The one check of a platform that could not be checked here, with the reason. */
    public static Check notVerified(Platform platform, String why) {
        return new Check(platform + ": platform-verified", "the conformance check ran on " + platform, NOT_VERIFIED, why);
    }

    /** One cell's results over its platforms, in order. */
    public static CellResult combine(String cellId, String image, List<CellResult> perPlatform) {
        List<Check> checks = new ArrayList<>();
        double seconds = 0;
        for (CellResult r : perPlatform) {
            checks.addAll(r.checks());
            seconds += r.seconds();
        }
        return new CellResult(cellId, image, checks, seconds);
    }

    private final List<CellResult> cells = new ArrayList<>();

    /** Parses the {@code conformance.py --json} output of one cell. */
    public static CellResult parse(String cellId, String image, String json, double seconds) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json);
        List<Check> checks = new ArrayList<>();
        for (JsonNode c : doc.path("checks")) {
            checks.add(new Check(c.path("name").asText(), c.path("description").asText(), c.path("status").asText(),
                    c.path("message").asText()));
        }
        if (checks.isEmpty()) {
            throw new IOException("conformance output of " + cellId + " has no checks");
        }
        return new CellResult(cellId, image, checks, seconds);
    }

    /** A cell whose check could not run at all (image missing, container failed). */
    public static CellResult crashed(String cellId, String image, String why) {
        return new CellResult(cellId, image, List.of(new Check("conformance-run", "the conformance check ran", "fail", why)), 0);
    }

    public void add(CellResult result) {
        cells.add(result);
    }

    public List<CellResult> cells() {
        return List.copyOf(cells);
    }

    public long failures() {
        return cells.stream().mapToLong(CellResult::failures).sum();
    }

    public long notVerified() {
        return cells.stream().mapToLong(CellResult::notVerified).sum();
    }

    /** Writes {@code TEST-<cell>.xml} per cell and {@code index.html} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (CellResult c : cells) {
            Files.writeString(dir.resolve("TEST-" + c.cellId() + ".xml"), junit(c), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("index.html"), html(), StandardCharsets.UTF_8);
    }

    static String junit(CellResult c) {
        long skipped = c.checks().stream().filter(k -> k.status().equals("skip") || k.notVerified()).count();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"python-fips.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
                esc(c.cellId()), c.checks().size(), c.failures(), skipped, c.seconds()));
        x.append("  <properties><property name=\"image\" value=\"").append(esc(c.image())).append("\"/></properties>\n");
        for (Check k : c.checks()) {
            x.append("  <testcase classname=\"python-fips.").append(esc(c.cellId())).append("\" name=\"").append(esc(k.name())).append('"');
            switch (k.status()) {
                case "fail" -> x.append(">\n    <failure message=\"").append(esc(k.message())).append("\">")
                        .append(esc(k.description())).append("</failure>\n  </testcase>\n");
                case "skip" -> x.append(">\n    <skipped message=\"").append(esc(k.message())).append("\"/>\n  </testcase>\n");
                case NOT_VERIFIED -> x.append(">\n    <skipped message=\"NOT VERIFIED: ").append(esc(k.message())).append("\"/>\n  </testcase>\n");
                default -> x.append("/>\n");
            }
        }
        return x.append("</testsuite>\n").toString();
    }

    String html() {
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        cells.forEach(c -> c.checks().forEach(k -> {
            names.add(k.name());
            descriptions.putIfAbsent(k.name(), k.description());
        }));
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>python-fips conformance</title><style>"
                + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "th,td{border:1px solid #999;padding:4px 8px;font-size:13px}th.check{text-align:left}"
                + ".pass{background:#c8f0c8}.fail{background:#f4b4b4}.skip{background:#eee;color:#666}.not-verified{background:#f8e08e}"
                + "</style></head><body>\n<h1>python-fips conformance</h1>\n");
        h.append("<p>").append(cells.size()).append(" cell(s), ").append(failures()).append(" failed check(s), ")
                .append(notVerified()).append(" platform(s) not verified.</p>\n<table>\n<tr><th>check</th>");
        for (CellResult c : cells) {
            h.append("<th>").append(esc(c.cellId())).append("<br><small>").append(esc(c.image())).append("</small></th>");
        }
        h.append("</tr>\n");
        for (String n : names) {
            h.append("<tr><th class=\"check\" title=\"").append(esc(descriptions.get(n))).append("\">").append(esc(n)).append("</th>");
            for (CellResult c : cells) {
                Check k = c.checks().stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
                if (k == null) {
                    h.append("<td class=\"skip\">-</td>");
                } else {
                    h.append("<td class=\"").append(k.status()).append("\" title=\"").append(esc(k.message())).append("\">")
                            .append(k.status().toUpperCase(Locale.ROOT).replace("-", " ")).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
