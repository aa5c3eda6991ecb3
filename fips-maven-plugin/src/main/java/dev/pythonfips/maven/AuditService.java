package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.audit.AuditAllow;
import dev.pythonfips.model.audit.AuditReport;
import dev.pythonfips.model.audit.AuditResult;
import dev.pythonfips.model.recipe.ImageLayout;
import dev.pythonfips.model.report.ConformanceReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * fips:audit's loop, over an {@link ContainerEngine}: checks every image and allow-list entry first (all problems at
 * once, nothing written), then runs audit.py and the fail-closed checks of conformance.py in each image (our copies,
 * on standard input, with the image's own Python as {@code python3 -I -S}: nothing of the image runs but Python's
 * start) and writes the report.
 */
final class AuditService {

    /** The label every python-fips image carries (and an image built FROM one inherits). */
    static final String CELL_LABEL = "dev.pythonfips.cell";
    /** The environment variable every python-fips image sets to its prefix. */
    static final String PREFIX_ENV = "PYTHON_FIPS_PREFIX";
    /** The checks of conformance.py that say whether the image still fails closed. */
    static final List<String> FAIL_CLOSED_CHECKS = List.of("fips-provider-active", "default-properties-fips",
            "links-our-libcrypto", "md5-refused-for-security", "fails-closed-environment", "openssl-cli-fails-closed",
            "fips-module-config", "cryptography-loads-no-provider", "cryptography-fails-closed-environment");

    private final ContainerEngine engine;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /** @param log progress lines; @param warn what the user should look at (e.g. an allow-list entry with no effect) */
    AuditService(ContainerEngine engine, Consumer<String> log, Consumer<String> warn) {
        this.engine = engine;
        this.log = log;
        this.warn = warn;
    }

    /**
     * Audits {@code images} and writes the report into {@code reportDir}.
     *
     * @throws FipsConfigException when an image is missing, not built FROM a python-fips image, or an allow-list entry
     *                             is malformed (every problem, nothing written)
     */
    List<AuditResult> audit(List<String> images, List<AuditAllow> allows, Path reportDir, long timeoutSeconds)
            throws FipsConfigException, IOException {
        List<Problem> problems = new ArrayList<>();
        if (images.isEmpty()) {
            problems.add(new Problem("<auditImages>", "names no image",
                    "name the application images built FROM a python-fips image, e.g. -Dfips.audit.images=my-app:1.0"));
        }
        if (timeoutSeconds <= 0) {
            problems.add(new Problem("<auditTimeout>", "is " + timeoutSeconds, "give the seconds one image's audit may take, e.g. 600"));
        }
        List<AuditAllow> allowed = AuditAllow.check(allows, "<auditAllows><auditAllow>", problems);
        Map<String, ContainerEngine.ImageConfig> configs = new LinkedHashMap<>();
        for (String image : images) {
            Optional<ContainerEngine.ImageConfig> config = engine.imageConfig(image);
            if (config.isEmpty()) {
                problems.add(new Problem("<auditImages> " + image, "is not in the engine (fips:audit never pulls)",
                        "build the image, or pull it yourself, then run fips:audit again"));
            } else if (!config.get().labels().containsKey(CELL_LABEL) || !config.get().env().containsKey(PREFIX_ENV)) {
                problems.add(new Problem("<auditImages> " + image, "was not built FROM a python-fips image (it has no "
                        + CELL_LABEL + " label and " + PREFIX_ENV + " variable)",
                        "audit an image whose Dockerfile starts FROM a python-fips image (e.g. FROM python-fips:3.11.2-debian12-openssl3.0.20)"));
            } else {
                configs.put(image, config.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new FipsConfigException(problems);
        }
        byte[] audit = script("audit.py");
        byte[] conformance = script("conformance.py");
        List<AuditResult> results = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, ContainerEngine.ImageConfig> e : configs.entrySet()) {
            String image = e.getKey();
            String cell = e.getValue().labels().get(CELL_LABEL);
            String prefix = e.getValue().env().get(PREFIX_ENV);
            log.accept("[" + (++i) + "/" + configs.size() + "] auditing " + image + " (FROM python-fips cell " + cell + ")");
            long t0 = System.nanoTime();
            results.add(auditOne(image, cell, prefix, audit, conformance, allowed, timeoutSeconds, t0));
        }
        AuditReport.write(results, reportDir);
        // an allow-list entry that covers no finding of any audited image does nothing: say so, it may be a typo
        for (AuditAllow a : allowed) {
            boolean used = results.stream().anyMatch(r -> r.findings().stream().anyMatch(f -> a.covers(f.path())));
            if (!used) {
                warn.accept("<auditAllows> entry " + a.path() + " covers no finding of the audited images; it has no effect");
            }
        }
        return results;
    }

    private AuditResult auditOne(String image, String cell, String prefix, byte[] audit, byte[] conformance,
                                 List<AuditAllow> allowed, long timeout, long t0) throws IOException {
        ImageLayout layout = new ImageLayout(prefix);
        String python = layout.bin() + "/python3";
        String share = layout.share();
        String why;
        try {
            ContainerEngine.Result scan = runScript(image, "/tmp", python, List.of("-I", "-S", "-", prefix, layout.manifest()), audit, timeout);
            if (scan.exitCode() != 0) {
                why = "audit.py failed in " + image + " (exit " + scan.exitCode() + "): " + tail(scan.stderr());
            } else {
                ContainerEngine.Result checks = runScript(image, share, python,
                        List.of("-I", "-S", "-", "--json", "--only=" + String.join(",", FAIL_CLOSED_CHECKS)), conformance, timeout);
                try {
                    return AuditResult.parse(image, cell, scan.stdout(), checks.stdout(), allowed, seconds(t0));
                } catch (IOException bad) {
                    why = "unreadable output in " + image + ": " + bad.getMessage() + "; " + tail(checks.stderr());
                }
            }
        } catch (IOException failed) {
            why = failed.getMessage();
        }
        return new AuditResult(image, cell, 0, 0, List.of(), List.of(),
                List.of(new ConformanceReport.Check("audit-run", "the audit ran in the image", "fail", why)), seconds(t0));
    }

    /**
     * {@code program args...} of {@code image} with {@code script} on standard input: no network, a read-only root with
     * a writable /tmp, in {@code workdir}; never pulled; stopped and removed after {@code timeout} seconds.
     */
    private ContainerEngine.Result runScript(String image, String workdir, String program, List<String> args, byte[] script,
                                             long timeout) throws IOException {
        return engine.run(ContainerEngine.Container.of(image, null, timeout, args).withEntrypoint(program).readOnlyRoot()
                .withInput(workdir, script));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 400 ? "..." + t.substring(t.length() - 400) : t;
    }

    /** Our copy of a script shipped with the model (never the image's). */
    static byte[] script(String name) throws IOException {
        try (InputStream in = ConformanceReport.class.getResourceAsStream("/dev/pythonfips/templates/conformance/" + name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the fips-model jar");
            }
            return in.readAllBytes();
        }
    }
}
