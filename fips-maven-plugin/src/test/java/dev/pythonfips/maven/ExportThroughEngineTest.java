package dev.pythonfips.maven;

import dev.pythonfips.model.supplychain.RuntimeExport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fips:export reads an image's prefix through the engine: the file appears only whole, a failure says what to check. */
class ExportThroughEngineTest {

    @TempDir
    Path tmp;

    static byte[] tar(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            for (String n : names) {
                byte[] data = n.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(n);
                e.setSize(data.length);
                t.putArchiveEntry(e);
                t.write(data);
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static final class FakeEngine extends EngineStub {
        final List<String> copies = new ArrayList<>();
        byte[] tar;

        @Override
        public <T> T copyOut(String image, String path, long timeoutSeconds, TarReader<T> reader) throws IOException {
            copies.add(image + ":" + path);
            if (tar == null) {
                throw new IOException("docker cp c:" + path + " failed: Could not find the file " + path + " in container c");
            }
            return reader.read(new ByteArrayInputStream(tar));
        }
    }

    @Test
    void thePrefixIsRepackedWithoutTheBuildTimeModuleConfigurationAndOnlyWhole() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.tar = tar("python-fips/bin/python3", "python-fips/ssl/fipsmodule.cnf", "python-fips/ssl/openssl.cnf");
        Path file = tmp.resolve("export/python-fips-x-amd64.tar.gz");
        RuntimeExport.Result r = ExportMojo.export(engine, "sha256:abc", "/opt/python-fips", file);
        assertThat(engine.copies).containsExactly("sha256:abc:/opt/python-fips");
        assertThat(r.entries()).isEqualTo(2);
        assertThat(r.leftOut()).containsExactly("python-fips/ssl/fipsmodule.cnf");
        assertThat(file).exists();

        engine.tar = null;
        Path missing = tmp.resolve("export/other.tar.gz");
        assertThatThrownBy(() -> ExportMojo.export(engine, "sha256:abc", "/usr/local", missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("Could not find the file /usr/local")
                .hasMessageContaining("check <prefix> (/usr/local) is where the image installs Python");
        assertThat(missing).doesNotExist();
        try (var files = Files.list(tmp.resolve("export"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("python-fips-x-amd64.tar.gz");
        }
    }
}
