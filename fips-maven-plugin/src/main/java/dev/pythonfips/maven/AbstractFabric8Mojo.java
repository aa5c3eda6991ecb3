package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.Registry;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Goals that run a fabric8 docker-maven-plugin goal for each cell (fips:build: {@code docker:build}, fips:push:
 * {@code docker:push}), with the same image configuration ({@link Fabric8Images}) and the same fabric8 version and
 * global configuration (dockerHost, authConfig, ...) as the user's pom declares.
 */
public abstract class AbstractFabric8Mojo extends AbstractPlanningMojo {

    static final String FABRIC8 = "io.fabric8:docker-maven-plugin";

    /** fabric8 docker-maven-plugin version used when the pom does not declare one. */
    @Parameter(property = "fips.dockerMavenPlugin.version", defaultValue = "0.48.0")
    protected String dockerMavenPluginVersion;

    /** Network mode for RUN steps (e.g. host); empty: the engine's default. */
    @Parameter(property = "fips.build.network", defaultValue = "")
    protected String network;

    /** Extra docker build args. */
    @Parameter
    protected Map<String, String> buildArgs = new LinkedHashMap<>();

    /** Build without the layer cache. */
    @Parameter(property = "fips.build.noCache", defaultValue = "false")
    protected boolean noCache;

    /** Show every Dockerfile step's output (fabric8 verbose=build). */
    @Parameter(property = "fips.build.showOutput", defaultValue = "false")
    protected boolean showOutput;

    private final BuildPluginManager pluginManager;
    private final SettingsDecrypter decrypter;

    /** Runs fabric8 with a Log of ours, to read its build stream (see {@link MojoWithLog}). */
    @javax.inject.Inject
    private org.apache.maven.plugin.MavenPluginManager mavenPluginManager;

    protected AbstractFabric8Mojo(BuildPluginManager pluginManager, SettingsDecrypter decrypter) {
        this.pluginManager = pluginManager;
        this.decrypter = decrypter;
    }

    /**
     * Registry credentials: the settings.xml {@code <server>} whose id is the registry host (as fabric8 looks it up),
     * decrypted; null if none. Never logged.
     */
    protected Registry.Credentials credentials(String registryHost) {
        return new RegistryCredentials(settings, decrypter, getLog()).apply(registryHost);
    }

    Plugin fabric8Plugin() {
        Plugin declared = project.getPlugin(FABRIC8);
        Plugin p = new Plugin();
        p.setGroupId("io.fabric8");
        p.setArtifactId("docker-maven-plugin");
        p.setVersion(declared != null && declared.getVersion() != null ? declared.getVersion() : dockerMavenPluginVersion);
        if (declared != null) {
            p.setDependencies(declared.getDependencies());
            p.setConfiguration(declared.getConfiguration());
        }
        return p;
    }

    MojoDescriptor goal(Plugin plugin, String goal) throws MojoExecutionException {
        try {
            PluginDescriptor pd = pluginManager.loadPlugin(plugin, project.getRemotePluginRepositories(),
                    session.getRepositorySession());
            MojoDescriptor md = pd.getMojo(goal);
            if (md == null) {
                throw new MojoExecutionException("python-fips: " + FABRIC8 + ":" + plugin.getVersion() + " has no " + goal + " goal");
            }
            return md;
        } catch (MojoExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoExecutionException("python-fips: cannot load " + FABRIC8 + ":" + plugin.getVersion()
                    + " (set -Dfips.dockerMavenPlugin.version or declare the plugin in your pom): " + e.getMessage(), e);
        }
    }

    void execute(Plugin plugin, MojoDescriptor md, Xpp3Dom ours) throws MojoExecutionException, MojoFailureException {
        execute(plugin, md, ours, null);
    }

    /** Runs fabric8's goal with our configuration merged over the user's; {@code wrapLog}, when set, wraps its Log. */
    void execute(Plugin plugin, MojoDescriptor md, Xpp3Dom ours, java.util.function.UnaryOperator<org.apache.maven.plugin.logging.Log> wrapLog)
            throws MojoExecutionException, MojoFailureException {
        Xpp3Dom filtered = Fabric8Images.merge(ours, plugin.getConfiguration(), toDom(md.getMojoConfiguration()),
                md.getParameterMap().keySet());
        MojoExecution exec = new MojoExecution(md, filtered);
        if (wrapLog != null) {
            MojoWithLog.execute(pluginManager, mavenPluginManager, session, exec, wrapLog);
            return;
        }
        try {
            pluginManager.executeMojo(session, exec);
        } catch (MojoFailureException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private static Xpp3Dom toDom(org.codehaus.plexus.configuration.PlexusConfiguration config) {
        Xpp3Dom dom = new Xpp3Dom(config.getName());
        dom.setValue(config.getValue(null));
        for (String attr : config.getAttributeNames()) {
            dom.setAttribute(attr, config.getAttribute(attr, null));
        }
        for (org.codehaus.plexus.configuration.PlexusConfiguration child : config.getChildren()) {
            dom.addChild(toDom(child));
        }
        return dom;
    }
}
