package dev.pythonfips.maven;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.pythonfips.maven.engine.ContainerEngine;
import dev.pythonfips.maven.engine.DockerEngine;
import dev.pythonfips.model.record.BuildInputs;
import dev.pythonfips.model.record.BuildTime;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.Digests;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.plan.PlatformSupport;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.supplychain.FloatingBase;
import dev.pythonfips.model.supplychain.Provenance;
import dev.pythonfips.model.supplychain.Sbom;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * fips:build's loop over an engine and a builder (fabric8's {@code docker:build} in the goal, a fake in
 * {@code BuildServiceTest}): builds each platform of each cell from its generated context, then records in images.json
 * what the engine really holds — the image id, its platform as the image config says, size and base image — or the
 * failure; a build fabric8 calls successful is not recorded as built unless the engine has the image for the asked
 * platform. The record is written after each cell; the first failure stops the loop.
 */
final class BuildService {

    /** Builds one platform of a cell into {@code reference} (fabric8's docker:build in the goal). */
    interface Builder {
        void build(Cell cell, Platform platform, String reference, Map<String, String> extraBuildArgs, List<String> tags,
                   BuildProgress progress) throws MojoExecutionException, MojoFailureException;
    }

    /** What the goal tells the loop: where contexts are, extra tags, progress lines, and what the provenance records. */
    record Settings(File outputDirectory, List<String> tags, int heartbeatSeconds, boolean showOutput, boolean releaseBuild,
                    String pluginVersion, String fabric8Version) {
        Settings {
            tags = List.copyOf(tags);
        }
    }

    /** One row per cell built (cell, image, result, time, size) and whether one failed. */
    record Outcome(List<String[]> rows, boolean failed) {
    }

    private final ContainerEngine engine;
    private final Builder builder;
    private final Settings settings;
    private final Log log;

