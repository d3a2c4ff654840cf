package dev.k8sai.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's files over a real socket: strict CSP, no sniffing, revalidated caching, nothing else served. */
class WebPageRoutesHttpTest {

    @Test
    void pageAndModulesComeWithAStrictPolicyAndRevalidatedCaching(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        try (TestServer server = TestServer.start(dir, kubeconfig)) {
            HttpResponse<String> page = server.get("/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/web/app.js\"></script>")
                    .doesNotContainPattern("<script>|<script type=\"module\">|on(click|load|submit)=");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");

            HttpResponse<String> script = server.get("/web/chat.js", null);
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            // every file the page ships is served (a module missing from the served list breaks the page's imports)
            try (var files = Files.list(Path.of("src/main/resources/dev/k8sai/web"))) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    HttpResponse<String> served = server.get(name.equals("index.html") ? "/" : "/web/" + name, null);
                    assertThat(served.statusCode()).as(name).isEqualTo(200);
                    assertThat(served.body()).as(name).isEqualTo(Files.readString(file))
                            .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
                }
            }
            String etag = script.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = server.send(server.request("/web/chat.js", null).header("If-None-Match", etag).GET().build());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();

            assertThat(server.get("/web/no-such.js", null).statusCode()).isEqualTo(404);
            assertThat(server.get("/web/index.html", null).statusCode()).isEqualTo(404);
            assertThat(server.get("/web/..%2Fopenapi.json", null).statusCode()).isEqualTo(404);
        }
    }
}
