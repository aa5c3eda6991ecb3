package dev.pythonfips.model.source;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.catalog.Release;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Supplies verified source tarballs for build contexts. {@link #prepare} runs for every release before anything
 * is written (so a bad checksum fails generation early); {@link #place} then puts the verified file into a context.
 */
public interface SourceProvider {

    /** Makes {@code release} available and verified, or throws. */
    void prepare(Release release) throws IOException, FipsConfigException;

    /** Writes the verified tarball of {@code release} to {@code target}; returns false when sources are deferred. */
    boolean place(Release release, Path target) throws IOException;

    /** The verified local copy of a prepared release, when this provider keeps one. */
    default java.util.Optional<Path> verified(Release release) {
        return java.util.Optional.empty();
    }

    /** Where a release can be fetched, in order (written to a context's sources/URLS for fetch-sources.sh). */
    default java.util.List<String> urls(Release release) {
        return java.util.List.of(release.url());
    }

    /** A provider that fetches nothing: contexts list their sources in SHA256SUMS and fetch-sources.sh. */
    static SourceProvider deferred() {
        return deferred(java.util.List.of("upstream"));
    }

    /**
     * A provider that fetches nothing; fetch-sources.sh later tries {@code mirrors} in order ({@code upstream}, a
     * {@code file:} folder or an {@code http(s)} base URL, as for {@link SourceResolver}).
     */
    static SourceProvider deferred(java.util.List<String> mirrors) {
        return new SourceProvider() {
            @Override
            public void prepare(Release release) {
            }

            @Override
            public boolean place(Release release, Path target) {
                return false;
            }

            @Override
            public java.util.List<String> urls(Release release) {
                return SourceResolver.candidates(mirrors, release);
            }
        };
    }
}
