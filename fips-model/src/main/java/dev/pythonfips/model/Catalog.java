package dev.pythonfips.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The data the generator knows, loaded from resources next to this class: upstream releases with their SHA-256
 * and public records ({@code catalog.json}), FIPS module validation status ({@code fips-modules.json}) and the
 * supported distributions with their packages ({@code distros.json}).
 */
public final class Catalog {

    private final Map<String, Release> releases;
    private final Map<String, FipsModule> modules;
    private final Map<String, Distro> distros;

    Catalog(Map<String, Release> releases, Map<String, FipsModule> modules, Map<String, Distro> distros) {
        this.releases = releases;
        this.modules = modules;
        this.distros = distros;
    }

    private static final class Holder {
        static final Catalog INSTANCE = load();
    }

    /** The catalog shipped with this release of the model. */
    public static Catalog builtIn() {
        return Holder.INSTANCE;
    }

    private static Catalog load() {
        ObjectMapper json = new ObjectMapper();
        JsonNode catalog = read(json, "catalog.json");
        Map<String, Release> releases = new TreeMap<>();
        readReleases(catalog.path("python"), Release.Component.PYTHON, releases);
        readReleases(catalog.path("openssl"), Release.Component.OPENSSL, releases);
        readReleases(catalog.path("fipsModules"), Release.Component.FIPS_MODULE, releases);

        Map<String, FipsModule> modules = new TreeMap<>();
        for (JsonNode m : read(json, "fips-modules.json").path("modules")) {
            FipsModule module = json.convertValue(m, FipsModule.class);
            modules.put(module.version(), module);
        }

        Map<String, Distro> distros = new LinkedHashMap<>();
        JsonNode distroNodes = read(json, "distros.json");
        for (Iterator<Map.Entry<String, JsonNode>> it = distroNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue();
            Map<String, List<Distro.Package>> stages = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> st = d.path("stages").fields(); st.hasNext(); ) {
                Map.Entry<String, JsonNode> stage = st.next();
                List<Distro.Package> pkgs = new ArrayList<>();
                for (JsonNode p : stage.getValue()) {
                    pkgs.add(new Distro.Package(p.path("name").asText(), p.path("record").asText()));
                }
                stages.put(stage.getKey(), pkgs);
            }
            distros.put(e.getKey(), new Distro(e.getKey(), d.path("displayName").asText(), d.path("family").asText(),
                    d.path("packageManager").asText(), d.path("defaultBaseImage").asText(),
                    d.path("baseImageRecord").asText(), strings(d.path("enableRepos")), stages, strings(d.path("notes")),
                    d.path("caBundle").asText(), d.path("caBundleRecord").asText()));
        }
        return new Catalog(releases, modules, distros);
    }

    private static JsonNode read(ObjectMapper json, String name) {
        try (InputStream in = Catalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource missing from the fips-model jar: " + name);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog resource " + name, e);
        }
    }

    private static void readReleases(JsonNode array, Release.Component component, Map<String, Release> into) {
        for (JsonNode r : array) {
            Release release = new Release(component, r.path("version").asText(), r.path("file").asText(),
                    r.path("url").asText(), r.path("sha256").asText(), strings(r.path("records")));
            into.put(key(component, release.version()), release);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String key(Release.Component component, String version) {
        return component.id() + ":" + version;
    }

    public Optional<Release> release(Release.Component component, String version) {
        return Optional.ofNullable(releases.get(key(component, version)));
    }

    /** Versions of a component the catalog can verify, oldest first. */
    public List<String> versions(Release.Component component) {
        return releases.values().stream().filter(r -> r.component() == component)
                .map(Release::version).map(Version::parse).sorted().map(Version::toString).toList();
    }

    public Optional<FipsModule> fipsModule(String version) {
        return Optional.ofNullable(modules.get(version));
    }

    public List<FipsModule> fipsModules() {
        return List.copyOf(modules.values());
    }

    public Optional<Distro> distro(String id) {
        return Optional.ofNullable(distros.get(id));
    }

    public List<String> distroIds() {
        return List.copyOf(distros.keySet());
    }
}
