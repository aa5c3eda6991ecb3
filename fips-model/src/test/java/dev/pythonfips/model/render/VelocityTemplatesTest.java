package dev.pythonfips.model.render;

import org.apache.velocity.exception.MethodInvocationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shell syntax and VTL collide ({@code ##}, {@code #*}, {@code $VAR}); these tests pin down how our templates cope. */
class VelocityTemplatesTest {

    private final ContextRenderer renderer = new ContextRenderer();

    @Test
    void shellInsideUnparsedBlocksSurvivesByteForByte() {
        String out = renderer.renderTemplate("test/collisions.sh.vm", Map.of("name", "cell-1"));
        assertThat(out).contains("# cell-1 - a Velocity value; a lone # comment stays")
                .contains("VALUE='cell-1'")
                .contains("arch=\"${dpkgArch##*-}\"")
                .contains("rest=\"${v#*/}\"")
                .contains("PATH=\"$PATH:/opt/x\"")
                .contains("## a shell comment with two hashes")
                .contains("#* not a Velocity block comment *#")
                .contains("echo \"$1 ${2:-default}\"");
    }

    @Test
    void strictModeFailsOnAnUnknownReferenceInsteadOfPrintingIt() {
        assertThatThrownBy(() -> renderer.renderTemplate("test/collisions.sh.vm", Map.of()))
                .isInstanceOf(MethodInvocationException.class).hasMessageContaining("$name");
    }
}
