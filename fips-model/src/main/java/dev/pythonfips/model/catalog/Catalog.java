package dev.pythonfips.model.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pythonfips.model.Version;
import dev.pythonfips.model.VersionLine;

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
 * and public records, and what python-fips supports (patched Python minors, platforms, PEP 644) in
 * {@code catalog.json}; FIPS module kinds and validation status ({@code fips-modules.json}); the supported
 * distributions with their packages ({@code distros.json}). The planner's compatibility rules read their facts
 * from here, never from Java constants.
 */
public final class Catalog {

    /**
     * From {@code support.pythonNeedsOpenssl}: Python {@code python} and later need OpenSSL {@code openssl} or newer.
     *
     * @param record where the fact comes from (e.g. PEP 644)
     */
    public record OpensslFloor(Version python, Version openssl, String record) {
    }

    /**
     * From {@code catalog.json} "cryptography": one pyca/cryptography release python-fips can build, with its sdist,
     * our fail-closed patch and, per distro whose archive carries everything its build needs, the air-gapped recipe.
     *
     * @param shipped the distributions installed into the image (cryptography and its run-time requirements)
     */
    public record CryptographyRecipe(String version, Release sdist, String fipsPatch, List<String> shipped,
                                     Map<String, ArchiveRecipe> archive, List<String> records) {
    }

    /**
     * How one distro's archive builds a cryptography release with no package index (see
     * {@link dev.pythonfips.model.plan.CryptographyBuild}).
     *
     * @param sdists              the other sdists, in build order
     * @param debianPackaging     the distro's packaging of cryptography, whose {@code debianPatches} are applied
     * @param packages            crate and library packages installed for the build (besides the distro's rust)
     * @param pythonBuildPackages pure-Python binary packages unpacked for the build only
     */
    public record ArchiveRecipe(List<Release> sdists, Release debianPackaging, List<String> debianPatches,
                                List<String> packages, List<String> pythonBuildPackages, List<String> records) {
    }

    private final Map<String, Release> releases;
    private final Map<String, CryptographyRecipe> cryptography;
    private final Map<String, FipsModule> modules;
    private final Map<String, Distro> distros;
    private final List<String> patchedPythonMinors;
    private final List<String> platforms;
    private final List<OpensslFloor> opensslFloors;
    private final List<ModuleKindSupport> moduleKinds;
    private final List<String> pipNoBinary;

