package dev.pythonfips.maven;

/** {@code <auditAllows><auditAllow>}: a file the team accepts in an audited image, and why. */
public class AuditAllow {
    /** Absolute path in the image; {@code *} and {@code **} match as in a glob. */
    String path;
    /** Why the team accepts it (shown in the report). */
    String reason;
}
