package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.RegistryClient;
import com.sun.net.httpserver.HttpServer;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.catalog.Catalog;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.FipsSpec;
import dev.pythonfips.model.plan.MatrixPlanner;
import dev.pythonfips.model.record.ManifestList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pinning each platform's base of a multi-platform cell, against a registry that speaks the Distribution API. */
class BasePinsTest {

    static final String AMD = "sha256:" + "1".repeat(64);
    static final String ARM = "sha256:" + "2".repeat(64);

    private HttpServer server;
    private final Map<String, String[]> manifests = new HashMap<>(); // path -> {content type, body}
    private String registry;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", ex -> {
            String[] m = manifests.get(ex.getRequestURI().getPath());
            if (m == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                byte[] body = m[1].getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", m[0]);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        registry = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Cell cell(String base, String... platforms) throws Exception {
        FipsSpec spec = new FipsSpec(null, List.of(new FipsSpec.CellSpec("3.11.2", "debian12", "3.0.20", "3.0.20", List.of(platforms))),
                List.of(), null, Map.of("debian12", base), FipsSpec.Options.builder().allowUnvalidatedProvider(true)
                        .build(), List.of());
        return new MatrixPlanner(Catalog.builtIn(), LocalDate.of(2026, 11, 23)).plan(spec).cells().get(0);
    }

    private void list(String path, Platform... platforms) {
        List<ManifestList.Entry> entries = new java.util.ArrayList<>();
        for (Platform p : platforms) {
            entries.add(new ManifestList.Entry(p, ManifestList.MANIFEST_MEDIA_TYPE, 529, p.arch().equals("amd64") ? AMD : ARM));
        }
        manifests.put(path, new String[]{ManifestList.LIST_MEDIA_TYPE,
                new String(new ManifestList(entries).bytes(), StandardCharsets.UTF_8)});
    }

    @Test
    void eachPlatformIsPinnedToItsManifestInTheBasesList() throws Exception {
        list("/v2/debian/manifests/bookworm", Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
        BasePins.Result r = new BasePins(new RegistryClient(), h -> null).pin(cell(registry + "/debian:bookworm", "linux/amd64", "linux/arm64"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.pins()).containsExactly(Map.entry(Platform.parse("linux/amd64"), registry + "/debian@" + AMD),
                Map.entry(Platform.parse("linux/arm64"), registry + "/debian@" + ARM));
    }

    @Test
    void aBaseWithoutOneOfThePlatformsASingleManifestOrNoImageAreRefusedWithTheFix() throws Exception {
        list("/v2/debian/manifests/amd64only", Platform.parse("linux/amd64"));
        manifests.put("/v2/debian/manifests/single", new String[]{ManifestList.MANIFEST_MEDIA_TYPE, "{\"schemaVersion\":2}"});
        BasePins pins = new BasePins(new RegistryClient(), h -> null);
        assertThat(pins.pin(cell(registry + "/debian:amd64only", "linux/amd64", "linux/arm64")).problems()).singleElement()
                .asString().contains("has no linux/arm64 manifest (it lists [linux/amd64])").contains("manifest list");
        assertThat(pins.pin(cell(registry + "/debian:single", "linux/amd64", "linux/arm64")).problems()).singleElement()
                .asString().contains("is a single-platform manifest").contains("docker manifest create");
        assertThat(pins.pin(cell(registry + "/debian:nothing", "linux/amd64", "linux/arm64")).problems()).singleElement()
                .asString().contains("has no " + registry + "/debian:nothing").contains("one single-platform cell per platform");
        BasePins.Result r = pins.pin(cell("127.0.0.1:1/debian:bookworm", "linux/amd64", "linux/arm64"));
        assertThat(r.pins()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("cannot read the manifest list of base image 127.0.0.1:1/debian:bookworm");
    }
}
