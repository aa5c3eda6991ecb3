package dev.pythonfips.maven;

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
 * Asks a registry (Distribution HTTP API v2) which manifest digest a tag points to: {@code HEAD /v2/<name>/manifests/<tag>},
 * {@code Docker-Content-Digest}. Anonymous, Basic (htpasswd) and Bearer-token registries. Credentials are never logged
 * or put in messages. Plain HTTP only for loopback registries (as Docker does by default), HTTPS otherwise.
 */
final class RegistryClient {

    /** User name and password from settings.xml {@code <servers>} (decrypted), or null for anonymous. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

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
    Optional<String> manifestDigest(String registryHost, String repository, String tag, Credentials creds) throws IOException {
        String path = repository.startsWith(registryHost + "/") ? repository.substring(registryHost.length() + 1) : repository;
        URI uri = URI.create(baseUrl(registryHost) + "/v2/" + path + "/manifests/" + tag);
        HttpResponse<Void> r = head(uri, null);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            String auth = authorization(challenge, path, creds, registryHost);
            r = head(uri, auth);
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new IOException("registry " + registryHost + " refused the credentials of settings.xml <server> "
                        + registryHost + " (HTTP " + r.statusCode() + ")");
            }
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("registry " + registryHost + " answered HTTP " + r.statusCode() + " for " + uri);
        }
        return r.headers().firstValue("Docker-Content-Digest");
    }

    private String authorization(String challenge, String path, Credentials creds, String registryHost) throws IOException {
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
                .append("scope=").append(URLEncoder.encode("repository:" + path + ":pull", StandardCharsets.UTF_8));
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

    private HttpResponse<Void> head(URI uri, String authorization) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", ACCEPT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (java.net.ConnectException e) {
            throw new IOException("registry " + uri.getAuthority() + " does not answer (" + uri.getScheme() + "): connection refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
