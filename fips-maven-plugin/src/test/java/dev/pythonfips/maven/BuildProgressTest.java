package dev.pythonfips.maven;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The heartbeat names the stage, step and latest script line read from what fabric8 logs of a build. */
class BuildProgressTest {

    private static final long MIN = 60_000_000_000L;
    private static final String CELL = "3.11.2-debian12-openssl3.0.20";

    private final AtomicLong clock = new AtomicLong(1_000 * MIN);
    private final BuildProgress progress = new BuildProgress(CELL, clock::get);

    /** fabric8's verbose line: bright black, its "DOCKER> " prefix, the stream message trimmed. */
    private static String colored(String message) {
        return "\u001B[90mDOCKER> " + message + "\u001B[m";
    }

    @Test
    void beforeTheFirstStepItSaysSo() {
        clock.addAndGet(MIN);
        assertThat(progress.heartbeat(false)).isEqualTo("python-fips: ... still building " + CELL
                + ": preparing the build context, no step started yet (1 min; -Dfips.build.showOutput=true shows every line)");
    }

    @Test
    void classicStreamGivesStageStepAndLatestScriptLine() {
        List<String> fabric8 = List.of(
                "DOCKER> [python-fips:" + CELL + "] \"" + CELL + "\": Created docker-build.tar in 312 milliseconds",
                "DOCKER> Step 1/27 : FROM local/debian:bookworm AS patch",
                "DOCKER> ---> 8a7ad58fe6fd",
                "DOCKER> Step 13/27 : FROM local/debian:bookworm AS build",
                "DOCKER> Step 14/27 : RUN sh /fips/scripts/build-python.sh",
                "DOCKER> ---> Running in c22cacd01e22",
                "DOCKER> python-fips: FIPS module self-tests passed, /fips/x written",
                // one stream chunk may carry several lines
                "DOCKER> checking for gcc... gcc\nchecking whether the C compiler works...",
                "DOCKER> yes");
        for (String line : fabric8) {
            progress.accept(line);
        }
        clock.addAndGet(6 * MIN);
        assertThat(progress.stage()).isEqualTo("build");
        assertThat(progress.step()).isEqualTo("14/27 RUN sh /fips/scripts/build-python.sh");
        assertThat(progress.scriptLine()).isEqualTo("FIPS module self-tests passed, /fips/x written");
        assertThat(progress.heartbeat(true)).isEqualTo("python-fips: ... still building " + CELL
                + ": stage build, step 14/27 RUN sh /fips/scripts/build-python.sh — \"FIPS module self-tests passed, /fips/x written\""
                + " (6 min; this step 6 min; last output: \"checking whether the C compiler works... yes\")");
    }

    @Test
    void cellTaggedScriptLinesAnsiColoursAndAStepTimer() {
        progress.accept(colored("Step 20/27 : RUN sh /fips/scripts/build-openssl.sh"));
        clock.addAndGet(2 * MIN);
        progress.accept(colored("Step 21/27 : RUN sh /fips/scripts/build-fips-module.sh"));
        progress.accept(colored("python-fips[" + CELL + "]: verified openssl-3.0.20.tar.gz (0123456789abcdef...)"));
        clock.addAndGet(MIN + 30_000_000_000L);
        assertThat(progress.heartbeat(false)).isEqualTo("python-fips: ... still building " + CELL
                + ": step 21/27 RUN sh /fips/scripts/build-fips-module.sh — \"verified openssl-3.0.20.tar.gz (0123456789abcdef...)\""
                + " (3 min; this step 1 min; -Dfips.build.showOutput=true shows every line)");
    }

    @Test
    void aNewStepForgetsTheScriptLineOfTheLastAndUnnamedStagesGetTheirIndex() {
        progress.accept("DOCKER> Step 1/3 : FROM debian:12");
        progress.accept("DOCKER> Step 2/3 : RUN echo python-fips: one");
        progress.accept("DOCKER> python-fips: one");
        progress.accept("DOCKER> Step 3/3 : RUN true");
        assertThat(progress.stage()).isEqualTo("#0");
        assertThat(progress.scriptLine()).isNull();
        assertThat(progress.heartbeat(true)).contains("stage #0, step 3/3 RUN true (0 s; this step 0 s)");
    }

    @Test
    void buildKitPlainProgressOfABuildxBuild() {
        progress.accept("#1 [internal] load build definition from Dockerfile");
        progress.accept("#14 [build  6/12] RUN sh /fips/scripts/build-python.sh");
        progress.accept("#14 0.512 python-fips[c]: applying python-fips.patch");
        progress.accept("#14 12.03 gcc -c Modules/_ssl.c");
        progress.accept("#14 DONE 12.5s");
        assertThat(progress.stage()).isEqualTo("build");
        assertThat(progress.heartbeat(true)).contains("stage build, step 6/12 RUN sh /fips/scripts/build-python.sh — "
                + "\"applying python-fips.patch\"", "last output: \"gcc -c Modules/_ssl.c\"");
    }