    BuildService(ContainerEngine engine, Builder builder, Settings settings, Log log) {
        this.engine = engine;
        this.builder = builder;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Builds every cell, one after the other.
     *
     * @param basePins each multi-platform cell's base image pinned per platform ({@code repository@sha256:…})
     */
    Outcome build(List<Cell> cells, Map<String, Map<Platform, String>> basePins, ImagesRecord record,
                  PushService.RecordWriter writer) throws MojoExecutionException {
        List<String[]> rows = new ArrayList<>();
        int i = 0;
        for (Cell cell : cells) {
            i++;
            log.info(String.format(Locale.ROOT, "python-fips: [%d/%d] building %s -> %s (%s)", i, cells.size(),
                    cell.id(), cell.image(), cell.platformList()));
            long start = System.nanoTime();
            String error = null;
            BuildProgress progress = new BuildProgress(cell.id(), System::nanoTime);
            AutoCloseable heartbeat = progress.every(settings.heartbeatSeconds(), settings.showOutput(), log::info);
            try {
                for (Platform platform : cell.platforms()) {
                    Map<String, String> args = new LinkedHashMap<>();
                    if (cell.multiPlatform()) {
                        args.put(BasePins.BUILD_ARG, basePins.get(cell.id()).get(platform));
                        log.info("python-fips: " + cell.id() + ": building " + platform + " -> " + cell.platformImage(platform)
                                + " on " + args.get(BasePins.BUILD_ARG));
                    } else {
                        pullBaseFor(cell, platform);
                    }
                    builder.build(cell, platform, cell.platformImage(platform), args,
                            cell.multiPlatform() ? List.of() : settings.tags(), progress);
                }
            } catch (MojoExecutionException | MojoFailureException e) {
                error = "fabric8 docker:build failed: " + e.getMessage();
                log.error("python-fips: " + cell.id() + " failed: " + e.getMessage()
                        + (settings.showOutput() ? "" : " (re-run with -Dfips.build.showOutput=true to see every step)"));
                if (!settings.showOutput() && !progress.tail().isEmpty()) {
                    log.error("python-fips: " + cell.id() + ": the last lines of its build:");
                    progress.tail().forEach(l -> log.error("  | " + l));
                }
            } finally {
                closeQuietly(heartbeat);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean built = record(record, cell, error, basePins.get(cell.id())) != null;
            if (built) {
                BuildTime.record(record, cell.id(), seconds, java.time.Instant.now());
            }
            writer.write(record);
            String result = built ? "built" : "FAILED";
            log.info(String.format(Locale.ROOT, "python-fips: [%d/%d] %s %s in %.0f s", i, cells.size(), cell.id(), result, seconds));
            rows.add(new String[]{cell.id(), cell.image(), result, String.format(Locale.ROOT, "%.0f s", seconds),
                    built ? DockerEngine.humanSize(engine.imageSize(cell.image())) : "-"});
            if (!built) {
                return new Outcome(rows, true);
            }
        }
        return new Outcome(rows, false);
    }

    /**
     * Records in images.json what the build really produced: the image id, size and base image the engine reports
     * for the cell's image, or the failure. Returns null when nothing can be claimed.
     */
    private ImagesRecord.Entry record(ImagesRecord record, Cell cell, String error, Map<Platform, String> pins) {
        if (error != null) {
            record.recordBuildFailed(cell.id(), cell.image(), error);
            return null;
        }
        try {
            List<ImagesRecord.PlatformImage> platformImages = new ArrayList<>();
            if (cell.multiPlatform()) {
                for (Platform p : cell.platforms()) {
                    Optional<String> pid = engine.imageId(cell.platformImage(p));
                    String got = pid.isEmpty() ? null : engine.imagePlatform(pid.get());
                    String why = pid.isEmpty() ? "fabric8 reported success, but " + engine.name() + " has no image " + cell.platformImage(p)
                            : !PlatformSupport.imageMatches(p, got) ? "the engine built " + cell.platformImage(p) + " (" + pid.get()
                            + ") for " + got + ", not for " + p + "; it is not recorded as built" : null;
                    if (why != null) {
                        return failed(record, cell, why);
                    }
                    String pin = pins.get(p);
                    ImagesRecord.BaseImage pb = new ImagesRecord.BaseImage(pin, engine.imageId(pin).orElse(null),
                            pin.substring(pin.indexOf('@') + 1));
                    long psize = engine.imageSize(pid.get());
                    platformImages.add(new ImagesRecord.PlatformImage(p.toString(), cell.platformImage(p), pid.get(),
                            psize < 0 ? null : psize, pb));
                    log.info("python-fips: " + cell.id() + ": " + cell.platformImage(p) + " is " + pid.get()
                            + ", image config says " + got + " (asked " + p + ")");
                }
                // the cell's own name (and the extra tags) point at its first platform's image
                for (String ref : references(cell)) {
                    engine.tag(platformImages.get(0).imageId(), ref);
                }
            }
            Optional<String> id = engine.imageId(cell.image());
            if (id.isEmpty()) {
                return failed(record, cell, "fabric8 reported success, but " + engine.name() + " has no image " + cell.image());
            }
            if (!cell.multiPlatform()) {
                Platform asked = cell.platforms().get(0);
                String got = engine.imagePlatform(id.get());
                if (!PlatformSupport.imageMatches(asked, got)) {
                    return failed(record, cell, "the engine built " + cell.image() + " (" + id.get() + ") for " + got
                            + ", not for the asked " + asked + "; it is not recorded as built (an engine older than API 1.32,"
                            + " or one that ignores the build's platform option, builds for its own platform: build this cell on a "
                            + asked + " engine)");
                }
                log.info("python-fips: " + cell.id() + ": image config says " + got + " (asked " + asked + ")");
            }
            long size = engine.imageSize(id.get());
            ImagesRecord.BaseImage base = null;
            if (cell.multiPlatform()) {
                base = platformImages.get(0).baseImage();
            } else {
                Optional<String> baseId = engine.imageId(cell.baseImage());
                if (baseId.isPresent()) {
                    String digest = engine.repoDigests(cell.baseImage()).stream().findFirst()
                            .map(l -> l.substring(l.indexOf('@') + 1)).orElse(null);
                    base = new ImagesRecord.BaseImage(cell.baseImage(), baseId.get(), digest);
                }
            }
            ImagesRecord.Entry built = record.recordBuilt(cell.id(), cell.image(), id.get(),
                    cell.platforms().stream().map(Object::toString).toList(), size < 0 ? null : size, base, references(cell),
                    platformImages);
            warnFloatingBase(cell, base);
            java.nio.file.Path context = new File(settings.outputDirectory(), cell.id()).toPath();
            // what it was built from, the same for every platform's job: fips:assemble compares it across jobs
            try {
                built = record.attach(cell.id(), BuildInputs.KEY, TextNode.valueOf(BuildInputs.of(context)));
            } catch (IOException e) {
                log.warn("python-fips: " + cell.id() + ": built, but its build inputs could not be recorded (" + e.getMessage()
                        + "); fips:assemble will refuse this record");
            }
            // how it was built, for the provenance fips:sbom writes later: builder versions and the context as built
            try {
                Provenance.BuildFacts facts = new Provenance.BuildFacts(settings.pluginVersion(), settings.fabric8Version(),
                        engine.version(), Digests.tree(context, Sbom.FILE, Provenance.FILE));
                return record.attach(cell.id(), Provenance.BUILD_KEY, facts.toJson());
            } catch (IOException e) {
                log.warn("python-fips: " + cell.id() + ": built, but the build facts for its provenance could not be recorded ("
                        + e.getMessage() + "); fips:sbom will refuse to write its provenance");
                return built;
            }
        } catch (IOException | RuntimeException e) {
            return failed(record, cell, "cannot inspect the built image: " + e.getMessage());
        }
    }

    private ImagesRecord.Entry failed(ImagesRecord record, Cell cell, String why) {
        log.error("python-fips: " + cell.id() + ": " + why);
        record.recordBuildFailed(cell.id(), cell.image(), why);
        return null;
    }

    /**
     * A single-platform cell whose base image the engine does not hold yet: pull it for the cell's platform first.
     * fabric8 would pull the FROM image for the engine's own platform (seen with a manifest-list base and an arm64
     * cell: it pulled amd64, and the classic build then ran on that), and the build would not be for the asked platform.
     */
    private void pullBaseFor(Cell cell, Platform platform) {
        try {
            if (engine.imageId(cell.baseImage()).isPresent()) {
                return; // held locally: the pre-flight already checked that it is this platform's
            }
            log.info("python-fips: " + cell.id() + ": pulling base image " + cell.baseImage() + " for " + platform);
            engine.pull(cell.baseImage(), platform, 1800);
        } catch (IOException e) {
            log.warn("python-fips: " + cell.id() + ": cannot pull base image " + cell.baseImage() + " for " + platform + " ("
                    + e.getMessage() + "); leaving the pull to fabric8, the image's platform is checked after the build");
        }
    }

    /** The cell's image name and its extra tags (fips.build.tags). */
    private List<String> references(Cell cell) {
        List<String> refs = new ArrayList<>(List.of(cell.image()));
        String repo = cell.image().substring(0, cell.image().lastIndexOf(':'));
        settings.tags().forEach(t -> refs.add(repo + ":" + t));
        return refs;
    }

    /** Release builds (a version without -SNAPSHOT) warn on a base image without a digest, naming the digest used. */
    private void warnFloatingBase(Cell cell, ImagesRecord.BaseImage base) {
        FloatingBase.warning(cell.id(), cell.baseImage(), base == null ? null : base.digest()).ifPresent(w -> {
            if (settings.releaseBuild()) {
                log.warn("python-fips: release build: " + w);
            } else {
                log.debug("python-fips: " + w);
            }
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // a timer that does not stop is harmless: its thread is a daemon
        }
    }
}
