package dev.pythonfips.maven.engine;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to a registry (Distribution HTTP API v2): which manifest digest a tag points to ({@code HEAD
 * /v2/<name>/manifests/<tag>}, {@code Docker-Content-Digest}), a manifest's bytes ({@code GET}), and publishing a
 * manifest list ({@code PUT}). Anonymous, Basic (htpasswd) and Bearer-token registries. Credentials are never logged
 * or put in messages. Plain HTTP only for loopback registries (as Docker does by default), HTTPS otherwise.
 */
public final class RegistryClient implements Registry {

    static final String ACCEPT = String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    static String baseUrl(String registryHost) {
        String host = registryHost.replaceFirst(":\\d+$", "");
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        return (loopback ? "http://" : "https://") + registryHost;
    }

    /** The digest {@code repository:tag} points to in its registry, or empty when the registry has no such tag. */
    @Override
    public Optional<String> manifestDigest(String registryHost, String repository, String tag, Credentials creds) throws IOException {
        HttpResponse<byte[]> r = send(registryHost, repository, "manifests/" + tag, "HEAD", null, null, creds);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("registry " + registryHost + " answered HTTP " + r.statusCode() + " for " + r.uri());
        }
        return r.headers().firstValue("Docker-Content-Digest");
    }

    /** The manifest {@code repository:reference} (tag or digest) names, or empty when the registry has none. */
    @Override
    public Optional<Manifest> manifest(String registryHost, String repository, String reference, Credentials creds) throws IOException {
        HttpResponse<byte[]> r = send(registryHost, repository, "manifests/" + reference, "GET", null, null, creds);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("registry " + registryHost + " answered HTTP " + r.statusCode() + " for " + r.uri());
        }
        String digest = "sha256:" + dev.pythonfips.model.Digests.sha256(r.body());
        return Optional.of(new Manifest(r.headers().firstValue("Content-Type").orElse(""), r.body(), digest));
    }

    /**
     * Stores {@code body} as the manifest of {@code repository:tag} ({@code PUT}); returns the digest the registry
     * stores it under, which must be the SHA-256 of the bytes sent.
     */
    @Override
    public String putManifest(String registryHost, String repository, String tag, String mediaType, byte[] body, Credentials creds)
            throws IOException {
        HttpResponse<byte[]> r = send(registryHost, repository, "manifests/" + tag, "PUT", mediaType, body, creds);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IOException("registry " + registryHost + " refused the manifest list for " + repository + ":" + tag
                    + " (HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).trim() + ")");
        }
        String expected = "sha256:" + dev.pythonfips.model.Digests.sha256(body);
        String stored = r.headers().firstValue("Docker-Content-Digest").orElse(expected);
        if (!stored.equals(expected)) {
            throw new IOException("registry " + registryHost + " stored the manifest list for " + repository + ":" + tag
                    + " as " + stored + ", not as the SHA-256 of what was sent (" + expected + ")");
        }
        return stored;
    }

    private HttpResponse<byte[]> send(String registryHost, String repository, String what, String method, String contentType,
                                      byte[] body, Credentials creds) throws IOException {
        String path = repository.startsWith(registryHost + "/") ? repository.substring(registryHost.length() + 1) : repository;
        URI uri = URI.create(baseUrl(registryHost) + "/v2/" + path + "/" + what);
        boolean write = method.equals("PUT");
        HttpResponse<byte[]> r = request(uri, method, contentType, body, null);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            String auth = authorization(challenge, path, creds, registryHost, write ? "pull,push" : "pull");
            r = request(uri, method, contentType, body, auth);
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new IOException("registry " + registryHost + " refused the credentials of settings.xml <server> "
                        + registryHost + " (HTTP " + r.statusCode() + ")");
            }
        }
        return r;
    }

    private String authorization(String challenge, String path, Credentials creds, String registryHost, String actions)
            throws IOException {
        String basic = creds == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (creds.user() + ":" + creds.password()).getBytes(StandardCharsets.UTF_8));
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            if (basic == null) {
                throw new IOException("registry " + registryHost + " requires credentials: add a settings.xml <server> with <id>"
                        + registryHost + "</id>, <username> and <password>");
            }
            return basic;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new IOException("registry " + registryHost + " asks for an unsupported authentication: " + challenge);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new IOException("registry " + registryHost + " sent a Bearer challenge without realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?")
                .append("scope=").append(URLEncoder.encode("repository:" + path + ":" + actions, StandardCharsets.UTF_8));
        if (params.containsKey("service")) {
            url.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30)).GET();
        if (basic != null) {
            req.header("Authorization", basic);
        }
        try {
            HttpResponse<String> t = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (t.statusCode() != 200) {
                throw new IOException("token service of registry " + registryHost + " answered HTTP " + t.statusCode()
                        + (basic == null ? " (no settings.xml <server> " + registryHost + ")" : " (credentials refused?)"));
            }
            var doc = new ObjectMapper().readTree(t.body());
            String token = doc.hasNonNull("token") ? doc.get("token").asText() : doc.path("access_token").asText("");
            if (token.isEmpty()) {
                throw new IOException("token service of registry " + registryHost + " returned no token");
            }
            return "Bearer " + token;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpResponse<byte[]> request(URI uri, String method, String contentType, byte[] body, String authorization)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", ACCEPT);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw new IOException("registry " + uri.getAuthority() + " does not answer (" + uri.getScheme() + "): connection refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
