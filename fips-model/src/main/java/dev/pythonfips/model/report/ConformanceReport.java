package dev.pythonfips.model.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.record.ImagesRecord;

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

    /**
     * What the report shows of a cell besides its checks: its images.json entry (image id, size, base image, build
     * time, pushes) and the manifest.json of its generated context (versions, FIPS module validation, policy). Either
     * may be missing; {@code manifestProblem} then says why the manifest could not be read.
     */
    public record CellFacts(ImagesRecord.Entry entry, JsonNode manifest, String manifestProblem) {
    }

    private final List<CellResult> cells = new ArrayList<>();
    private final Map<String, CellFacts> facts = new LinkedHashMap<>();
    private final Wording wording;

    /** @param wording how the frontend names its steps, for the hints in the report */
    public ConformanceReport(Wording wording) {
        this.wording = wording;
    }

    Wording wording() {
        return wording;
    }

    /** Adds what images.json and the cell's manifest.json (read here; absent or unreadable is noted) say about it. */
    public void describe(String cellId, ImagesRecord.Entry entry, Path manifest) {
        JsonNode doc = null;
        String problem = null;
        if (manifest == null || !Files.isRegularFile(manifest)) {
            problem = "no " + (manifest == null ? "manifest.json" : manifest)
                    + " (run " + wording.goal("generate") + " or " + wording.goal("build") + ")";
        } else {
            try {
                doc = new ObjectMapper().readTree(manifest.toFile());
            } catch (IOException e) {
                problem = manifest + " is unreadable: " + e.getMessage();
            }
        }
        facts.put(cellId, new CellFacts(entry, doc, problem));
    }

    /** What {@link #describe} recorded for a cell, or null. */
    public CellFacts facts(String cellId) {
        return facts.get(cellId);
    }

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

    /** One cell's JUnit XML (also the audit's, one image a suite). */
    public static String junitXml(CellResult c) {
        return junit(c);
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

    /** The index.html page: an overview of every cell, then per cell its facts and every check with its message. */
    String html() {
        return ConformanceHtml.render(this);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
