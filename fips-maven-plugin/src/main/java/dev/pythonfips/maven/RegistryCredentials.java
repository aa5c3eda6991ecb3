package dev.pythonfips.maven;

import dev.pythonfips.maven.engine.Registry;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.function.Function;

/**
 * Registry credentials as fabric8 looks them up: the settings.xml {@code <server>} whose id is the registry host,
 * decrypted; null (anonymous) if none. Never logged. A goal that talks to a registry holds one.
 */
final class RegistryCredentials implements Function<String, Registry.Credentials> {

    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Log log;

    RegistryCredentials(Settings settings, SettingsDecrypter decrypter, Log log) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.log = log;
    }

    @Override
    public Registry.Credentials apply(String registryHost) {
        if (settings == null) {
            return null;
        }
        for (Server s : settings.getServers()) {
            if (registryHost.equals(s.getId()) && s.getUsername() != null) {
                Server server = s;
                if (decrypter != null) {
                    SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(s));
                    for (SettingsProblem p : r.getProblems()) {
                        log.warn("python-fips: settings.xml <server> " + registryHost + ": " + p.getMessage());
                    }
                    server = r.getServer();
                }
                return new Registry.Credentials(server.getUsername(), server.getPassword());
            }
        }
        return null;
    }
}
