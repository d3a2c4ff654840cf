package dev.k8sai.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Whether a base URL points at this machine or a private network: such servers (llama.cpp, Ollama,
 * vLLM on a LAN box) need no API key and usually serve one request at a time.
 */
public final class LocalEndpoints {

    private LocalEndpoints() {
    }

    public static boolean isLocal(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        String host;
        try {
            host = URI.create(url.contains("://") ? url : "http://" + url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.equals("host.docker.internal")) {
            return true;
        }
        // Only literal addresses are judged: resolving a name here would cost a DNS lookup per command.
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                    || a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
