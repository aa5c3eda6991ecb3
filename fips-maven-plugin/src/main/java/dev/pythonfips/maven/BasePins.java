package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.Registry;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.ImageReference;
import dev.pythonfips.model.record.ManifestList;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pins the base image of each platform of a multi-platform cell to that platform's manifest digest
 * ({@code repository@sha256:…}), read from the base image's manifest list in its registry. Docker's classic builder
 * builds on whatever platform of a tag the engine already holds (measured with Docker 20.10: after an arm64 build
 * {@code FROM 127.0.0.1:5000/debian:bookworm}, an amd64 build of the same Dockerfile produced an arm64 image), so each
 * platform's build gets its own digest as the {@code PYTHON_FIPS_BASE_IMAGE} build argument.
 */
final class BasePins {

    /** The build argument the Dockerfile of a multi-platform cell starts every stage from. */
    static final String BUILD_ARG = "PYTHON_FIPS_BASE_IMAGE";

    /** Per platform: the pinned base reference; or the problem that prevents pinning. */
    record Result(Map<Platform, String> pins, List<String> problems) {
    }

    private final Registry registry;
    private final Function<String, Registry.Credentials> credentials;

    BasePins(Registry registry, Function<String, Registry.Credentials> credentials) {
        this.registry = registry;
        this.credentials = credentials;
    }

    Result pin(Cell cell) {
        Map<Platform, String> pins = new LinkedHashMap<>();
        String base = cell.baseImage();
        String fix = "a multi-platform cell needs a base image that a registry serves as a manifest list with every platform"
                + " of the cell (e.g. debian:bookworm, or your local per-platform images pushed and joined with docker manifest create"
                + " REGISTRY/NAME:TAG NAME-amd64 NAME-arm64 and docker manifest push),"
                + " or declare one single-platform cell per platform";
        Optional<ImageReference> ref = ImageReference.parse(base);
        if (ref.isEmpty()) {
            return new Result(Map.of(), List.of(cell.id() + ": base image " + base + " is not a valid reference"));
        }
        Optional<Registry.Manifest> manifest;
        try {
            manifest = registry.manifest(ref.get().apiHost(), ref.get().repository(), ref.get().manifestReference(),
                    credentials.apply(ref.get().registry()));
        } catch (IOException e) {
            return new Result(Map.of(), List.of(cell.id() + ": cannot read the manifest list of base image " + base + " ("
                    + e.getMessage() + "): " + fix));
        }
        if (manifest.isEmpty()) {
            return new Result(Map.of(), List.of(cell.id() + ": registry " + ref.get().registry() + " has no " + base
                    + " (a local-only image cannot be pinned per platform): " + fix));
        }
        if (!ManifestList.isList(manifest.get().mediaType())) {
            return new Result(Map.of(), List.of(cell.id() + ": base image " + base + " is a single-platform manifest ("
                    + manifest.get().mediaType() + "), not a manifest list: " + fix));
        }
        ManifestList list;
        try {
            list = ManifestList.parse(manifest.get().body());
        } catch (IOException | IllegalArgumentException e) {
            return new Result(Map.of(), List.of(cell.id() + ": the manifest list of base image " + base + " cannot be read: "
                    + e.getMessage()));
        }
        List<String> problems = new java.util.ArrayList<>();
        for (Platform p : cell.platforms()) {
            Optional<ManifestList.Entry> e = list.entry(p);
            if (e.isEmpty()) {
                problems.add(cell.id() + ": base image " + base + " has no " + p + " manifest (it lists "
                        + list.entries().stream().map(x -> x.platform().toString()).toList() + "): " + fix);
            } else {
                pins.put(p, ref.get().pinned(e.get().digest()));
            }
        }
        return new Result(problems.isEmpty() ? pins : Map.of(), problems);
    }
}
