package dev.pythonfips.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin user has none of this repository's files: no message or fix the plugin and the model can print (a string
 * literal of their main sources) may send them to one (scripts/, patches/, examples/, docs/ of this repository).
 */
class MessagesNameNoRepositoryFileTest {

    /** A string literal naming a file of this repository. */
    static final Pattern REPOSITORY_FILE = Pattern.compile("\"[^\"\\n]*\\b(scripts/(e2e|bench|fetch-debian-sources)|patches/README|examples/|docs/[a-z-]+\\.md)[^\"\\n]*\"");

    @Test
    void noStringLiteralOfTheMainSourcesNamesARepositoryFile() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../fips-model/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                            continue; // documentation, not a message
                        }
                        Matcher m = REPOSITORY_FILE.matcher(lines.get(i));
                        if (m.find()) {
                            found.add(f.getFileName() + ":" + (i + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).as("messages naming a file a plugin user does not have").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertThat(REPOSITORY_FILE.matcher("fix = \"start the engine (scripts/e2e/ensure-docker.sh)\";").find()).isTrue();
        assertThat(REPOSITORY_FILE.matcher("fix = \"see patches/README.md\";").find()).isTrue();
        assertThat(REPOSITORY_FILE.matcher("fix = \"run mvn fips:generate\";").find()).isFalse();
    }
}
