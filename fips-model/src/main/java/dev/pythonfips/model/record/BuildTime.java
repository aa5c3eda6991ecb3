package dev.pythonfips.model.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When and how long {@code fips:build} took to produce a cell's image ({@value #KEY} in images.json). A cached
 * rebuild into the same image id keeps the first record: the image was built then.
 *
 * @param seconds  wall-clock seconds of the fabric8 build of the cell
 * @param finished when it finished (UTC, whole seconds)
 */
public record BuildTime(double seconds, Instant finished) {

    public static final String KEY = "buildTime";

    public JsonNode toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("seconds", Math.round(seconds * 10) / 10.0);
        n.put("finished", finished.truncatedTo(ChronoUnit.SECONDS).toString());
        return n;
    }

    /** The build time recorded for a cell, or null when none (or an unreadable one) is recorded. */
    public static BuildTime of(ImagesRecord.Entry e) {
        JsonNode n = e == null ? null : e.extra().get(KEY);
        if (n == null || !n.path("seconds").isNumber()) {
            return null;
        }
        try {
            return new BuildTime(n.get("seconds").asDouble(), Instant.parse(n.path("finished").asText()));
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    /** Records the build time of a freshly built cell unless its image already carries one (a cached rebuild). */
    public static ImagesRecord.Entry record(ImagesRecord record, String cellId, double seconds, Instant finished) {
        ImagesRecord.Entry e = record.cell(cellId).orElseThrow();
        return e.extra().containsKey(KEY) ? e : record.attach(cellId, KEY, new BuildTime(seconds, finished).toJson());
    }
}
