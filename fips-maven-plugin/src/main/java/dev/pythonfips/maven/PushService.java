package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.Registry;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.record.ManifestList;
import dev.pythonfips.model.record.ReleaseTags;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * fips:push's loop over an engine, a registry and a pusher (fabric8's {@code docker:push} in the goal, fakes in
 * {@code PushServiceTest}). Only what happened is recorded: a failed push records the failure and no digest; a
 * reference is recorded as pushed only when the engine reports the digest it pushed and the registry serves that same
 * digest for the tag; the record is written after each cell. A re-run pushes only what the registry does not already
 * serve with the recorded digest; the first failure stops the loop.
 */
final class PushService {

    /** Pushes a local image, already named {@code reference}, with its extra tags (fabric8's docker:push in the goal). */
    interface Pusher {
        void push(Cell cell, Platform platform, String reference, List<String> extraTags)
                throws IOException, MojoExecutionException, MojoFailureException;
    }

    /** Writes images.json (after every cell, so a later failure keeps what was pushed). */
    interface RecordWriter {
        void write(ImagesRecord record) throws MojoExecutionException;
    }

    /** What was pushed, one row per reference (cell, reference, digest, result), and the failure that stopped it. */
    record Outcome(List<String[]> rows, String failure) {
    }

    private final ContainerEngine engine;
    private final Registry registry;
    private final Pusher pusher;
    private final Function<String, Registry.Credentials> credentials;
    private final Log log;

    PushService(ContainerEngine engine, Registry registry, Pusher pusher, Function<String, Registry.Credentials> credentials, Log log) {
        this.engine = engine;
        this.registry = registry;
        this.pusher = pusher;
        this.credentials = credentials;
        this.log = log;
    }

    /**
     * Pushes each cell to its target ({@code targets.get(k)} is {@code cells.get(k)}'s). Every cell must have an image
     * fips:build recorded that the engine still holds; otherwise nothing is pushed and every such cell is named.
     *
     * @param recordFile for messages
     */
    Outcome push(List<Cell> cells, List<ReleaseTags.Target> targets, ImagesRecord record, String recordFile, RecordWriter writer)
            throws MojoFailureException, MojoExecutionException {
        return push(cells, targets, record, recordFile, writer, false);
    }

