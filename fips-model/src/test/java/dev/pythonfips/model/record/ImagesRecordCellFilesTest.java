package dev.pythonfips.model.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-cell files next to images.json say what the record holds, and nothing it does not. */
class ImagesRecordCellFilesTest {

    @TempDir
    Path tmp;

    static final String ID1 = "sha256:" + "1".repeat(64);
    static final String ID2 = "sha256:" + "2".repeat(64);
    static final String DIGEST = "sha256:" + "d".repeat(64);

    @Test
    void imageIdAndPushedDigestPerCellAndNoStaleDigestAfterARebuild() throws Exception {
        Path file = tmp.resolve("images.json");
        ImagesRecord r = new ImagesRecord();
        r.recordBuilt("a", "python-fips:a", ID1, List.of("linux/amd64"), 1L, null, List.of("python-fips:a"));
        r.recordBuilt("b", "python-fips:b", ID2, List.of("linux/amd64"), 1L, null, List.of("python-fips:b"));
        r.recordPushed("a", ID1, new ImagesRecord.Push("127.0.0.1:5000", "127.0.0.1:5000/python-fips:a", DIGEST));
        r.write(file);
        assertThat(Files.readString(tmp.resolve("a.image-id"))).isEqualTo(ID1 + "\n");
        assertThat(Files.readString(tmp.resolve("a.digest"))).isEqualTo(DIGEST + "\n");
        assertThat(Files.readString(tmp.resolve("b.image-id"))).isEqualTo(ID2 + "\n");
        assertThat(tmp.resolve("b.digest")).doesNotExist();

        // a rebuilt "a" (another image id) is not pushed yet: its old digest must go
        r.recordBuilt("a", "python-fips:a", ID2, List.of("linux/amd64"), 1L, null, List.of("python-fips:a"));
        r.write(file);
        assertThat(Files.readString(tmp.resolve("a.image-id"))).isEqualTo(ID2 + "\n");
        assertThat(tmp.resolve("a.digest")).doesNotExist();
    }
}
