package dev.pythonfips.model.source;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.PomWording;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.catalog.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceResolverTest {

    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    private Release pythonRelease(Path tarball, String version) throws Exception {
        return new Release(Release.Component.PYTHON, version, tarball.getFileName().toString(),
                "https://www.python.org/ftp/python/" + version + "/" + tarball.getFileName(),
                SourceResolver.sha256(tarball), List.of("test"));
    }

    private SourceResolver resolver(String... mirrors) {
        return new SourceResolver(List.of(mirrors), tmp.resolve("cache"), null, log::add, PomWording.INSTANCE);
    }

    @Test
    void fetchesFromTheFirstMirrorThatHasTheFileThenHitsTheCache() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-mirror"));
        Path good = Tarballs.python(tmp.resolve("mirror"), "3.11.99", "3.11.99");
        Release r = pythonRelease(good, "3.11.99");
        SourceResolver resolver = resolver(empty.toUri().toString(), good.getParent().toUri().toString());
        resolver.prepare(r);
        assertThat(log).last().asString().contains("fetched and verified Python-3.11.99.tar.gz from file:").contains("/mirror/Python-3.11.99.tar.gz");
        assertThat(resolver.cached(r)).exists().hasSameBinaryContentAs(good);

        Files.delete(good); // the mirror is gone: the cache serves it
        resolver.prepare(r);
        assertThat(log).last().asString().startsWith("cache hit Python-3.11.99.tar.gz");

        Path placed = tmp.resolve("ctx/sources/Python-3.11.99.tar.gz");
        assertThat(resolver.place(r, placed)).isTrue();
        assertThat(SourceResolver.sha256(placed)).isEqualTo(r.sha256());
    }

    @Test
    void aTamperedTarballFailsClosedAndIsNeitherCachedNorLeftBehind() throws Exception {
        Path good = Tarballs.python(tmp.resolve("good"), "3.11.99", "3.11.99");
        Release r = pythonRelease(good, "3.11.99");
        Path evil = Files.createDirectories(tmp.resolve("evil")).resolve(good.getFileName());
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length / 2] ^= 1; // one byte changed
        Files.write(evil, bytes);
        // the tampered mirror comes first: it must not be skipped silently in favour of the good one
        SourceResolver resolver = resolver(evil.getParent().toUri().toString(), good.getParent().toUri().toString());
        assertThatThrownBy(() -> resolver.prepare(r)).isInstanceOf(FipsConfigException.class)
                .hasMessageContaining("SHA-256 mismatch for Python-3.11.99.tar.gz").hasMessageContaining(r.sha256());
        assertThat(resolver.cached(r)).doesNotExist();
        try (var s = Files.walk(tmp.resolve("cache"))) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aCorruptedCacheEntryIsDroppedAndFetchedAgain() throws Exception {
        Path good = Tarballs.python(tmp.resolve("mirror"), "3.11.99", "3.11.99");
        Release r = pythonRelease(good, "3.11.99");
        SourceResolver resolver = resolver(good.getParent().toUri().toString());
        Files.createDirectories(resolver.cached(r).getParent());
        Files.writeString(resolver.cached(r), "garbage");
        resolver.prepare(r);
        assertThat(resolver.cached(r)).hasSameBinaryContentAs(good);
        assertThat(log).last().asString().startsWith("fetched and verified");
    }

    @Test
    void noMirrorHavingTheFileIsAClearError() throws Exception {
        Path good = Tarballs.python(tmp.resolve("elsewhere"), "3.11.99", "3.11.99");
        Release r = pythonRelease(good, "3.11.99");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> resolver(empty.toUri().toString()).prepare(r))
                .isInstanceOf(FipsConfigException.class).hasMessageContaining("no mirror has Python-3.11.99.tar.gz")
                .hasMessageContaining("(not found)");
    }

    @Test
    void offlineNeverTouchesTheNetworkAndSaysWhatIsMissing() throws Exception {
        Path good = Tarballs.python(tmp.resolve("elsewhere"), "3.11.99", "3.11.99");
        Release r = pythonRelease(good, "3.11.99");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        // an unroutable http mirror would hang or fail with a connect error if it were tried
        SourceResolver offline = new SourceResolver(List.of("upstream", "http://192.0.2.1:9/mirror", empty.toUri().toString()),
                tmp.resolve("cache"), null, log::add, true, PomWording.INSTANCE);
        assertThatThrownBy(() -> offline.prepare(r)).isInstanceOf(FipsConfigException.class)
                .hasMessageContaining("the build runs in offline mode")
                .hasMessageContaining("run once without offline mode, or generate with -Dfips.sources.fetch=false")
                .hasMessageContaining("https://www.python.org/ftp/python/3.11.99/Python-3.11.99.tar.gz (skipped: offline)")
                .hasMessageContaining("http://192.0.2.1:9/mirror/Python-3.11.99.tar.gz (skipped: offline)")
                .hasMessageContaining("(not found)");
        assertThat(log).noneMatch(l -> l.startsWith("cannot download"));
        // a file: mirror still serves offline
        SourceResolver fromFolder = new SourceResolver(List.of("upstream", good.getParent().toUri().toString()),
                tmp.resolve("cache"), null, log::add, true, PomWording.INSTANCE);
        fromFolder.prepare(r);
        assertThat(fromFolder.cached(r)).exists();
    }

    @Test
    void aNetworkErrorIsReportedAsOneWithItsCauseNotAsNull() throws Exception {
        Path good = Tarballs.python(tmp.resolve("elsewhere"), "3.11.99", "3.11.99");
        Release r = pythonRelease(good, "3.11.99");
        // port 9 (discard) on loopback: nothing listens, the connection is refused at once
        SourceResolver resolver = resolver("http://127.0.0.1:9/mirror");
        assertThatThrownBy(() -> resolver.prepare(r)).isInstanceOf(FipsConfigException.class)
                .hasMessageContaining("network error (127.0.0.1: ConnectException")
                .hasMessageContaining("proxy settings")
                .hasMessageNotContaining("null");
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("cannot download http://127.0.0.1:9/mirror/")
                .contains("ConnectException").doesNotContain(": null"));
    }

    @Test
    void aTarballWhoseContentIsAnotherVersionIsRefused() throws Exception {
        Path liar = Tarballs.python(tmp.resolve("mirror"), "3.11.99", "3.11.98");
        Release r = pythonRelease(liar, "3.11.99");
        assertThatThrownBy(() -> resolver(liar.getParent().toUri().toString()).prepare(r))
                .isInstanceOf(FipsConfigException.class)
                .hasMessageContaining("contains version 3.11.98 (Python-3.11.99/Include/patchlevel.h), not 3.11.99");
    }

    @Test
    void mirrorSyntaxIsChecked() {
        assertThatThrownBy(() -> SourceResolver.checkMirrors(List.of("upstream", "ftp://x", "file:///ok", "nope nope"), PomWording.INSTANCE))
                .isInstanceOf(FipsConfigException.class)
                .satisfies(e -> assertThat(((FipsConfigException) e).problems()).extracting(Problem::element)
                        .containsExactly("<mirrors><mirror>[2]", "<mirrors><mirror>[4]"));
    }

    @Test
    void mavenProxySettingsAreHonouredIncludingNonProxyHosts() {
        var selector = SourceResolver.proxySelector(
                new SourceResolver.ProxyConfig("proxy.corp", 3128, null, null, "*.internal.corp|localhost"));
        assertThat(selector.select(java.net.URI.create("https://www.python.org/ftp/x")).get(0).address().toString())
                .contains("proxy.corp").contains("3128");
        assertThat(selector.select(java.net.URI.create("https://nexus.internal.corp/raw/x")).get(0))
                .isEqualTo(java.net.Proxy.NO_PROXY);
        assertThat(selector.select(java.net.URI.create("http://localhost:8081/x")).get(0)).isEqualTo(java.net.Proxy.NO_PROXY);
    }
}