    /**
     * The same; with {@code perPlatform}, a fan-out job's push: each cell's image (built for one platform) goes only
     * under its platform's tag ({@link #perPlatform}), for fips:assemble to publish the cell's manifest list later.
     */
    Outcome push(List<Cell> cells, List<ReleaseTags.Target> targets, ImagesRecord record, String recordFile, RecordWriter writer,
                 boolean perPlatform) throws MojoFailureException, MojoExecutionException {
        List<Problem> problems = new ArrayList<>();
        for (Cell cell : cells) {
            Optional<ImagesRecord.Entry> e = record.cell(cell.id());
            if (e.isEmpty() || !e.get().hasImage()) {
                problems.add(new Problem("cell " + cell.id(), "fips:build has not built it (" + recordFile + ": "
                        + e.map(ImagesRecord.Entry::status).orElse("no entry") + ")", "run fips:build (or mvn deploy) first"));
                continue;
            }
            if (perPlatform && e.get().platforms().size() != 1) {
                problems.add(new Problem("cell " + cell.id(), "was built for " + e.get().platforms() + ", and a per-platform push"
                        + " (fips.push.perPlatform) pushes the image of one platform", "build each platform in its own job"
                        + " (-Dfips.job.platform=linux/arm64), or push without fips.push.perPlatform"));
                continue;
            }
            try {
                if (engine.imageId(e.get().imageId()).isEmpty()) {
                    problems.add(new Problem("cell " + cell.id(), "its recorded image " + e.get().imageId() + " is not in the engine "
                            + engine.name(), "run fips:build again on this engine (the same dockerHost / DOCKER_HOST)"));
                }
            } catch (IOException ex) {
                throw new MojoFailureException("python-fips: nothing was pushed: " + ex.getMessage() + VerifyService.ENGINE_FIX);
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("python-fips: nothing was pushed:\n" + new FipsConfigException(problems).getMessage());
        }
        List<String[]> rows = new ArrayList<>();
        String failure = null;
        for (int k = 0; k < targets.size() && failure == null; k++) {
            Cell cell = cells.get(k);
            ImagesRecord.Entry entry = record.cell(cell.id()).orElseThrow();
            ReleaseTags.Target t = perPlatform ? perPlatform(targets.get(k), Platform.parse(entry.platforms().get(0))) : targets.get(k);
            Registry.Credentials creds = credentials.apply(t.registry());
            if (alreadyPushed(entry, t, creds)) {
                log.info("python-fips: " + cell.id() + ": " + t.registry() + " already serves every reference with the recorded digest; not pushed again");
                t.references().forEach(ref -> rows.add(new String[]{cell.id(), ref, entry.pushed(ref).orElseThrow().digest(), "present"}));
                continue;
            }
            failure = entry.platformImages().isEmpty() ? pushImage(cell, t, entry, creds, record, rows)
                    : pushList(cell, t, entry, creds, record, rows);
            writer.write(record);
        }
        return new Outcome(rows, failure);
    }

    /** A single-platform cell: tags and pushes its image under every reference; returns the failure, or null. */
    private String pushImage(Cell cell, ReleaseTags.Target t, ImagesRecord.Entry entry, Registry.Credentials creds,
                             ImagesRecord record, List<String[]> rows) {
        log.info("python-fips: pushing " + cell.id() + " (" + entry.imageId() + ") to " + t.registry() + " as " + t.references());
        String error = null;
        try {
            for (String ref : t.references()) {
                engine.tag(entry.imageId(), ref);
            }
            pusher.push(cell, cell.platforms().get(0), t.references().get(0), t.tags().subList(1, t.tags().size()));
        } catch (IOException | MojoExecutionException | MojoFailureException ex) {
            error = ex.getMessage();
        }
        // record each reference the registry now really serves with the digest this engine pushed
        List<String> missing = new ArrayList<>();
        for (String ref : t.references()) {
            String tag = ref.substring(ref.lastIndexOf(':') + 1);
            try {
                Optional<String> pushed = engine.pushedDigest(entry.imageId(), t.repository());
                Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), tag, creds);
                if (pushed.isPresent() && served.isPresent() && served.get().equals(pushed.get())) {
                    record.recordPushed(cell.id(), entry.imageId(), new ImagesRecord.Push(t.registry(), ref, pushed.get()));
                    rows.add(new String[]{cell.id(), ref, pushed.get(), "pushed"});
                    continue;
                }
                if (error == null) {
                    error = served.isEmpty() ? "the registry has no " + ref + " after the push"
                            : pushed.isEmpty() ? "the engine reports no digest in " + t.repository() + " for " + entry.imageId()
                            : "the registry serves " + served.get() + " for " + ref + ", the engine pushed " + pushed.get();
                }
            } catch (IOException ex) {
                if (error == null) {
                    error = "cannot confirm the push of " + ref + ": " + ex.getMessage();
                }
            }
            missing.add(ref);
            rows.add(new String[]{cell.id(), ref, "-", "FAILED"});
        }
        if (error != null && !missing.isEmpty()) {
            record.recordPushFailed(cell.id(), entry.imageId(), error);
            return "python-fips: push of cell " + cell.id() + " (image " + entry.imageId() + ") to registry " + t.registry()
                    + " failed for " + missing + ": " + error;
        }
        return null;
    }

    /**
     * A multi-platform cell: pushes each platform's image under its own tag ({@code <first tag>-linux-arm64}), reads
     * back each platform manifest the registry stores, then publishes one manifest list naming them under every
     * reference of the cell. Records a reference only when the registry serves the list's digest for it. Returns the
     * failure message, or null.
     */
    private String pushList(Cell cell, ReleaseTags.Target t, ImagesRecord.Entry entry, Registry.Credentials creds,
                            ImagesRecord record, List<String[]> rows) {
        String first = t.references().get(0);
        String repo = first.substring(0, first.lastIndexOf(':'));
        String firstTag = first.substring(first.lastIndexOf(':') + 1);
        List<ManifestList.Entry> entries = new ArrayList<>();
        List<ImagesRecord.PlatformManifest> manifests = new ArrayList<>();
        try {
            for (ImagesRecord.PlatformImage pi : entry.platformImages()) {
                Platform platform = Platform.parse(pi.platform());
                String ref = repo + ":" + firstTag + "-" + platform.tagSuffix();
                log.info("python-fips: pushing " + cell.id() + " " + platform + " (" + pi.imageId() + ") as " + ref);
                engine.tag(pi.imageId(), ref);
                pusher.push(cell, platform, ref, List.of());
                String pushed = engine.pushedDigest(pi.imageId(), t.repository()).orElseThrow(() -> new IOException(
                        "the engine reports no digest in " + t.repository() + " for " + pi.imageId() + " after the push"));
                Registry.Manifest m = registry.manifest(t.registry(), t.repository(), pushed, creds)
                        .orElseThrow(() -> new IOException("the registry has no manifest " + pushed + " for " + ref + " after the push"));
                if (!m.digest().equals(pushed) || ManifestList.isList(m.mediaType())) {
                    throw new IOException("the registry serves " + m.digest() + " (" + m.mediaType() + ") for " + ref
                            + ", the engine pushed " + pushed);
                }
                entries.add(new ManifestList.Entry(platform, m.mediaType().isEmpty() ? ManifestList.MANIFEST_MEDIA_TYPE
                        : m.mediaType(), m.body().length, pushed));
                manifests.add(new ImagesRecord.PlatformManifest(pi.platform(), ref, pushed));
                rows.add(new String[]{cell.id(), ref, pushed, "pushed (" + platform + ")"});
            }
        } catch (IOException | MojoExecutionException | MojoFailureException | IllegalArgumentException ex) {
            record.recordPushFailed(cell.id(), entry.imageId(), ex.getMessage());
            return "python-fips: push of cell " + cell.id() + " to registry " + t.registry() + " failed: " + ex.getMessage();
        }
        ManifestList list = new ManifestList(entries);
        List<String> missing = new ArrayList<>();
        String error = null;
        for (String ref : t.references()) {
            String tag = ref.substring(ref.lastIndexOf(':') + 1);
            try {
                registry.putManifest(t.registry(), t.repository(), tag, list.mediaType(), list.bytes(), creds);
                Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), tag, creds);
                if (served.isPresent() && served.get().equals(list.digest())) {
                    record.recordPushed(cell.id(), entry.imageId(), new ImagesRecord.Push(t.registry(), ref, list.digest(), manifests));
                    rows.add(new String[]{cell.id(), ref, list.digest(), "pushed (manifest list, " + entries.size() + " platforms)"});
                    continue;
                }
                error = "the registry serves " + served.orElse("nothing") + " for " + ref + ", the manifest list is " + list.digest();
            } catch (IOException ex) {
                error = ex.getMessage();
            }
            missing.add(ref);
            rows.add(new String[]{cell.id(), ref, "-", "FAILED"});
        }
        if (!missing.isEmpty()) {
            record.recordPushFailed(cell.id(), entry.imageId(), error);
            return "python-fips: manifest list of cell " + cell.id() + " to registry " + t.registry() + " failed for " + missing + ": " + error;
        }
        return null;
    }

    /**
     * Where a job pushes one platform's image of a cell: the cell's first tag with the platform appended
     * ({@code 3.11.2-debian12-openssl3.0.20-linux-arm64}), in the cell's repository; the same reference a multi-platform
     * push gives that platform's manifest.
     */
    static ReleaseTags.Target perPlatform(ReleaseTags.Target t, Platform platform) {
        return new ReleaseTags.Target(t.cellId(), t.registry(), t.repository(), List.of(t.tags().get(0) + "-" + platform.tagSuffix()));
    }

    private boolean alreadyPushed(ImagesRecord.Entry entry, ReleaseTags.Target t, Registry.Credentials creds) {
        for (String ref : t.references()) {
            Optional<ImagesRecord.Push> p = entry.pushed(ref);
            if (p.isEmpty()) {
                return false;
            }
            try {
                Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), ref.substring(ref.lastIndexOf(':') + 1), creds);
                if (served.isEmpty() || !served.get().equals(p.get().digest())) {
                    return false;
                }
            } catch (IOException e) {
                log.debug("python-fips: cannot check " + ref + ": " + e.getMessage());
                return false;
            }
        }
        return true;
    }
}
