package dev.pythonfips.model.source;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.catalog.Release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Resolves source tarballs through an ordered list of mirrors into a local cache shared across projects, verifying
 * the SHA-256 before a byte is used. Mirrors: {@code upstream} (the release's own URL), a {@code file:} folder, or an
 * {@code http(s)} base URL (an internal Nexus/Artifactory raw repository); each non-upstream mirror holds the files
 * under their upstream names. A mirror that lacks the file is skipped; a file whose checksum does not match fails
 * closed at once (it is never used and never cached).
 */
public final class SourceResolver implements SourceProvider {

    /** An HTTP proxy, from the frontend's settings. */
    public record ProxyConfig(String host, int port, String username, String password, String nonProxyHosts) {
    }

    private final List<String> mirrors;
    private final Path cacheDir;
    private final ProxyConfig proxy;
    private final Consumer<String> log;
    private final boolean offline;
    private final Wording wording;
    private HttpClient http;
    private final List<String> networkErrors = new ArrayList<>();

    public SourceResolver(List<String> mirrors, Path cacheDir, ProxyConfig proxy, Consumer<String> log, Wording wording) {
        this(mirrors, cacheDir, proxy, log, false, wording);
    }

    /**
     * @param offline the build runs offline (Maven's {@code -o}): only the cache and {@code file:} mirrors are used,
     *                no network connection is opened, and a missing file is reported as such
     */
    public SourceResolver(List<String> mirrors, Path cacheDir, ProxyConfig proxy, Consumer<String> log, boolean offline,
                          Wording wording) {
        this.mirrors = mirrors == null || mirrors.isEmpty() ? List.of("upstream") : List.copyOf(mirrors);
        this.cacheDir = cacheDir;
        this.proxy = proxy;
        this.log = log;
        this.offline = offline;
        this.wording = wording;
    }

    /** Checks mirror syntax; all problems at once. */
    public static void checkMirrors(List<String> mirrors, Wording wording) throws FipsConfigException {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            String m = mirrors.get(i);
            if (m.equals("upstream")) {
                continue;
            }
            try {
                URI u = URI.create(m);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!List.of("file", "http", "https").contains(scheme)) {
                    throw new IllegalArgumentException("scheme");
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(wording.item(wording.element("mirrors"), "mirror", i + 1), "\"" + m + "\" is not a mirror",
                        "use upstream, a file: URL of a folder (file:///srv/mirror) or an http(s) base URL"));
            }
        }
        if (!problems.isEmpty()) {
            throw new FipsConfigException(problems);
        }
    }

    /** Path of a release in the content-addressed cache. */
    public Path cached(Release r) {
        return cacheDir.resolve(r.sha256()).resolve(r.file());
    }

    @Override
    public void prepare(Release r) throws IOException, FipsConfigException {
        Path target = cached(r);
        if (Files.isRegularFile(target)) {
            if (sha256(target).equals(r.sha256())) {
                log.accept("cache hit " + r.file() + " (" + target + ")");
                return;
            }
            Files.delete(target); // a corrupted cache entry is dropped and fetched again
        }
        List<String> tried = new ArrayList<>();
        networkErrors.clear();
        for (String mirror : mirrors) {
            URI uri = locate(mirror, r);
            if (offline && !"file".equalsIgnoreCase(uri.getScheme())) {
                tried.add(uri + " (skipped: offline)");
                continue;
            }
            Path part = cacheDir.resolve("tmp").resolve(UUID.randomUUID() + ".part");
            Files.createDirectories(part.getParent());
            try {
                if (!download(uri, part)) {
                    tried.add(uri + " (not found)");
                    continue;
                }
                String actual = sha256(part);
                if (!actual.equals(r.sha256())) {
                    throw new FipsConfigException(new Problem(r.component().id() + " " + r.version(),
                            "SHA-256 mismatch for " + r.file() + " from " + uri + ": expected " + r.sha256() + " ("
                                    + String.join("; ", r.records()) + "), got " + actual + "; the file was discarded",
                            "check the mirror's copy (it is not the upstream file) or the pin in " + wording.element("sources")));
                }
                TarballInspector.check(r, part);
                Files.createDirectories(target.getParent());
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                log.accept("fetched and verified " + r.file() + " from " + uri);
                return;
            } finally {
                Files.deleteIfExists(part);
            }
        }
        if (offline) {
            throw new FipsConfigException(new Problem(r.component().id() + " " + r.version(),
                    r.file() + " is neither in the cache (" + cacheDir + ") nor in a file: mirror, and the build runs in "
                            + wording.offlineMode() + "; tried " + String.join(", ", tried),
                    "put the file in a " + wording.element("mirrors") + " folder (file:///path), run once without "
                            + wording.offlineMode() + ", or generate with " + wording.example("fetchSources", "false")
                            + " and fetch later"));
        }
        if (!networkErrors.isEmpty()) {
            throw new FipsConfigException(new Problem(r.component().id() + " " + r.version(),
                    "cannot fetch " + r.file() + ": network error (" + String.join("; ", networkErrors) + "); tried "
                            + String.join(", ", tried),
                    "check the network and " + wording.proxySettings() + ", use a reachable " + wording.element("mirrors")
                            + " mirror (file:///path or an internal http(s) repository), or generate with "
                            + wording.example("fetchSources", "false")));
        }
        throw new FipsConfigException(new Problem(r.component().id() + " " + r.version(),
                "no mirror has " + r.file() + "; tried " + String.join(", ", tried),
                "put the file in a " + wording.element("mirrors") + " folder (file:///path) or allow access to " + r.url()
                        + ", or generate with " + wording.example("fetchSources", "false") + " and fetch later"));
    }

    @Override
    public java.util.Optional<Path> verified(Release r) {
        return Files.isRegularFile(cached(r)) ? java.util.Optional.of(cached(r)) : java.util.Optional.empty();
    }

    @Override
    public boolean place(Release r, Path target) throws IOException {
        Path source = cached(r);
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return true;
    }

    @Override
    public List<String> urls(Release r) {
        return candidates(mirrors, r);
    }

    /** The URL of {@code r} on each mirror, in mirror order, without repeats. */
    static List<String> candidates(List<String> mirrors, Release r) {
        List<String> out = new ArrayList<>();
        for (String m : mirrors == null || mirrors.isEmpty() ? List.of("upstream") : mirrors) {
            String u = locate(m, r).toString();
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    static URI locate(String mirror, Release r) {
        if (mirror.equals("upstream")) {
            return URI.create(r.url());
        }
        String base = mirror.endsWith("/") ? mirror : mirror + "/";
        return URI.create(base).resolve(r.file());
    }

    private boolean download(URI uri, Path part) throws IOException {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            Path p = Paths.get(uri);
            if (!Files.isRegularFile(p)) {
                return false;
            }
            Files.copy(p, part, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        try {
            HttpResponse<InputStream> response = client().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() == 404 || response.statusCode() == 410) {
                    return false;
                }
                if (response.statusCode() / 100 != 2) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri);
                }
                try (OutputStream out = Files.newOutputStream(part)) {
                    in.transferTo(out);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } catch (IOException e) {
            String why = describe(e);
            log.accept("cannot download " + uri + ": " + why);
            networkErrors.add(uri.getHost() + ": " + why);
            return false;
        }
    }

    /** A network exception as text: Java's connect errors often carry no message of their own. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            String part = t.getMessage() == null || t.getMessage().isBlank()
                    ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
            if (out.indexOf(part) < 0) {
                out.append(out.length() == 0 ? "" : " <- ").append(part);
            }
        }
        return out.toString();
    }

    private HttpClient client() {
        if (http == null) {
            HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20));
            if (proxy != null) {
                b.proxy(proxySelector(proxy));
                if (proxy.username() != null) {
                    b.authenticator(new Authenticator() {
                        @Override
                        protected PasswordAuthentication getPasswordAuthentication() {
                            return new PasswordAuthentication(proxy.username(),
                                    proxy.password() == null ? new char[0] : proxy.password().toCharArray());
                        }
                    });
                }
            }
            http = b.build();
        }
        return http;
    }

    /** Maven's proxy, bypassed for the hosts in its {@code nonProxyHosts} ({@code |}-separated, {@code *} wildcards). */
    static ProxySelector proxySelector(ProxyConfig proxy) {
        java.net.Proxy http = new java.net.Proxy(java.net.Proxy.Type.HTTP, new InetSocketAddress(proxy.host(), proxy.port()));
        List<java.util.regex.Pattern> bypass = new ArrayList<>();
        if (proxy.nonProxyHosts() != null) {
            for (String h : proxy.nonProxyHosts().split("[|,]")) {
                if (!h.isBlank()) {
                    bypass.add(java.util.regex.Pattern.compile(
                            java.util.regex.Pattern.quote(h.trim().toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")));
                }
            }
        }
        return new ProxySelector() {
            @Override
            public List<java.net.Proxy> select(URI uri) {
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                boolean direct = bypass.stream().anyMatch(p -> p.matcher(host).matches());
                return List.of(direct ? java.net.Proxy.NO_PROXY : http);
            }

            @Override
            public void connectFailed(URI uri, java.net.SocketAddress sa, IOException e) {
            }
        };
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
