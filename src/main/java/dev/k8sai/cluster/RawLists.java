package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * GET requests (LIST pages, the server version) sent straight on the client's HTTP client — so
 * authentication, TLS, retries and the one shared HTTP/2 connection stay as fabric8 set them up —
 * with the JSON body streamed into model objects one item at a time by {@link ModelJson}.
 *
 * <p>Why not the client's DSL: it binds through fabric8's KubernetesSerialization, which builds
 * its registry of every model class and a kind's whole deserializer graph even for an empty list.
 * In a short CLI run that was most of the CPU time spent on an empty namespace; here a kind's
 * deserializer is built only when the first object of it arrives.
 */
final class RawLists {

    /** One page of a LIST: its objects and the token for the next page (null: last page). */
    record Page<T>(List<T> items, String continueToken) {
    }

    /** All objects of a LIST and the number of pages they came in. */
    record Listed<T>(List<T> objects, int pages) {
    }

    private RawLists() {
    }

    /** A collection's path: {@code /api/v1/namespaces/NS/pods}, {@code /apis/apps/v1/deployments}… (namespace null: all or cluster-scoped). */
    static String path(String apiVersion, String plural, String namespace) {
        String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        return base + (namespace == null ? "" : "/namespaces/" + encode(namespace)) + "/" + plural;
    }

    /** One object's path: {@code /api/v1/namespaces/shop}, {@code /apis/apps/v1/namespaces/shop/deployments/web}… */
    static String objectPath(String apiVersion, String plural, String namespace, String name) {
        return path(apiVersion, plural, namespace) + "/" + encode(name);
    }

    /**
     * All pages of {@code path}, in order; a failure status is a {@link KubernetesClientException}
     * with its code. The API server writes a list's metadata (with the continue
     * token) before its items, so the next page is requested as soon as the token is read and the
     * server prepares it while this page's items are bound.
     */
    static <T> Listed<T> listAll(KubernetesClient client, String path, Class<T> type, long limit, String labelSelector) {
        BlockingQueue<CompletableFuture<Page<T>>> pages = new LinkedBlockingQueue<>();
        Consumer<String> request = new Consumer<>() {
            @Override
            public void accept(String token) {
                CompletableFuture<Page<T>> page = new CompletableFuture<>();
                pages.add(page);
                Thread.ofVirtual().start(() -> {
                    try {
                        page.complete(list(client, path, type, limit, token, labelSelector, this));
                    } catch (Throwable e) {
                        // whatever it is, the reader waiting for this page must get it rather than hang
                        page.completeExceptionally(e);
                    }
                });
            }
        };
        request.accept(null);
        List<T> objects = new ArrayList<>();
        int read = 0;
        String token;
        do {
            Page<T> page;
            try {
                page = pages.take().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubernetesClientException("interrupted while listing " + path, e);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            read++;
            objects.addAll(page.items());
            token = page.continueToken();
        } while (token != null);
        return new Listed<>(objects, read);
    }

    /** One LIST page; a failure status is a {@link KubernetesClientException} with its code. */
    private static <T> Page<T> list(KubernetesClient client, String path, Class<T> type, long limit, String continueToken,
                                    String labelSelector, Consumer<String> onToken) {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (continueToken != null) {
            query.append("&continue=").append(encode(continueToken));
        }
        if (labelSelector != null) {
            query.append("&labelSelector=").append(encode(labelSelector));
        }
        return get(client, path + query, body -> parsePage(body, type, onToken));
    }

    /** GETs {@code path} and discards the body (e.g. /version, to open the connection). */
    static void touch(KubernetesClient client, String path) {
        get(client, path, body -> null);
    }

    @FunctionalInterface
    private interface BodyReader<R> {
        R read(InputStream body) throws IOException;
    }

    private static <R> R get(KubernetesClient client, String pathAndQuery, BodyReader<R> reader) {
        String base = client.getMasterUrl().toString();
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
        HttpClient http = client.getHttpClient();
        // gzip, as kubectl (Go's transport) asks: the API server compresses large answers, a tenth of
        // the bytes through TLS and HTTP/2 frames, which cost a cold JVM more than inflating them.
        HttpRequest request = http.newHttpRequestBuilder().uri(url).header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS).build();
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(request, InputStream.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while reading " + pathAndQuery, e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        }
        try (InputStream body = "gzip".equalsIgnoreCase(response.header("Content-Encoding"))
                ? new GZIPInputStream(response.body(), 1 << 16) : response.body()) {
            if (!response.isSuccessful()) {
                throw failure(response.code(), body, pathAndQuery);
            }
            R result = reader.read(body);
            // to its end (what follows the JSON is at most a newline): fabric8 cancels a body closed before
            // that, which sends the server a RST_STREAM frame for every request, a cost of its own per LIST
            body.transferTo(OutputStream.nullOutputStream());
            return result;
        } catch (IOException e) {
            throw new KubernetesClientException("cannot read the answer to GET " + pathAndQuery + ": " + e.getMessage(), e);
        }
    }

    /** The API server's Status body names the cause (forbidden for whom, what is not found). */
    private static KubernetesClientException failure(int code, InputStream body, String what) {
        Status status = null;
        try {
            status = ModelJson.MAPPER.readValue(body, Status.class);
        } catch (IOException | RuntimeException ignored) {
            // not a Status (a proxy's HTML page): the code alone says enough
        }
        String message = status != null && status.getMessage() != null ? status.getMessage() : "HTTP " + code;
        return new KubernetesClientException("GET " + what + ": " + message, code, status);
    }

    /** Streams a List body: binds each item as it arrives, keeps metadata.continue, skips the rest. */
    static <T> Page<T> parsePage(InputStream body, Class<T> type) throws IOException {
        return parsePage(body, type, t -> { });
    }

    /** {@code onToken} gets a continue token as soon as it is read. */
    static <T> Page<T> parsePage(InputStream body, Class<T> type, Consumer<String> onToken) throws IOException {
        List<T> objects = new ArrayList<>();
        // made at the first item: readerFor builds the kind's deserializers at once, the cost saved on empty lists
        ObjectReader items = null;
        String token = null;
        try (JsonParser p = ModelJson.MAPPER.createParser(body)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE); // the caller reads the body to its end, then closes it
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        items = items != null ? items : ModelJson.MAPPER.readerFor(type);
                        objects.add(items.readValue(p));
                    }
                } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                    token = continueToken(p);
                    if (token != null) {
                        onToken.accept(token);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Page<>(objects, token);
    }

    private static String continueToken(JsonParser p) throws IOException {
        String token = null;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if ("continue".equals(field) && value == JsonToken.VALUE_STRING && !p.getText().isEmpty()) {
                token = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return token;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
