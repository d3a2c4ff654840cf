package dev.k8sai.server;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Helidon looks for a logging provider when the server starts and, finding none, prints "There is no
 * Helidon logging implementation on classpath" on stderr. The server sets up java.util.logging itself
 * (only Helidon's warnings pass, see {@link ServerLauncher}), so this provider, registered in
 * META-INF/services, has nothing to configure. helidon-logging-jul would also read a logging.properties
 * from the working directory, which a server should not pick up by accident.
 */
public final class QuietHelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
    }

    @Override
    public void runTime() {
    }
}