    Catalog(Map<String, Release> releases, Map<String, FipsModule> modules, Map<String, Distro> distros,
            List<String> patchedPythonMinors, List<String> platforms, List<OpensslFloor> opensslFloors,
            List<ModuleKindSupport> moduleKinds, Map<String, CryptographyRecipe> cryptography, List<String> pipNoBinary) {
        this.releases = releases;
        this.cryptography = Map.copyOf(cryptography);
        this.pipNoBinary = List.copyOf(pipNoBinary);
        this.modules = modules;
        this.distros = distros;
        // version order (3.9 before 3.11), whatever order the file lists them in
        this.patchedPythonMinors = patchedPythonMinors.stream()
                .sorted(java.util.Comparator.comparing(m -> Version.parse(m + ".0"))).toList();
        this.platforms = List.copyOf(platforms);
        this.opensslFloors = List.copyOf(opensslFloors);
        this.moduleKinds = List.copyOf(moduleKinds);
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
        JsonNode support = catalog.path("support");
        List<OpensslFloor> floors = new ArrayList<>();
        for (JsonNode f : support.path("pythonNeedsOpenssl")) {
            floors.add(new OpensslFloor(Version.parse(f.path("python").asText() + ".0"), Version.parse(f.path("openssl").asText()),
                    f.path("record").asText()));
        }
        JsonNode moduleFile = read(json, "fips-modules.json");
        List<ModuleKindSupport> kinds = new ArrayList<>();
        for (JsonNode k : moduleFile.path("kinds")) {
            kinds.add(new ModuleKindSupport(ModuleKind.fromValue(k.path("kind").asText()), k.path("name").asText(),
                    VersionLine.parse(k.path("versions").asText()), VersionLine.parse(k.path("openssl").asText()),
                    Release.Component.fromId(k.path("source").asText()), strings(k.path("platforms")), strings(k.path("records"))));
        }
        Map<String, CryptographyRecipe> cryptography = new TreeMap<>();
        for (JsonNode r : catalog.path("cryptography")) {
            Map<String, ArchiveRecipe> archive = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("distroArchive").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = e.getValue();
                List<Release> sdists = new ArrayList<>();
                a.path("sdists").forEach(n -> sdists.add(release(n, Release.Component.PYTHON_PACKAGE)));
                archive.put(e.getKey(), new ArchiveRecipe(sdists, release(a.path("debianPackaging"), Release.Component.DEBIAN_PACKAGING),
                        strings(a.path("debianPatches")), strings(a.path("packages")), strings(a.path("pythonBuildPackages")),
                        strings(a.path("records"))));
            }
            String version = r.path("version").asText();
            cryptography.put(version, new CryptographyRecipe(version, release(r.path("sdist"), Release.Component.PYTHON_PACKAGE),
                    r.path("fipsPatch").asText(), strings(r.path("shipped")), archive, strings(r.path("records"))));
        }
        return new Catalog(releases, modules, distros, strings(support.path("patchedPythonMinors")),
                strings(support.path("platforms")), floors, kinds, cryptography, names(support.path("pipNoBinary")));
    }

    private static JsonNode read(ObjectMapper json, String name) {
        try (InputStream in = Catalog.class.getResourceAsStream("/dev/pythonfips/model/" + name)) {
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

    private static Release release(JsonNode r, Release.Component component) {
        return new Release(component, r.path("name").asText(), r.path("version").asText(), r.path("file").asText(),
                r.path("url").asText(), r.path("sha256").asText(), strings(r.path("records")));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
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

    /**
     * Packages whose wheels carry their own OpenSSL or BoringSSL: pip in our images builds them from source instead
     * ({@code no-binary} in /etc/pip.conf), each with its record in catalog.json {@code support.pipNoBinary}.
     */
    public List<String> pipNoBinary() {
        return pipNoBinary;
    }

    /** The cryptography release python-fips can build, if catalogued. */
    public Optional<CryptographyRecipe> cryptography(String version) {
        return Optional.ofNullable(cryptography.get(version));
    }

    /** The cryptography releases python-fips can build, oldest first. */
    public List<String> cryptographyVersions() {
        return cryptography.keySet().stream().map(Version::parse).sorted().map(Version::toString).toList();
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

    /** Python minor lines with a FIPS patch set (patches/&lt;minor&gt;/python-fips.patch), in version order. */
    public List<String> patchedPythonMinors() {
        return patchedPythonMinors;
    }

    /** True when {@code python}'s minor line has a FIPS patch set. */
    public boolean isPatched(Version python) {
        return patchedPythonMinors.contains(python.minorLine());
    }

    /** Platforms python-fips builds for ({@code os/arch}). */
    public List<String> platforms() {
        return platforms;
    }

    /** The OpenSSL floors of Python releases (PEP 644). */
    public List<OpensslFloor> opensslFloors() {
        return opensslFloors;
    }

    /** The FIPS module kinds, with the OpenSSL line and platforms each works with. */
    public List<ModuleKindSupport> moduleKinds() {
        return moduleKinds;
    }

    /** The kind a FIPS module version is of, if any. */
    public Optional<ModuleKindSupport> moduleKindOf(Version module) {
        return moduleKinds.stream().filter(k -> k.versions().contains(module)).findFirst();
    }

    /** What the catalog says of a kind. */
    public ModuleKindSupport moduleKind(ModuleKind kind) {
        return moduleKinds.stream().filter(k -> k.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("fips-modules.json has no kind " + kind));
    }

    /** The newest catalogued release of {@code component} in {@code line}, e.g. 1.0.2u for OpenSSL 1.0.2. */
    public Optional<String> newest(Release.Component component, VersionLine line) {
        List<String> in = versions(component).stream().filter(v -> line.contains(Version.parse(v))).toList();
        return in.isEmpty() ? Optional.empty() : Optional.of(in.get(in.size() - 1));
    }

    /** Catalogued modules of a kind, newest first. */
    public List<FipsModule> fipsModules(ModuleKind kind) {
        return modules.values().stream().filter(m -> m.kind().equals(kind))
                .sorted(java.util.Comparator.comparing((FipsModule m) -> Version.parse(m.version())).reversed()).toList();
    }
}
