package dev.pythonfips.maven;

import org.apache.maven.plugin.logging.Log;

/**
 * The Maven {@link Log} fabric8's docker:build writes to while python-fips builds a cell: every info message is read
 * by {@link BuildProgress}; the lines of Docker's build stream reach the console only with
 * {@code fips.build.showOutput} (fabric8 always runs with {@code verbose=build} so the stream can be read), except
 * our build scripts' own {@code python-fips...:} lines (each recipe command as it runs, the self-tests), always shown;
 * everything else (fabric8's own messages, warnings, errors) passes through unchanged.
 */
final class ProgressLog implements Log {

    private final Log delegate;
    private final BuildProgress progress;
    private final boolean showOutput;

    ProgressLog(Log delegate, BuildProgress progress, boolean showOutput) {
        this.delegate = delegate;
        this.progress = progress;
        this.showOutput = showOutput;
    }

    @Override
    public void info(CharSequence content) {
        if (!progress.accept(content) || showOutput || BuildProgress.isScriptLine(content)) {
            delegate.info(content);
        }
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        if (!progress.accept(content) || showOutput || BuildProgress.isScriptLine(content)) {
            delegate.info(content, error);
        }
    }

    @Override
    public void info(Throwable error) {
        delegate.info(error);
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public void debug(CharSequence content) {
        delegate.debug(content);
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        delegate.debug(content, error);
    }

    @Override
    public void debug(Throwable error) {
        delegate.debug(error);
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public void warn(CharSequence content) {
        delegate.warn(content);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        delegate.warn(content, error);
    }

    @Override
    public void warn(Throwable error) {
        delegate.warn(error);
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    public void error(CharSequence content) {
        delegate.error(content);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        delegate.error(content, error);
    }

    @Override
    public void error(Throwable error) {
        delegate.error(error);
    }
}