    @Test
    void longLinesKeepTheirHeadAndTail() {
        progress.accept("DOCKER> Step 1/1 : RUN " + "x".repeat(300));
        progress.accept("DOCKER> gcc -c -Wsign-compare -DNDEBUG -g -fwrapv -O3 -Wall -std=c11 -Wextra -Wno-unused-parameter "
                + "-Wno-missing-field-initializers -I./Include/internal -I. -I./Include -DPy_BUILD_CORE -o Objects/longobject.o "
                + "Objects/longobject.c");
        String beat = progress.heartbeat(true);
        assertThat(beat).contains("step 1/1 RUN xxx").contains("last output: \"gcc -c -Wsign-compare -DNDEBUG -g -fwrap…")
                .contains("-o Objects/longobject.o Objects/longobject.c\"").hasSizeLessThan(350);
        assertThat(BuildProgress.shorten("a".repeat(500))).hasSize(BuildProgress.MAX_TEXT);
    }

    @Test
    void onlyTheClassicStreamIsHiddenWithoutShowOutput() {
        List<String> shown = new ArrayList<>();
        ProgressLog log = new ProgressLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                shown.add(content.toString());
            }
        }, progress, false);
        List<String> lines = List.of(
                "DOCKER> [img] \"c\": Created docker-build.tar in 10 milliseconds",
                "DOCKER> Step 1/2 : FROM debian:12 AS build",
                "DOCKER> ---> 8a7ad58fe6fd",
                "DOCKER> Step 2/2 : RUN pip install cffi",
                "DOCKER> Successfully built cffi",        // pip's, not Docker's: the stream goes on
                "DOCKER> Successfully installed cffi-1.17",
                "DOCKER> Removing intermediate container c22cacd01e22",
                "DOCKER> Successfully built 486979b00264",
                "DOCKER> Successfully tagged python-fips:c",
                "DOCKER> [img] \"c\": Built image sha256:486979b00264");
        lines.forEach(log::info);
        assertThat(shown).containsExactly(lines.get(0), lines.get(9));
        assertThat(progress.tail()).containsExactly("Step 1/2 : FROM debian:12 AS build", "Step 2/2 : RUN pip install cffi",
                "Successfully built cffi", "Successfully installed cffi-1.17");

        List<String> all = new ArrayList<>();
        ProgressLog verbose = new ProgressLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                all.add(content.toString());
            }
        }, new BuildProgress("c", clock::get), true);
        lines.forEach(verbose::info);
        assertThat(all).isEqualTo(lines);
    }

    @Test
    void ourScriptsLinesAreShownWithoutShowOutputTheCompilersAreNot() {
        List<String> shown = new ArrayList<>();
        ProgressLog log = new ProgressLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                shown.add(content.toString());
            }
        }, progress, false);
        List<String> lines = List.of(
                "DOCKER> Step 20/36 : RUN sh /fips/scripts/build-openssl.sh",
                "DOCKER> python-fips[" + CELL + "]: run openssl: make -j\"$PYFIPS_JOBS\"",
                "DOCKER> gcc -I. -Iinclude -c crypto/aes/aes_core.c",
                "DOCKER> python-fips: FIPS module self-tests passed",
                "DOCKER> Step 21/36 : RUN echo python-fips: not a script line but a step");
        lines.forEach(log::info);
        assertThat(shown).containsExactly(lines.get(1), lines.get(3));
        assertThat(BuildProgress.isScriptLine("\u001B[36mDOCKER>\u001B[0m python-fips[c]: run python: make install")).isTrue();
        assertThat(BuildProgress.isScriptLine("DOCKER> checking for python-fips... no")).isFalse();
    }

    @Test
    void theTailKeepsTheLastLines() {
        progress.accept("DOCKER> Step 1/1 : RUN make");
        for (int i = 0; i < 100; i++) {
            progress.accept("DOCKER> line " + i);
        }
        assertThat(progress.tail()).hasSize(BuildProgress.TAIL).endsWith("line 99").startsWith("line " + (100 - BuildProgress.TAIL));
    }

    @Test
    void minutes() {
        assertThat(BuildProgress.minutes(59_000_000_000L)).isEqualTo("59 s");
        assertThat(BuildProgress.minutes(61 * 60_000_000_000L)).isEqualTo("61 min");
    }
}
