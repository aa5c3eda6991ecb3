package dev.pythonfips.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.util.function.UnaryOperator;

/**
 * Runs another plugin's mojo (fabric8's docker:build) the way {@link BuildPluginManager#executeMojo} does (its plugin
 * realm as context class loader, configured by Maven, released afterwards), but with a Maven {@link Log} of ours
 * wrapped around the one Maven gives it: Maven offers no other hook on what a mojo logs, and fabric8 logs Docker's
 * build stream only through it.
 */
final class MojoWithLog {

    private MojoWithLog() {
    }

    static void execute(BuildPluginManager buildPluginManager, MavenPluginManager mavenPluginManager, MavenSession session,
                        MojoExecution execution, UnaryOperator<Log> wrap) throws MojoExecutionException, MojoFailureException {
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        Mojo mojo = null;
        try {
            thread.setContextClassLoader(buildPluginManager.getPluginRealm(session,
                    execution.getMojoDescriptor().getPluginDescriptor()));
            mojo = mavenPluginManager.getConfiguredMojo(Mojo.class, session, execution);
            mojo.setLog(wrap.apply(mojo.getLog()));
            mojo.execute();
        } catch (MojoExecutionException | MojoFailureException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } finally {
            if (mojo != null) {
                mavenPluginManager.releaseMojo(mojo, execution);
            }
            thread.setContextClassLoader(old);
        }
    }
}
