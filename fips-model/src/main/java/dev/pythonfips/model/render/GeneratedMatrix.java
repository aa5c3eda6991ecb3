package dev.pythonfips.model.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.CellFilter;
import dev.pythonfips.model.plan.Plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells as generated: {@code target/fips/matrix.json}, read back. Goals that check what was generated and built
 * ({@code fips:verify}) work from this file, not from the pom, so they need none of the matrix configuration and
 * always check exactly the cells that were generated.
 */
public record GeneratedMatrix(List<Entry> cells) {

    public static final String FILE = "matrix.json";

    /**
     * One cell of matrix.json.
     *
     * @param prefix install prefix of OpenSSL and Python in the image
     */
    public record Entry(String id, String python, String distro, String openssl, String fipsProvider, boolean fipsValidated,
                        List<String> fipsCertificates, String certificateSource, List<Platform> platforms, String image,
                        String baseImage, String policy, String builtinHashes, String prefix) {
        public Entry {
            fipsCertificates = List.copyOf(fipsCertificates);
            platforms = List.copyOf(platforms);
        }
    }

    public GeneratedMatrix {
        cells = List.copyOf(cells);
    }

    /** What {@link Generator} writes to matrix.json for {@code plan}. */
    public static GeneratedMatrix of(Plan plan) {
        List<Entry> out = new ArrayList<>();
        for (Cell c : plan.cells()) {
            out.add(new Entry(c.id(), c.python().toString(), c.distro().id(), c.openssl().toString(), c.fipsProvider().toString(),
                    c.validated(), c.validated() ? c.module().certificates() : List.of(), c.certificateSource(), c.platforms(),
                    c.image(), c.baseImage(), plan.options().policy(), c.builtinHashes(), plan.options().prefix()));
        }
        return new GeneratedMatrix(out);
    }

    /** Reads {@code outputDir/matrix.json}, which generating the build contexts writes. */
    public static GeneratedMatrix read(Path outputDir, Wording w) throws IOException {
        Path file = outputDir.resolve(FILE);
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist: the build contexts were not generated into " + outputDir, e);
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode c : doc.path("cells")) {
            String prefix = c.path("prefix").asText("");
            if (prefix.isEmpty()) {
                throw new IOException(file + " has no prefix for cell " + c.path("id").asText()
                        + " (written by an older python-fips): run " + w.goal("generate") + " again");
            }
            List<Platform> platforms = new ArrayList<>();
            c.path("platforms").forEach(p -> platforms.add(Platform.parse(p.asText())));
            List<String> certificates = new ArrayList<>();
            c.path("fipsCertificates").forEach(n -> certificates.add(n.asText()));
            out.add(new Entry(c.path("id").asText(), c.path("python").asText(), c.path("distro").asText(),
                    c.path("openssl").asText(), c.path("fipsProvider").asText(), c.path("fipsValidated").asBoolean(),
                    certificates, c.path("certificateSource").asText(), platforms, c.path("image").asText(),
                    c.path("baseImage").asText(), c.path("policy").asText(), c.path("builtinHashes").asText(), prefix));
        }
        return new GeneratedMatrix(out);
    }

    /** The cells {@code filter} selects (see {@link CellFilter}), in file order. */
    public GeneratedMatrix select(String filter, Wording wording) throws FipsConfigException {
        return new GeneratedMatrix(CellFilter.select(cells, Entry::id, filter, wording));
    }
}
