package dev.pythonfips.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pythonfips.maven.engine.Registry;
import dev.pythonfips.model.record.BuildInputs;
import dev.pythonfips.model.plan.Cell;
import dev.pythonfips.model.FipsConfigException;
import dev.pythonfips.model.record.ImagesRecord;
import dev.pythonfips.model.record.ManifestList;
import dev.pythonfips.model.Platform;
import dev.pythonfips.model.Problem;
import dev.pythonfips.model.record.ReleaseTags;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * fips:assemble's loop: a matrix built by several jobs (one per cell and platform, each on the engine it was given,
 * each pushing its image under its platform's tag with {@code fips:push -Dfips.push.perPlatform=true}) becomes one
 * manifest list per cell under the cell's tags. First every platform of every cell is checked — a job recorded its
 * push, every platform of a cell was built from the same inputs ({@link BuildInputs}), and the registry serves each
 * recorded digest — and every problem is reported at once, with nothing published. Then each cell's list is put under
 * each of its references and recorded in this project's images.json only when the registry serves the list's digest,
 * so fips:verify can check every platform by digest.
 */
final class AssembleService {

    /** One job's images.json, named for messages. */
    record JobRecord(String name, ImagesRecord record) {
    }

    /** One platform of a cell as a job recorded it. */
    private record Found(JobRecord job, ImagesRecord.Entry entry, String reference, String digest, String inputs) {
    }

    private final Registry registry;
    private final Function<String, Registry.Credentials> credentials;
    private final Log log;

    AssembleService(Registry registry, Function<String, Registry.Credentials> credentials, Log log) {
        this.registry = registry;
        this.credentials = credentials;
        this.log = log;
    }

