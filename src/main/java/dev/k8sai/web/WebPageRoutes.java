package dev.k8sai.web;

import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web page at {@code /}: a fixed set of static files from the jar (plain ES modules, no build step,
 * nothing from a CDN), public like the login route because they hold no data — everything the page shows
 * comes from the authenticated API. A strict Content-Security-Policy allows scripts only from this server
 * (no inline script, no eval), so text from the cluster or the model can never run even if it reached
 * markup; the page itself only inserts such text with {@code textContent}.
 */
public final class WebPageRoutes implements RouteModule {

    /** Paths of the page's own routes (not part of the API document). */
    public static final String ROOT = "/";
    public static final String ASSETS = "/web/";

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** The shipped files, read once: an unknown name is a 404, never a lookup on the class path. */
    private static final String[] FILES = {"index.html", "app.js", "api.js", "chat.js", "findings.js", "finding-detail.js",
            "chart.js", "audit.js", "generate.js", "markdown.js", "dom.js", "app.css"};

    private record Asset(String type, byte[] body, String etag) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public WebPageRoutes() {
        for (String name : FILES) {
            byte[] body = read(name);
            assets.put(name, new Asset(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body, etag(body)));
        }
    }

    @Override
    public void register(RouteTable routes) {
        routes.publicGet(ROOT, call -> serve(call, "index.html"));
        routes.publicGet(ASSETS + "{file}", call -> serve(call, call.pathParam("file")));
    }

    private void serve(ApiCall call, String name) {
        Asset asset = assets.get(name);
        if (asset == null || name.equals("index.html") && !call.request().path().path().equals(ROOT)) {
            throw new ApiException(404, "no such file");
        }
        var res = call.response();
        res.header("Content-Security-Policy", CSP);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        res.header("X-Frame-Options", "DENY");
        // revalidate every time (an upgraded server must not run an old script), but a 304 is cheap
        res.header("Cache-Control", "no-cache");
        res.header("ETag", asset.etag());
        if (call.header("If-None-Match").filter(asset.etag()::equals).isPresent()) {
            res.status(304);
            res.send();
            return;
        }
        call.send(200, asset.type(), asset.body());
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPageRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
