package dev.pythonfips.maven;

import dev.pythonfips.model.Cell;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * The fabric8 docker-maven-plugin configuration for one cell, so users never write fabric8 image XML by hand.
 * Dockerfile mode ({@code contextDir}), Maven property filtering off (our Dockerfiles may contain {@code ${...}}),
 * buildx {@code <platforms>} only for multi-platform cells; a single-platform cell uses the classic build with the
 * Engine API's {@code platform} query parameter ({@code <buildOptions><platform>}, API 1.32+; fabric8 speaks the
 * engine's own API version), so it is built for exactly that platform, never silently for the host's.
 */
final class Fabric8Images {

    private Fabric8Images() {
    }

    static Xpp3Dom configuration(Cell cell, File contextDir, String network, Map<String, String> buildArgs,
                                 List<String> extraTags, boolean noCache, String verbose) {
        return configuration(cell, cell.image(), contextDir, network, buildArgs, extraTags, noCache, verbose);
    }

    /** The same configuration under another name (fips:push: the registry-qualified reference). */
    static Xpp3Dom configuration(Cell cell, String name, File contextDir, String network, Map<String, String> buildArgs,
                                 List<String> extraTags, boolean noCache, String verbose) {
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
        if (cell.platforms().size() > 1) {
            Xpp3Dom platforms = child(child(build, "buildx"), "platforms");
            cell.platforms().forEach(p -> text(platforms, "platform", p.toString()));
        } else {
            text(child(build, "buildOptions"), "platform", cell.platforms().get(0).toString());
        }
        if (verbose != null && !verbose.isBlank()) {
            text(conf, "verbose", verbose);
        }
        return conf;
    }

    /**
     * fabric8's {@code verbose} for a cell's build: always with {@code build} (python-fips reads Docker's build stream
     * for its heartbeat) and whatever else the user's own fabric8 configuration asks for (e.g. {@code api}).
     */
    static String buildVerbose(Object userConfiguration) {
        String user = userVerbose(userConfiguration);
        if (user == null || user.equalsIgnoreCase("false")) {
            return "build";
        }
        if (showsBuildOutput(userConfiguration)) {
            return user.isEmpty() ? "true" : user;
        }
        return user + ",build";
    }

    /** Whether the user's own fabric8 configuration already asks for the build output ({@code verbose} true, all, build). */
    static boolean showsBuildOutput(Object userConfiguration) {
        String user = userVerbose(userConfiguration);
        if (user == null) {
            return false;
        }
        return user.isEmpty() || user.equalsIgnoreCase("true") || user.equalsIgnoreCase("all")
                || java.util.Arrays.stream(user.split(",")).anyMatch(v -> v.trim().equalsIgnoreCase("build"));
    }

    private static String userVerbose(Object userConfiguration) {
        if (userConfiguration instanceof Xpp3Dom dom && dom.getChild("verbose") != null) {
            String v = dom.getChild("verbose").getValue();
            return v == null ? "" : v.trim();
        }
        return null;
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
