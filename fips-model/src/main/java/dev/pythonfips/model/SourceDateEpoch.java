package dev.pythonfips.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The build date every image is made with: {@code SOURCE_DATE_EPOCH} (reproducible-builds.org) for the build
 * (OpenSSL's {@code buildinf.h}, gcc's {@code __DATE__}/{@code __TIME__} in libpython, pip's bytecode, the mtimes of
 * the installed prefix) and the image's {@code org.opencontainers.image.created} label. The frontend reads it from the
 * project's output timestamp (Maven: {@code project.build.outputTimestamp}) and uses the same rules as Maven's
 * archiver: ISO-8601 with an offset or seconds since the epoch, between {@link #MIN} and {@link #MAX}; empty or a
 * single character means "not set", and then {@link #DEFAULT} is used, so an unconfigured project still builds the
 * same bytes every time.
 */
public final class SourceDateEpoch {

    /** Maven's lower bound (zip's DOS time starts at 1980; pip's wheel builder refuses earlier dates). */
    public static final Instant MIN = Instant.parse("1980-01-01T00:00:02Z");
    /** Maven's upper bound. */
    public static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");
    /** Used when no output timestamp is set: fixed (never the clock), the earliest date every tool accepts. */
    public static final long DEFAULT = MIN.getEpochSecond();

    private SourceDateEpoch() {
    }

    /**
     * Seconds since the epoch for {@code value}, or {@link #DEFAULT} when it is unset (null, blank, one character).
     *
     * @param where how the user wrote it, for the problem (e.g. {@code <project.build.outputTimestamp>})
     */
    public static long parse(String value, String where) throws FipsConfigException {
        if (value == null || value.trim().length() < 2) {
            return DEFAULT;
        }
        String v = value.trim();
        String fix = "set it to an ISO-8601 date-time with an offset, e.g. 2026-01-01T00:00:00Z, or to seconds since "
                + "the epoch, e.g. 1767225600, between " + MIN + " and " + MAX + " (or remove it: images then use "
                + MIN + ")";
        Instant t;
        try {
            t = v.matches("[0-9]+") ? Instant.ofEpochSecond(Long.parseLong(v)) : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new FipsConfigException(new Problem(where + " = '" + v + "'",
                    "is neither an ISO-8601 date-time with an offset nor seconds since the epoch", fix));
        }
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new FipsConfigException(new Problem(where + " = '" + v + "'",
                    "is " + t + ", outside " + MIN + " .. " + MAX, fix));
        }
        return t.getEpochSecond();
    }

    /** RFC 3339 in UTC, e.g. {@code 2026-01-01T00:00:00Z}: the {@code org.opencontainers.image.created} value. */
    public static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
