package dev.pythonfips.model.catalog;

import java.util.List;
import java.util.Map;

/**
 * A supported distribution (from {@code distros.json}): its package layer and the packages each Dockerfile
 * stage installs. Every package name there carries the public record it comes from. {@code caBundle} is the system
 * CA bundle its runtime CA package installs: our OpenSSL (built with its own OPENSSLDIR) is pointed at it.
 */
public record Distro(String id, String displayName, String family, String packageManager, String defaultBaseImage,
                     String baseImageRecord, List<String> enableRepos, Map<String, List<Package>> stages,
                     List<String> notes, String caBundle, String caBundleRecord) {

    /** One package and the record that shows it exists under this name. */
    public record Package(String name, String record) {
    }

    public Distro {
        enableRepos = enableRepos == null ? List.of() : List.copyOf(enableRepos);
        stages = stages == null ? Map.of() : Map.copyOf(stages);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Package names of a stage ({@code patch}, {@code build}, {@code runtime}, {@code rust}), sorted. */
    public List<String> packages(String stage) {
        return stages.getOrDefault(stage, List.of()).stream().map(Package::name).sorted().distinct().toList();
    }
}
