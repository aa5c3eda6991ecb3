package dev.pythonfips.maven;

import dev.pythonfips.model.Platform;
import dev.pythonfips.model.plan.Cell;
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

    /**
     * The configuration fabric8's goal runs with: ours (the cell's {@code <images>}, {@code verbose}), merged over the
     * user's global fabric8 configuration from the pom ({@code dockerHost}, {@code authConfig}, {@code verbose},
     * {@code certPath}, ...: those apply), whose own {@code <images>} are dropped (they describe the user's images, not
     * ours), merged over the goal's defaults from its descriptor; only parameters the goal declares are kept.
     *
     * @param userGlobal     the {@code <configuration>} of the fabric8 plugin in the user's pom, or null
     * @param goalDefaults   the goal's {@code <configuration>} from fabric8's plugin descriptor (expressions, defaults)
     * @param goalParameters the goal's parameter names
     */
    static Xpp3Dom merge(Xpp3Dom ours, Object userGlobal, Xpp3Dom goalDefaults, java.util.Set<String> goalParameters) {
        Xpp3Dom conf = new Xpp3Dom(ours);
        if (userGlobal instanceof Xpp3Dom user) {
            Xpp3Dom global = new Xpp3Dom(user);
            for (int k = global.getChildCount() - 1; k >= 0; k--) {
                if (global.getChild(k).getName().equals("images")) {
                    global.removeChild(k);
                }
            }
            // dominant: ours (our <images>, our verbose when showOutput asks for it); recessive: the user's settings
            conf = Xpp3Dom.mergeXpp3Dom(conf, global);
        }
        conf = Xpp3Dom.mergeXpp3Dom(conf, goalDefaults);
        Xpp3Dom filtered = new Xpp3Dom("configuration");
        for (Xpp3Dom c : conf.getChildren()) {
            if (goalParameters.contains(c.getName())) {
                filtered.addChild(c);
            }
        }
        return filtered;
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
