package dev.pythonfips.model.catalog;

import dev.pythonfips.model.VersionLine;

import java.util.List;

/**
 * What the catalog says of a {@link ModuleKind}, from the {@code kinds} of {@code fips-modules.json}: which module
 * versions are of this kind, the OpenSSL library line it loads into, and the platforms it is built for here (empty:
 * every supported platform).
 *
 * @param kind      the kind
 * @param name      how messages name it, e.g. "the FIPS Object Module"
 * @param versions  the module versions of this kind, e.g. {@code 2.0}
 * @param openssl   the OpenSSL library line it works with, e.g. {@code 1.0.2} or {@code 3+}
 * @param source    the release component its tarball is catalogued as: the FIPS Object Module has its own
 *                  ({@code fips-module}), an OpenSSL 3 provider is built from an OpenSSL release ({@code openssl})
 * @param platforms the only platforms it is built for, or empty for every supported one
 * @param records   where the facts come from
 */
public record ModuleKindSupport(ModuleKind kind, String name, VersionLine versions, VersionLine openssl, Release.Component source,
                         List<String> platforms, List<String> records) {

    public ModuleKindSupport {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** True when {@code platform} is one this kind is built for here. */
    public boolean builtFor(String platform) {
        return platforms.isEmpty() || platforms.contains(platform);
    }
}
