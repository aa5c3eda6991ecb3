package dev.pythonfips.model.source;

import dev.pythonfips.model.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dry-runs a unified diff ({@code patch -p1}, no fuzz) against the files inside a source tarball, in memory, so a
 * patch that no longer applies fails generation in seconds, naming the file and the hunk.
 */
public final class PatchChecker {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One file section of a patch. */
    record FilePatch(String path, boolean created, List<Hunk> hunks) {
    }

    /** One hunk: the header line and the old/new line sequences. */
    record Hunk(int number, String header, int oldStart, List<String> oldLines, List<String> newLines) {
    }

    private PatchChecker() {
    }

    /** Parses the file sections of a unified diff (text before the first {@code ---} line is a header). */
    static List<FilePatch> parse(String patch) {
        List<FilePatch> files = new ArrayList<>();
        String[] lines = patch.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (lines[i].startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
                boolean created = lines[i].substring(4).trim().startsWith("/dev/null");
                String target = lines[i + 1].substring(4).split("\t")[0].trim();
                String path = target.contains("/") ? target.substring(target.indexOf('/') + 1) : target;
                i += 2;
                List<Hunk> hunks = new ArrayList<>();
                while (i < lines.length && lines[i].startsWith("@@")) {
                    Matcher m = HUNK.matcher(lines[i]);
                    if (!m.matches()) {
                        break;
                    }
                    String header = lines[i];
                    int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                    int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
                    List<String> oldL = new ArrayList<>();
                    List<String> newL = new ArrayList<>();
                    i++;
                    while (i < lines.length && (oldL.size() < oldCount || newL.size() < newCount)) {
                        String l = lines[i];
                        if (l.startsWith("\\")) {
                            i++;
                            continue;
                        }
                        char kind = l.isEmpty() ? ' ' : l.charAt(0);
                        String text = l.isEmpty() ? "" : l.substring(1);
                        if (kind == ' ') {
                            oldL.add(text);
                            newL.add(text);
                        } else if (kind == '-') {
                            oldL.add(text);
                        } else if (kind == '+') {
                            newL.add(text);
                        } else {
                            break;
                        }
                        i++;
                    }
                    while (i < lines.length && lines[i].startsWith("\\")) {
                        i++;
                    }
                    hunks.add(new Hunk(hunks.size() + 1, header, Integer.parseInt(m.group(1)), oldL, newL));
                }
                files.add(new FilePatch(path, created, hunks));
            } else {
                i++;
            }
        }
        return files;
    }

    /** Files (relative to the source top folder) the patch modifies. */
    public static Set<String> touchedFiles(String patch) {
        Set<String> out = new LinkedHashSet<>();
        for (FilePatch f : parse(patch)) {
            if (!f.created()) {
                out.add(f.path());
            }
        }
        return out;
    }

    /**
     * Applies {@code patch} to the given original file contents; returns the problems (empty when it applies).
     * {@code label} names the patch in messages.
     */
    public static List<Problem> dryRun(String label, String patch, Map<String, String> originals) {
        List<Problem> problems = new ArrayList<>();
        List<FilePatch> files = parse(patch);
        if (files.isEmpty()) {
            problems.add(new Problem(label, "contains no file changes", "check the patch file"));
        }
        for (FilePatch f : files) {
            if (f.created()) {
                if (originals.containsKey(f.path())) {
                    problems.add(new Problem(label, f.path() + " already exists in the sources but the patch creates it",
                            "regenerate the patch against this release"));
                }
                continue;
            }
            String original = originals.get(f.path());
            if (original == null) {
                problems.add(new Problem(label, f.path() + " does not exist in the sources", "regenerate the patch against this release"));
                continue;
            }
            List<String> lines = new ArrayList<>(List.of(original.split("\n", -1)));
            int offset = 0;
            for (Hunk h : f.hunks()) {
                int expected = Math.max(0, h.oldStart() - 1 + offset);
                int at = find(lines, h.oldLines(), expected);
                if (at < 0) {
                    problems.add(new Problem(label, f.path() + " hunk #" + h.number() + " (" + h.header()
                            + ") does not apply: its context is not in the file",
                            "the upstream file changed; update the patch for this Python release"));
                    break;
                }
                for (int k = 0; k < h.oldLines().size(); k++) {
                    lines.remove(at);
                }
                lines.addAll(at, h.newLines());
                offset = at - (h.oldStart() - 1) + h.newLines().size() - h.oldLines().size();
            }
        }
        return problems;
    }

    private static int find(List<String> lines, List<String> needle, int expected) {
        int max = lines.size() - needle.size();
        for (int d = 0; d <= lines.size(); d++) {
            for (int at : new int[]{expected - d, expected + d}) {
                if (at >= 0 && at <= max && matchesAt(lines, needle, at)) {
                    return at;
                }
            }
            if (expected - d < 0 && expected + d > max) {
                break;
            }
        }
        return -1;
    }

    private static boolean matchesAt(List<String> lines, List<String> needle, int at) {
        for (int k = 0; k < needle.size(); k++) {
            if (!lines.get(at + k).equals(needle.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Dry-runs {@code patch} against the files inside {@code tarball} under {@code topFolder}. */
    public static List<Problem> dryRun(String label, String patch, Path tarball, String topFolder) throws IOException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String f : touchedFiles(patch)) {
            wanted.add(topFolder + "/" + f);
        }
        Map<String, String> inside = TarballInspector.read(tarball, wanted, n -> { });
        Map<String, String> originals = new LinkedHashMap<>();
        inside.forEach((k, v) -> originals.put(k.substring(topFolder.length() + 1), v));
        return dryRun(label, patch, originals);
    }
}
