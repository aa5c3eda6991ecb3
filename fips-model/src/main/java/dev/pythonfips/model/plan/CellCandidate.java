package dev.pythonfips.model.plan;

import dev.pythonfips.model.Wording;

import java.util.List;
import java.util.Map;

/**
 * One cell as the user wrote it, before validation: from an {@code <images><image>} or one python × distro of the
 * matrix, with how each field is named in problems.
 *
 * @param where          the element the cell comes from, as worded (e.g. {@code <images><image>[2]})
 * @param platformsWhere the element its platforms come from, as worded
 * @param named          fields the user wrote somewhere else (e.g. {@code -Dfips.pythons (garbage)}), by field name
 * @param cryptography   the cell's own {@code <cryptography>} (an {@code <image>}'s), or null for the shared one
 */
record CellCandidate(String where, String python, String distro, String openssl, String fipsProvider,
                     List<String> platforms, String platformsWhere, Map<String, String> named, Wording wording,
                     String cryptography) {

    CellCandidate {
        platforms = List.copyOf(platforms);
        named = Map.copyOf(named);
    }

    /** The element a problem with {@code field} names: how the user wrote it, else {@code where<field>}. */
    String at(String field) {
        return named.getOrDefault(field, wording.child(where, field));
    }
}
