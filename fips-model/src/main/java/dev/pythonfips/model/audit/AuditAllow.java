package dev.pythonfips.model.audit;

import dev.pythonfips.model.Problem;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding a team accepts ({@code <auditAllows><auditAllow>}): the file (an absolute path in the image, {@code *}
 * and {@code **} as in a glob) and why. An allowed finding is reported, with the reason, and does not fail the
 * audit.
 */
public record AuditAllow(String path, String reason) {

    /** True when this entry covers {@code file}. */
    public boolean covers(String file) {
        return matcher().matches(Path.of(file));
    }

    private PathMatcher matcher() {
        return FileSystems.getDefault().getPathMatcher("glob:" + path);
    }

    /**
     * The entries, checked: an absolute path without {@code ..} and a reason, each. Every problem names the entry
     * ({@code where[i]}) and the fix.
     */
    public static List<AuditAllow> check(List<AuditAllow> entries, String where, List<Problem> problems) {
        List<AuditAllow> ok = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            AuditAllow a = entries.get(i);
            String at = where + "[" + (i + 1) + "]";
            int before = problems.size();
            String path = a.path() == null ? "" : a.path().trim();
            String reason = a.reason() == null ? "" : a.reason().trim();
            if (path.isEmpty()) {
                problems.add(new Problem(at + "<path>", "is missing", "name the file in the image, e.g. /usr/lib/x86_64-linux-gnu/libcrypto.so.3"));
            } else if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")) {
                problems.add(new Problem(at + "<path>", "\"" + path + "\" is not an absolute path in the image",
                        "write it from the root, e.g. /usr/lib/x86_64-linux-gnu/libcrypto.so.3 (* and ** match as in a glob)"));
            } else {
                try {
                    new AuditAllow(path, reason).matcher();
                } catch (RuntimeException e) {
                    problems.add(new Problem(at + "<path>", "\"" + path + "\" is not a valid pattern: " + e.getMessage(),
                            "use a plain path, or * and ** as in a glob"));
                }
            }
            if (reason.isEmpty()) {
                problems.add(new Problem(at + "<reason>", "is missing", "say why the team accepts this file, e.g. "
                        + "\"curl for the health check; it handles no application data\""));
            }
            if (problems.size() == before) {
                ok.add(new AuditAllow(path, reason));
            }
        }
        return ok;
    }
}
