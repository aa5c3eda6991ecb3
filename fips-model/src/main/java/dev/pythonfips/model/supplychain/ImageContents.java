package dev.pythonfips.model.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a built image contains, as its own package databases report it: every distro package (dpkg, rpm or apk,
 * chosen by the distro family) and the installed Python distributions. Only parsing lives here; the mojo runs the
 * commands ({@link #packageQuery}, {@link #PYTHON_PACKAGES}) inside the image.
 */
public record ImageContents(String family, List<DistroPackage> packages, List<PythonPackage> pythonPackages) {

    /** One installed distro package. {@code arch} may be empty (apk reports none per package). */
    public record DistroPackage(String name, String version, String arch) {
    }

    /** One installed Python distribution, as {@code pip list} and {@link #PYTHON_PACKAGES} report it. */
    public record PythonPackage(String name, String version) {
    }

    public ImageContents {
        packages = packages.stream().sorted(Comparator.comparing(DistroPackage::name).thenComparing(DistroPackage::arch)).toList();
        pythonPackages = pythonPackages.stream().sorted(Comparator.comparing(PythonPackage::name)).toList();
    }

    /** How {@link #PYTHON_PACKAGES} finds them, as the SBOM records it ("found-by"). */
    public static final String PYTHON_PACKAGES_FOUND_BY = "importlib.metadata.distributions() of the image's python3";

    /**
     * The installed Python distributions as {@code pip list --format=json} prints them (name and version, sorted,
     * the first of a name on sys.path wins), from the standard library's importlib.metadata: it works in an image
     * built without pip too. Run through the image's own entrypoint.
     */
    public static final List<String> PYTHON_PACKAGES = List.of("python3", "-c", "import importlib.metadata as m, json; s = {}; "
            + "[s.setdefault(d.metadata['Name'].lower(), {'name': d.metadata['Name'], 'version': d.version}) "
            + "for d in m.distributions() if d.metadata['Name']]; print(json.dumps([s[k] for k in sorted(s)]))");

    /**
     * The command (entrypoint and arguments) that lists every installed distro package of a {@code family}
     * ({@code deb}, {@code rpm}, {@code apk}) one per line as name TAB version TAB arch.
     */
    public static List<String> packageQuery(String family) {
        return switch (family) {
            case "deb" -> List.of("dpkg-query", "-W", "-f", "${Package}\\t${Version}\\t${Architecture}\\n");
            case "rpm" -> List.of("rpm", "-qa", "--qf", "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\n");
            case "apk" -> List.of("apk", "info", "-v");
            default -> throw new IllegalArgumentException("no package query for distro family " + family);
        };
    }

    /** Parses the output of {@link #packageQuery}. */
    public static List<DistroPackage> parsePackages(String family, String output) throws IOException {
        List<DistroPackage> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("WARNING")) {
                continue;
            }
            if (family.equals("apk")) {
                // name-version-rRELEASE, the name itself may contain dashes: the version starts at the second-last dash
                int r = line.lastIndexOf('-');
                int v = r < 0 ? -1 : line.lastIndexOf('-', r - 1);
                if (v <= 0) {
                    throw new IOException("unexpected apk info line: " + line);
                }
                out.add(new DistroPackage(line.substring(0, v), line.substring(v + 1), ""));
            } else {
                String[] f = line.split("\t", -1);
                if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty()) {
                    throw new IOException("unexpected " + family + " package line: " + line);
                }
                out.add(new DistroPackage(f[0], f[1], f[2]));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("the " + family + " package database listed no packages");
        }
        return out;
    }

    /** Parses {@code pip list --format=json} or the output of {@link #PYTHON_PACKAGES}. */
    public static List<PythonPackage> parsePipList(String output) throws IOException {
        int start = output.indexOf('[');
        if (start < 0) {
            throw new IOException("the Python package list printed no JSON list: " + output.strip());
        }
        JsonNode arr = new ObjectMapper().readTree(output.substring(start));
        List<PythonPackage> out = new ArrayList<>();
        for (JsonNode p : arr) {
            if (!p.hasNonNull("name") || !p.hasNonNull("version")) {
                throw new IOException("Python package list entry without name or version: " + p);
            }
            out.add(new PythonPackage(p.get("name").asText(), p.get("version").asText()));
        }
        return out;
    }
}
