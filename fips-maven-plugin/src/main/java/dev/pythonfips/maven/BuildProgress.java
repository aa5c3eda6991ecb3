package dev.pythonfips.maven;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one cell's image build is doing, read from the build output fabric8 logs: Docker's classic builder streams
 * {@code Step N/M : INSTRUCTION} lines (fabric8 logs each stream message with its {@code DOCKER> } prefix, at
 * {@code verbose=build}), a buildx build prints BuildKit's plain progress ({@code #12 [build 5/9] RUN ...}), and our
 * build scripts print lines prefixed {@code python-fips:} or {@code python-fips[<cell>]:}. Keeps the stage and step
 * being run, the latest script line, the latest output line and the last lines of output (shown when a build fails),
 * and formats the per-minute heartbeat. Thread-safe: fabric8 feeds it while the heartbeat thread reads it.
 */
final class BuildProgress {

    /** Lines kept for the failure report. */
    static final int TAIL = 25;
    /** Longest text quoted in a heartbeat. */
    static final int MAX_TEXT = 100;

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern CLASSIC_STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");
    private static final Pattern FROM = Pattern.compile("^FROM\\s+\\S+(?:\\s+AS\\s+(\\S+))?\\s*$", Pattern.CASE_INSENSITIVE);
    /** BuildKit plain progress: {@code #12 [build  5/9] RUN ...} or {@code #3 [internal] load ...}. */
    private static final Pattern BUILDKIT_STEP = Pattern.compile("^#\\d+ \\[(?:(\\S+)\\s+)?(\\d+)/(\\d+)\\] (.*)$");
    /** BuildKit plain output of a running step: {@code #12 12.34 text}. */
    private static final Pattern BUILDKIT_OUTPUT = Pattern.compile("^#\\d+ \\d+\\.\\d+ (.*)$");
    private static final Pattern SCRIPT = Pattern.compile("python-fips(?:\\[[^\\]]*\\])?: (.*)$");
    /** Docker's bookkeeping lines between steps: not output of the step. */
    private static final Pattern CLASSIC_NOISE = Pattern.compile("^(---> .*|Removing intermediate container .*)$");
    /** The last lines of a classic build stream (fabric8 tags the image under its name, so "tagged" follows). */
    private static final Pattern CLASSIC_END = Pattern.compile("^Successfully (built [0-9a-f]{12,64}|tagged \\S+:\\S+)$");

    private final String cellId;
    private final LongSupplier nanoTime;
    private final long start;
    private final Deque<String> tail = new ArrayDeque<>();

    private int fromCount;
    private String stage;
    private int step;
    private int steps;
    private String instruction;
    private long stepStart;
    private String scriptLine;
    private String lastOutput;
    private boolean lastOutputIsScript;
    private boolean inClassicStream;

    BuildProgress(String cellId, LongSupplier nanoTime) {
        this.cellId = cellId;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.stepStart = start;
    }

    /**
     * Reads one message fabric8 logged (possibly several lines, ANSI colours, the {@code DOCKER> } prefix). Returns
     * whether it is (part of) the classic build stream, which is shown only with {@code fips.build.showOutput}.
     */
    synchronized boolean accept(CharSequence message) {
        if (message == null) {
            return false;
        }
        boolean stream = false;
        for (String raw : message.toString().split("\\r?\\n|\\r")) {
            String line = strip(raw);
            if (line.isEmpty()) {
                stream |= inClassicStream;
                continue;
            }
            stream |= line(line);
        }
        return stream;
    }

