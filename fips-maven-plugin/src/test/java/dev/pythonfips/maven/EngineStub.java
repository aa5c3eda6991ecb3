package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.model.Platform;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The base of the services' fake engines: a local linux/amd64 engine named {@code tcp://fake:2375} on which every
 * operation a test does not expect fails the test, naming it. A fake overrides what its service may do.
 */
abstract class EngineStub implements ContainerEngine {

    static final String NAME = "tcp://fake:2375";

    private static AssertionError unexpected(String what) {
        return new AssertionError("the service was not expected to " + what);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Platform platform() throws IOException {
        return Platform.parse("linux/amd64");
    }

    @Override
    public Optional<String> imageId(String ref) throws IOException {
        throw unexpected("look up image " + ref);
    }

    @Override
    public String imagePlatform(String ref) throws IOException {
        throw unexpected("read the platform of " + ref);
    }

    @Override
    public Optional<ImageConfig> imageConfig(String ref) throws IOException {
        throw unexpected("read the configuration of " + ref);
    }

    @Override
    public Result run(Container container) throws IOException {
        throw unexpected("run " + container.image());
    }

    @Override
    public void tag(String source, String reference) throws IOException {
        throw unexpected("tag " + source + " as " + reference);
    }

    @Override
    public long imageSize(String ref) {
        throw unexpected("read the size of " + ref);
    }

    @Override
    public List<String> repoDigests(String ref) throws IOException {
        throw unexpected("read the repository digests of " + ref);
    }

    @Override
    public String version() throws IOException {
        return "20.10.24-fake";
    }

    @Override
    public <T> T copyOut(String image, String path, long timeoutSeconds, TarReader<T> reader) throws IOException {
        throw unexpected("copy " + path + " out of " + image);
    }

    @Override
    public void pull(String ref, Platform platform, long timeoutSeconds) throws IOException {
        throw unexpected("pull " + ref);
    }
}
