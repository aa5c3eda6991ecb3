package dev.pythonfips.model.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.report.ConformanceReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audit of one application image: what audit.py found (each finding with the allow-list entry that covers it,
 * if any) and the fail-closed checks of conformance.py run against the image. RED on any finding not allowed and
 * on any failed check.
 *
 * @param image     the image as the user named it
 * @param cell      the python-fips cell it was built FROM (its {@code dev.pythonfips.cell} label)
 * @param files     regular files scanned
 * @param elf       ELF files among them
 * @param findings  every finding, in file order
 * @param allowed   for each finding, the reason of the entry that allows it, or empty
 * @param failClosed the fail-closed checks run in the image
 * @param seconds   how long the audit of this image took
 */
public record AuditResult(String image, String cell, int files, int elf, List<AuditFinding> findings,
                          List<Optional<String>> allowed, List<ConformanceReport.Check> failClosed, double seconds) {

    public AuditResult {
        findings = List.copyOf(findings);
        allowed = List.copyOf(allowed);
        failClosed = List.copyOf(failClosed);
    }

    /** Parses audit.py's JSON and conformance.py's {@code --json} output, and applies the allow list. */
    public static AuditResult parse(String image, String cell, String auditJson, String conformanceJson, List<AuditAllow> allows,
                                    double seconds) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(auditJson);
        if (!a.has("findings")) {
            throw new IOException("the audit of " + image + " printed no findings list");
        }
        List<AuditFinding> findings = new ArrayList<>();
        List<Optional<String>> allowed = new ArrayList<>();
        for (JsonNode f : a.path("findings")) {
            AuditFinding finding = new AuditFinding(f.path("kind").asText(), f.path("path").asText(), f.path("detail").asText(),
                    f.path("owner").path("kind").asText("none"), f.path("owner").path("name").asText(""));
            findings.add(finding);
            allowed.add(allows.stream().filter(x -> x.covers(finding.path())).map(AuditAllow::reason).findFirst());
        }
        ConformanceReport.CellResult checks = ConformanceReport.parse(cell, image, conformanceJson, 0);
        return new AuditResult(image, cell, a.path("files").asInt(), a.path("elf").asInt(), findings, allowed,
                checks.checks(), seconds);
    }

    /** Findings no allow-list entry covers. */
    public List<AuditFinding> blocking() {
        List<AuditFinding> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            if (allowed.get(i).isEmpty()) {
                out.add(findings.get(i));
            }
        }
        return out;
    }

    public long failedChecks() {
        return failClosed.stream().filter(ConformanceReport.Check::failed).count();
    }

    public String result() {
        return blocking().isEmpty() && failedChecks() == 0 ? "GREEN" : "RED";
    }

    /** The report's id of this image: {@code audit-} and the reference with every other character than [A-Za-z0-9._-] as {@code _}. */
    public String id() {
        return "audit-" + image.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** As one JUnit suite: a test case per finding (failed, or skipped with the reason it is allowed), one for the scan, and the fail-closed checks. */
    public ConformanceReport.CellResult asChecks() {
        List<ConformanceReport.Check> checks = new ArrayList<>();
        checks.add(new ConformanceReport.Check("crypto-outside-the-module", "no SSL library, builtin hash or pycryptodome code outside the FIPS module",
                blocking().isEmpty() ? "pass" : "fail", String.format(Locale.ROOT, "%d files, %d ELF: %d finding(s), %d allowed",
                files, elf, findings.size(), findings.size() - blocking().size())));
        for (int i = 0; i < findings.size(); i++) {
            AuditFinding f = findings.get(i);
            String text = f.detail() + "; " + f.installedBy();
            checks.add(allowed.get(i).isPresent()
                    ? new ConformanceReport.Check(f.kind() + ": " + f.path(), f.detail(), "skip", "allowed: " + allowed.get(i).get() + " (" + text + ")")
                    : new ConformanceReport.Check(f.kind() + ": " + f.path(), f.detail(), "fail", text + ". Fix: " + f.fix()));
        }
        checks.addAll(failClosed);
        return new ConformanceReport.CellResult(id(), image, checks, seconds);
    }
}