    /**
     * Whether a message of the build stream is one of our build scripts' own lines ({@code python-fips[cell]: run
     * openssl: make -j"$PYFIPS_JOBS"}, the self-tests, the checks): those are shown even without showOutput, so the
     * log always says which commands built the image, without the compilers' output.
     */
    static boolean isScriptLine(CharSequence message) {
        if (message == null) {
            return false;
        }
        for (String raw : message.toString().split("\\r?\\n|\\r")) {
            String line = strip(raw);
            if (!line.isEmpty() && SCRIPT.matcher(line).find() && !CLASSIC_STEP.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private boolean line(String line) {
        Matcher m = CLASSIC_STEP.matcher(line);
        if (m.matches()) {
            inClassicStream = true;
            step(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).trim(), null);
            keep(line);
            return true;
        }
        if (CLASSIC_END.matcher(line).matches()) {
            inClassicStream = false; // what follows is fabric8's own again (Built image ...)
            return true;
        }
        if (inClassicStream) {
            if (!CLASSIC_NOISE.matcher(line).matches()) {
                output(line);
            }
            return true;
        }
        m = BUILDKIT_STEP.matcher(line);
        if (m.matches()) {
            step(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4).trim(), m.group(1));
            keep(line);
            return false;
        }
        m = BUILDKIT_OUTPUT.matcher(line);
        if (m.matches() && !m.group(1).isBlank()) {
            output(m.group(1).trim());
        }
        return false; // BuildKit's bookkeeping, fabric8's own messages (Created docker-build.tar, Built image, ...)
    }

    private void output(String line) {
        String text = line;
        if (lastOutput != null && lastOutput.endsWith("...") && !line.startsWith("checking ")) {
            // configure's "checking for X... " and its answer arrive as two stream messages: one line again
            text = lastOutput + " " + line;
            tail.pollLast();
        }
        keep(text);
        Matcher s = SCRIPT.matcher(text);
        lastOutputIsScript = s.find();
        if (lastOutputIsScript) {
            scriptLine = s.group(1).trim();
        }
        lastOutput = text;
    }

    private void step(int n, int m, String what, String buildkitStage) {
        if (buildkitStage != null) {
            stage = buildkitStage;
        } else {
            Matcher from = FROM.matcher(what);
            if (from.matches()) {
                stage = from.group(1) != null ? from.group(1) : "#" + fromCount;
                fromCount++;
            }
        }
        if (n != step || !what.equals(instruction)) {
            stepStart = nanoTime.getAsLong();
            scriptLine = null;
            lastOutput = null;
            lastOutputIsScript = false;
        }
        step = n;
        steps = m;
        instruction = what;
    }

    private void keep(String line) {
        tail.addLast(line);
        while (tail.size() > TAIL) {
            tail.removeFirst();
        }
    }

    /**
     * The heartbeat, e.g. {@code python-fips: ... still building C: stage build, step 14/27 RUN sh
     * /fips/scripts/build-python.sh — "built against OpenSSL 3.0.20" (6 min; this step 4 min; last output: "...")}.
     */
    synchronized String heartbeat(boolean showOutput) {
        long now = nanoTime.getAsLong();
        StringBuilder b = new StringBuilder("python-fips: ... still building ").append(cellId).append(": ");
        if (instruction == null) {
            b.append("preparing the build context, no step started yet");
        } else {
            if (stage != null) {
                b.append("stage ").append(stage).append(", ");
            }
            b.append("step ").append(step).append('/').append(steps).append(' ').append(shorten(instruction));
            if (scriptLine != null) {
                b.append(" — \"").append(shorten(scriptLine)).append('"');
            }
        }
        b.append(" (").append(minutes(now - start));
        if (instruction != null) {
            b.append("; this step ").append(minutes(now - stepStart));
        }
        if (lastOutput != null && !lastOutputIsScript) {
            b.append("; last output: \"").append(shorten(lastOutput)).append('"');
        }
        if (!showOutput) {
            b.append("; -Dfips.build.showOutput=true shows every line");
        }
        return b.append(')').toString();
    }

    /**
     * Prints {@link #heartbeat} every {@code seconds} (from a daemon thread) until closed; closing never throws.
     */
    AutoCloseable every(int seconds, boolean showOutput, Consumer<String> out) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "python-fips-heartbeat-" + cellId);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, seconds);
        timer.scheduleAtFixedRate(() -> out.accept(heartbeat(showOutput)), period, period, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    /** The last lines of build output (steps and their output), oldest first: what to show when a build fails. */
    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** The stage being built, or null before the first step. */
    synchronized String stage() {
        return stage;
    }

    synchronized String step() {
        return instruction == null ? null : step + "/" + steps + " " + instruction;
    }

    synchronized String scriptLine() {
        return scriptLine;
    }

    synchronized String lastOutput() {
        return lastOutput;
    }

    static String strip(String raw) {
        String s = ANSI.matcher(raw).replaceAll("").trim();
        if (s.startsWith("DOCKER>")) {
            s = s.substring("DOCKER>".length()).trim();
        }
        return s;
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        // head and tail: a compiler line names its file at the end
        int head = MAX_TEXT * 2 / 5;
        return one.length() <= MAX_TEXT ? one : one.substring(0, head) + "…" + one.substring(one.length() - (MAX_TEXT - head - 1));
    }

    static String minutes(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        return seconds < 60 ? seconds + " s" : String.format(Locale.ROOT, "%d min", seconds / 60);
    }
}
