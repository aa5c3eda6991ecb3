package dev.pythonfips.maven;

import dev.pythonfips.model.Cell;
import dev.pythonfips.model.Platform;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * The fabric8 docker-maven-plugin configuration for one platform of one cell, so users never write fabric8 image XML
 * by hand. Dockerfile mode ({@code contextDir}), Maven property filtering off (our Dockerfiles may contain
 * {@code ${...}}), and the classic build with the Engine API's {@code platform} query parameter
 * ({@code <buildOptions><platform>}, API 1.32+; fabric8 speaks the engine's own API version), so each image is built
 * for exactly its platform, never silently for the host's. A multi-platform cell is built once per platform (never
 * through buildx: its docker driver refuses several platforms on the classic image store, and a buildx result cannot
 * be loaded into the engine to be verified) and published as one manifest list by fips:push.
 */
final class Fabric8Images {

    private Fabric8Images() {
    }

    static Xpp3Dom configuration(Cell cell, File contextDir, String network, Map<String, String> buildArgs,
                                 List<String> extraTags, boolean noCache, String verbose) {
        return configuration(cell, cell.platforms().get(0), cell.image(), contextDir, network, buildArgs, extraTags, noCache, verbose);
    }

    /**
     * The configuration of one platform's image under {@code name} (a multi-platform cell's per-platform reference, or
     * for fips:push the registry-qualified reference).
     */
    static Xpp3Dom configuration(Cell cell, Platform platform, String name, File contextDir, String network,
                                 Map<String, String> buildArgs, List<String> extraTags, boolean noCache, String verbose) {
        if (!cell.platforms().contains(platform)) {
            throw new IllegalArgumentException(platform + " is not a platform of " + cell.id());
        }
        Xpp3Dom conf = new Xpp3Dom("configuration");
        Xpp3Dom images = child(conf, "images");
        Xpp3Dom image = child(images, "image");
        text(image, "name", name);
        text(image, "alias", cell.id());
        Xpp3Dom build = child(image, "build");
        text(build, "contextDir", contextDir.getAbsolutePath());
        text(build, "filter", "false");
        if (network != null && !network.isBlank()) {
            text(build, "network", network.trim());
        }
        if (noCache) {
            text(build, "noCache", "true");
        }
        if (buildArgs != null && !buildArgs.isEmpty()) {
            Xpp3Dom args = child(build, "args");
            buildArgs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> text(args, e.getKey(), e.getValue()));
        }
        if (extraTags != null && !extraTags.isEmpty()) {
            Xpp3Dom tags = child(build, "tags");
            extraTags.forEach(t -> text(tags, "tag", t));
        }
        text(child(build, "buildOptions"), "platform", platform.toString());
        if (verbose != null && !verbose.isBlank()) {
            text(conf, "verbose", verbose);
        }
        return conf;
    }

    private static Xpp3Dom child(Xpp3Dom parent, String name) {
        Xpp3Dom c = new Xpp3Dom(name);
        parent.addChild(c);
        return c;
    }

    private static void text(Xpp3Dom parent, String name, String value) {
        child(parent, name).setValue(value);
    }
}
