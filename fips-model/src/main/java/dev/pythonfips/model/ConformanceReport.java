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
 * cell) and an {@code index.html} matrix page (cells × checks).
 */
public final class ConformanceReport {

    /** One check's outcome: {@code pass}, {@code fail} or {@code skip}. */
    public record Check(String name, String description, String status, String message) {
        public boolean failed() {
            return status.equals("fail");
        }
    }

    /** All checks of one cell, with how long the run took. */
    public record CellResult(String cellId, String image, List<Check> checks, double seconds) {
        public long failures() {
            return checks.stream().filter(Check::failed).count();
        }
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

    /** Writes {@code TEST-<cell>.xml} per cell and {@code index.html} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (CellResult c : cells) {
            Files.writeString(dir.resolve("TEST-" + c.cellId() + ".xml"), junit(c), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("index.html"), html(), StandardCharsets.UTF_8);
    }

    static String junit(CellResult c) {
        long skipped = c.checks().stream().filter(k -> k.status().equals("skip")).count();
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
                + ".pass{background:#c8f0c8}.fail{background:#f4b4b4}.skip{background:#eee;color:#666}"
                + "</style></head><body>\n<h1>python-fips conformance</h1>\n");
        h.append("<p>").append(cells.size()).append(" cell(s), ").append(failures()).append(" failed check(s).</p>\n<table>\n<tr><th>check</th>");
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
                            .append(k.status().toUpperCase(Locale.ROOT)).append("</td>");
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
