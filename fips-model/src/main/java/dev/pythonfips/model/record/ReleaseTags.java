package dev.pythonfips.model.record;

import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.Wording;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.plan.ImageNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where {@code fips:push} publishes each cell: the target registry (the Maven plugin's {@code <pushRegistry>}, e.g.
 * {@code registry.example.com/team} or {@code 127.0.0.1:5000}) and extra tag patterns ({@code <pushTags>}, e.g.
 * {@code {pythonMinor}-{distro}}, {@code {python}-{distro}-1.4.0}). Everything is validated for every cell before
 * anything runs: unknown placeholders, tags outside Docker's grammar, registries that are not host names, and two
 * cells that would get the same reference.
 */
public final class ReleaseTags {

    /** Docker's tag grammar. */
    static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    /** A registry host: has a dot or a port, or is localhost (otherwise Docker reads it as a Docker Hub namespace). */
    private static final Pattern HOST = Pattern.compile(
            "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")+(?::[0-9]{1,5})?|" + DOMAIN_PART + ":[0-9]{1,5}|localhost)");
    private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    /** One cell's publication: the repository in the registry and every tag pushed there. */
    public record Target(String cellId, String registry, String repository, List<String> tags) {
        /** {@code repository:tag} for each tag. */
        public List<String> references() {
            return tags.stream().map(t -> repository + ":" + t).toList();
        }
    }

    private ReleaseTags() {
    }

    /**
     * The push targets of every cell, or every problem at once.
     *
     * @param registry    registry host[:port][/namespace]; empty: the registry must be part of each image name
     * @param tagPatterns extra tag patterns (placeholders as in {@code <imageName>}); {@code ${...}} must already be
     *                    interpolated by the frontend
     */
    public static List<Target> targets(List<Cell> cells, String registry, List<String> tagPatterns, Wording wording)
            throws FipsConfigException {
        List<Problem> problems = new ArrayList<>();
        String reg = registry == null ? "" : registry.trim();
        while (reg.endsWith("/")) {
            reg = reg.substring(0, reg.length() - 1);
        }
        if (!reg.isEmpty() && !validRegistry(reg)) {
            problems.add(new Problem(wording.setting("pushRegistry"), "\"" + registry + "\" is not a registry host",
                    "use host[:port][/namespace] with a dot or a port in the host, e.g. registry.example.com/team or 127.0.0.1:5000"));
        }
        List<String> patterns = new ArrayList<>();
        for (String p : tagPatterns == null ? List.<String>of() : tagPatterns) {
            if (p != null && !p.isBlank()) {
                patterns.add(p.trim());
            }
        }
        List<String> usable = new ArrayList<>();
        for (String p : patterns) {
            List<String> unknown = ImageNames.unknownPlaceholders(p);
            if (!unknown.isEmpty()) {
                problems.add(new Problem(wording.setting("pushTags"), "unknown placeholder(s) " + unknown + " in \"" + p + "\"",
                        "use only " + ImageNames.PLACEHOLDERS.keySet().stream().map(k -> "{" + k + "}").toList()
                                + " and build properties such as ${project.version}"));
            } else if (p.contains("${")) {
                problems.add(new Problem(wording.setting("pushTags"), "\"" + p + "\" has an unresolved ${...} expression",
                        "define the property, or write the value"));
            } else {
                usable.add(p);
            }
        }
        patterns = usable;
        if (!problems.isEmpty() && !reg.isEmpty() && !validRegistry(reg)) {
            throw new FipsConfigException(problems);
        }
        List<Target> out = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (Cell cell : cells) {
            String image = cell.image();
            int colon = image.lastIndexOf(':');
            boolean hasTag = colon > image.lastIndexOf('/');
            String repo = hasTag ? image.substring(0, colon) : image;
            String firstTag = hasTag ? image.substring(colon + 1) : "latest";
            String imageRegistry = registryOf(repo);
            String repository;
            if (reg.isEmpty()) {
                if (imageRegistry == null) {
                    problems.add(new Problem(wording.setting("pushRegistry"), "cell " + cell.id() + ": image " + image
                            + " names no registry, so a push would go to Docker Hub",
                            "set " + wording.example("pushRegistry", "host[:port][/namespace]") + ", or put the registry in "
                                    + wording.element("imageName")));
                    continue;
                }
                repository = repo;
            } else {
                if (imageRegistry != null) {
                    problems.add(new Problem(wording.setting("pushRegistry"), "cell " + cell.id() + ": image " + image
                            + " already names the registry " + imageRegistry + ", and " + reg + " is configured too",
                            "keep the registry in one place: in " + wording.element("imageName") + " or in "
                                    + wording.element("pushRegistry")));
                    continue;
                }
                repository = reg + "/" + repo;
            }
            LinkedHashSet<String> tags = new LinkedHashSet<>();
            tags.add(firstTag);
            for (String p : patterns) {
                String tag = ImageNames.expand(p.contains(":") ? p : "x:" + p, cell.id(), cell.python(), cell.distro().id(),
                        cell.openssl(), cell.fipsProvider());
                tag = tag.substring(tag.indexOf(':') + 1);
                if (p.contains(":") || !TAG.matcher(tag).matches()) {
                    if (problems.stream().anyMatch(x -> x.message().startsWith("\"" + p + "\" gives"))) {
                        continue;
                    }
                    problems.add(new Problem(wording.setting("pushTags"), "\"" + p + "\" gives \"" + tag + "\" for cell "
                            + cell.id() + ", which is not a valid tag",
                            "a tag is 1-128 characters of [A-Za-z0-9_.-], not starting with . or -, e.g. {pythonMinor}-{distro}"));
                    continue;
                }
                tags.add(tag);
            }
            String where = (imageRegistry == null ? reg : imageRegistry);
            if (!ImageNames.isValidReference(repository + ":" + firstTag) || repository.length() > 255) {
                problems.add(new Problem(wording.setting("pushRegistry"), "cell " + cell.id() + ": \"" + repository
                        + "\" is not a valid repository", "use lower-case [a-z0-9._-/] names"));
                continue;
            }
            for (String t : tags) {
                String ref = repository + ":" + t;
                String owner = owners.putIfAbsent(ref, cell.id());
                if (owner != null && !owner.equals(cell.id())) {
                    problems.add(new Problem(wording.setting("pushTags"), "cells " + owner + " and " + cell.id()
                            + " would both be pushed as " + ref, "include {id} (or every varying field) in the tag pattern"));
                }
            }
            out.add(new Target(cell.id(), hostOf(where), repository, List.copyOf(tags)));
        }
        if (!problems.isEmpty()) {
            throw new FipsConfigException(problems);
        }
        return out;
    }

    static boolean validRegistry(String registry) {
        String[] parts = registry.split("/", -1);
        if (!HOST.matcher(parts[0]).matches()) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!PATH.matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The registry host of a repository name, or null when it has none (Docker Hub). */
    static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String first = repository.substring(0, slash);
        return HOST.matcher(first).matches() ? first : null;
    }

    private static String hostOf(String registry) {
        int slash = registry.indexOf('/');
        return slash < 0 ? registry : registry.substring(0, slash);
    }
}
