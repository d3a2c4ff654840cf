package dev.k8sai.server;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code --listen}: {@code host:port}, {@code [v6]:port}, {@code :port} or {@code port} (host 127.0.0.1). */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        String host = "127.0.0.1";
        String port = text.trim();
        int colon = port.lastIndexOf(':');
        if (colon >= 0) {
            host = port.substring(0, colon);
            port = port.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                host = "127.0.0.1";
            }
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new ListenAddress(host, p);
        } catch (NumberFormatException e) {
            throw new AgentException(ExitCodes.USAGE, "--listen " + text + ": expected HOST:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080");
        }
    }

    /** True when every address the host name resolves to is a loopback address. */
    public boolean loopback() {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new AgentException(ExitCodes.USAGE, "--listen: unknown host " + host);
        }
    }
}