    /**
     * Publishes each cell's manifest list ({@code targets.get(k)} is {@code cells.get(k)}'s) from the jobs' records,
     * recording what was published in {@code out}.
     *
     * @return one row per reference (cell, reference, digest, result)
     */
    List<String[]> assemble(List<Cell> cells, List<ReleaseTags.Target> targets, List<JobRecord> jobs, ImagesRecord out,
                            PushService.RecordWriter writer) throws MojoFailureException, MojoExecutionException {
        List<Problem> problems = new ArrayList<>();
        Map<Cell, Map<Platform, Found>> found = new LinkedHashMap<>();
        Map<String, Registry.Manifest> manifests = new LinkedHashMap<>();
        for (int k = 0; k < cells.size(); k++) {
            Cell cell = cells.get(k);
            ReleaseTags.Target t = targets.get(k);
            Map<Platform, Found> platforms = new LinkedHashMap<>();
            for (Platform p : cell.platforms()) {
                String ref = PushService.perPlatform(t, p).references().get(0);
                find(cell, p, ref, jobs, problems).ifPresent(f -> platforms.put(p, f));
            }
            found.put(cell, platforms);
            List<String> inputs = platforms.values().stream().map(Found::inputs).distinct().toList();
            if (inputs.size() > 1) {
                StringBuilder which = new StringBuilder();
                platforms.forEach((p, f) -> which.append(which.length() == 0 ? "" : ", ").append(p).append(" from ")
                        .append(f.inputs()).append(" (").append(f.job().name()).append(')'));
                problems.add(new Problem("cell " + cell.id(), "its platforms were built from different inputs: " + which,
                        "build every platform from the same pom, sources and plugin version (one commit), then assemble again"));
            }
            Registry.Credentials creds = credentials.apply(t.registry());
            platforms.forEach((p, f) -> {
                try {
                    Optional<Registry.Manifest> m = registry.manifest(t.registry(), t.repository(), f.digest(), creds);
                    if (m.isEmpty() || !m.get().digest().equals(f.digest()) || ManifestList.isList(m.get().mediaType())) {
                        problems.add(new Problem("cell " + cell.id() + " " + p, "the registry " + t.registry() + " does not serve "
                                + f.digest() + " (" + f.reference() + ", recorded in " + f.job().name() + ")"
                                + m.map(x -> ": it serves " + x.digest() + " (" + x.mediaType() + ")").orElse(""),
                                "push that platform again from its job (fips:push -Dfips.push.perPlatform=true) and pass its images.json"));
                    } else {
                        manifests.put(cell.id() + " " + p, m.get());
                    }
                } catch (IOException e) {
                    problems.add(new Problem("cell " + cell.id() + " " + p, "cannot read " + f.digest() + " from " + t.registry()
                            + ": " + e.getMessage(), "check the registry and its credentials (settings.xml <server>)"));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("python-fips: nothing was assembled:\n" + new FipsConfigException(problems).getMessage());
        }
        List<String[]> rows = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            String failure = publish(cells.get(k), targets.get(k), found.get(cells.get(k)), manifests, out, rows);
            writer.write(out);
            if (failure != null) {
                throw new MojoFailureException(failure + "\n  fix the registry and run fips:assemble again");
            }
        }
        return rows;
    }

    /** The job record of one platform of a cell, or a problem. */
    private Optional<Found> find(Cell cell, Platform p, String ref, List<JobRecord> jobs, List<Problem> problems) {
        List<Found> seen = new ArrayList<>();
        for (JobRecord job : jobs) {
            Optional<ImagesRecord.Entry> e = job.record().cell(cell.id());
            if (e.isEmpty() || !e.get().hasImage() || !e.get().platforms().equals(List.of(p.toString()))) {
                continue;
            }
            Optional<ImagesRecord.Push> push = e.get().pushed(ref);
            if (push.isEmpty()) {
                continue;
            }
            JsonNode inputs = e.get().extra().get(BuildInputs.KEY);
            seen.add(new Found(job, e.get(), ref, push.get().digest(), inputs == null ? null : inputs.asText()));
        }
        String names = String.join(", ", jobs.stream().map(JobRecord::name).toList());
        if (seen.isEmpty()) {
            problems.add(new Problem("cell " + cell.id() + " " + p, "no job recorded a push of " + ref + " (records: " + names + ")",
                    "run its job (fips:build fips:push -Dfips.cells=" + cell.id() + " -Dfips.job.platform=" + p
                            + " -Dfips.push.perPlatform=true) and pass its images.json"));
            return Optional.empty();
        }
        if (seen.stream().map(Found::digest).distinct().count() > 1) {
            problems.add(new Problem("cell " + cell.id() + " " + p, "jobs recorded different images as " + ref + ": "
                    + String.join(", ", seen.stream().map(f -> f.digest() + " (" + f.job().name() + ")").toList()),
                    "pass only the record of the job whose image you publish"));
            return Optional.empty();
        }
        Found f = seen.get(0);
        if (f.inputs() == null) {
            problems.add(new Problem("cell " + cell.id() + " " + p, f.job().name() + " records no build inputs for it",
                    "build it again with this version of python-fips (fips:build records them)"));
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /** Puts one cell's manifest list under each of its references; returns the failure, or null. */
    private String publish(Cell cell, ReleaseTags.Target t, Map<Platform, Found> platforms, Map<String, Registry.Manifest> manifests,
                           ImagesRecord out, List<String[]> rows) {
        List<ManifestList.Entry> entries = new ArrayList<>();
        List<ImagesRecord.PlatformManifest> named = new ArrayList<>();
        List<ImagesRecord.PlatformImage> images = new ArrayList<>();
        platforms.forEach((p, f) -> {
            Registry.Manifest m = manifests.get(cell.id() + " " + p);
            entries.add(new ManifestList.Entry(p, m.mediaType().isEmpty() ? ManifestList.MANIFEST_MEDIA_TYPE : m.mediaType(),
                    m.body().length, f.digest()));
            named.add(new ImagesRecord.PlatformManifest(p.toString(), f.reference(), f.digest()));
            images.add(new ImagesRecord.PlatformImage(p.toString(), f.entry().image(), f.entry().imageId(), f.entry().size(),
                    f.entry().baseImage()));
            log.info("python-fips: " + cell.id() + " " + p + ": " + f.reference() + " " + f.digest() + " (" + f.job().name() + ")");
        });
        ManifestList list = new ManifestList(entries);
        Found first = platforms.values().iterator().next();
        out.recordBuilt(cell.id(), cell.image(), images.get(0).imageId(), cell.platforms().stream().map(Platform::toString).toList(),
                null, images.get(0).baseImage(), List.of(), images);
        out.attach(cell.id(), BuildInputs.KEY, TextNode.valueOf(first.inputs()));
        Registry.Credentials creds = credentials.apply(t.registry());
        for (String ref : t.references()) {
            String tag = ref.substring(ref.lastIndexOf(':') + 1);
            String error;
            try {
                registry.putManifest(t.registry(), t.repository(), tag, list.mediaType(), list.bytes(), creds);
                Optional<String> served = registry.manifestDigest(t.registry(), t.repository(), tag, creds);
                if (served.isPresent() && served.get().equals(list.digest())) {
                    out.recordPushed(cell.id(), images.get(0).imageId(), new ImagesRecord.Push(t.registry(), ref, list.digest(), named));
                    rows.add(new String[]{cell.id(), ref, list.digest(), "assembled (" + entries.size() + " platform(s))"});
                    continue;
                }
                error = "the registry serves " + served.orElse("nothing") + " for " + ref + ", the manifest list is " + list.digest();
            } catch (IOException e) {
                error = e.getMessage();
            }
            rows.add(new String[]{cell.id(), ref, "-", "FAILED"});
            out.recordPushFailed(cell.id(), images.get(0).imageId(), error);
            return "python-fips: manifest list of cell " + cell.id() + " to registry " + t.registry() + " failed for " + ref + ": " + error;
        }
        return null;
    }
}
