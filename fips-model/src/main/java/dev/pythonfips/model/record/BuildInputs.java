package dev.pythonfips.model.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pythonfips.model.Digests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a cell's image is built from, as one SHA-256 that is the same for every platform of the cell: its generated
 * context ({@link Digests#tree}) with the platform list of manifest.json left out (a job that builds one platform
 * generates the same context as the job that builds another, but for that list). fips:build records it per cell in
 * images.json ({@link #KEY}); assembling a cell from several jobs' records refuses platforms built from different
 * inputs (another pom, another plugin version, other sources).
 */
public final class BuildInputs {

    /** The images.json key fips:build attaches it under. */
    public static final String KEY = "buildInputs";
    /** The context's files that are not build inputs: what fips:sbom writes into it later. */
    private static final String[] NOT_INPUTS = {"sbom.cdx.json", "provenance.intoto.json"};

    private BuildInputs() {
    }

    /** The inputs digest of the generated context {@code context} ({@code sha256:…}). */
    public static String of(Path context) throws IOException {
        String[] skip = new String[NOT_INPUTS.length + 1];
        System.arraycopy(NOT_INPUTS, 0, skip, 0, NOT_INPUTS.length);
        skip[NOT_INPUTS.length] = "manifest.json";
        String tree = Digests.tree(context, skip);
        Path manifest = context.resolve("manifest.json");
        String withoutPlatforms = "";
        if (Files.isRegularFile(manifest)) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            JsonNode m = json.readTree(manifest.toFile());
            if (m instanceof ObjectNode o) {
                o.remove("platforms");
            }
            withoutPlatforms = json.writeValueAsString(json.treeToValue(m, Object.class));
        }
        return "sha256:" + Digests.sha256(tree + "\n" + Digests.sha256(withoutPlatforms) + "\n");
    }
}
