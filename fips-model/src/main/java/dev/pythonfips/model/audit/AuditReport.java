package dev.pythonfips.model.audit;

import dev.pythonfips.model.report.ConformanceReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The audit's report: {@code TEST-audit-IMAGE.xml} per image (JUnit, as CI systems read it) and an {@code index.html}
 * listing every image with its findings (file, what installed it, the fix) and fail-closed checks.
 */
public final class AuditReport {

    private AuditReport() {
    }

    public static void write(List<AuditResult> results, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (AuditResult r : results) {
            Files.writeString(dir.resolve("TEST-" + r.id() + ".xml"), ConformanceReport.junitXml(r.asChecks()), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("index.html"), html(results), StandardCharsets.UTF_8);
    }

    static String html(List<AuditResult> results) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>python-fips audit</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".GREEN,.pass{color:#060}.RED,.fail{color:#a00;font-weight:bold}.skip{color:#666}</style></head><body>\n"
                + "<h1>python-fips audit of application images</h1>\n<table><tr><th>Image</th><th>Built FROM cell</th>"
                + "<th>Files (ELF)</th><th>Findings (allowed)</th><th>Fail-closed checks failed</th><th>Result</th></tr>\n");
        for (AuditResult r : results) {
            h.append("<tr><td><a href=\"#").append(esc(r.id())).append("\">").append(esc(r.image())).append("</a></td><td>")
                    .append(esc(r.cell())).append("</td><td>").append(r.files()).append(" (").append(r.elf()).append(")</td><td>")
                    .append(r.findings().size()).append(" (").append(r.findings().size() - r.blocking().size()).append(")</td><td>")
                    .append(r.failedChecks()).append("</td><td class=\"").append(r.result()).append("\">").append(r.result())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (AuditResult r : results) {
            h.append("<h2 id=\"").append(esc(r.id())).append("\">").append(esc(r.image())).append(" <span class=\"")
                    .append(r.result()).append("\">").append(r.result()).append("</span></h2>\n");
            h.append("<table><tr><th>Check or file</th><th>Status</th><th>What, who installed it, fix</th></tr>\n");
            for (ConformanceReport.Check c : r.asChecks().checks()) {
                h.append("<tr><td>").append(esc(c.name())).append("</td><td class=\"").append(esc(c.status())).append("\">")
                        .append(esc(c.status().toUpperCase(java.util.Locale.ROOT))).append("</td><td>").append(esc(c.message()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<p>What the audit reads: every regular file of the image (audit.py, run with the image's Python as "
                + "<code>python3 -I -S</code>, no network, a read-only root); it runs no program of the image. What it does "
                + "not catch: crypto in pure Python code, in a language runtime that carries its own (Go, Java, Node), in "
                + "files it cannot read, or brought in at run time.</p>\n</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
