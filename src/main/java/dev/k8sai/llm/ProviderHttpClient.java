package dev.k8sai.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * LangChain4j {@link HttpClient} on {@code java.net.http}, written by hand instead of using
 * langchain4j-http-client-jdk because that client throws a bare {@link HttpException(int, String)} for
 * non-2xx replies and so drops the response headers and URL we need: {@code Retry-After} for backoff and
 * the URL tried for "404 at …" messages. Failures carry both in {@link ProviderHttpException} /
 * {@link ProviderIoException}, which LangChain4j keeps as the cause of its own exceptions.
 * Streaming runs on the calling thread: the caller blocks for the whole reply anyway. Every request is bounded
 * by the {@link CallDeadline} call open on that thread, if any.
 */
final class ProviderHttpClient implements HttpClient {

    /**
     * The JDK clients built so far and not yet collected. Each keeps a selector thread in native code,
     * and the JVM's exit waits up to 300 ms for such threads: the CLI shuts them down before it exits
     * ({@link #shutDownAll}), as LangChain4j's models have no close.
     */
    private static final Set<java.net.http.HttpClient> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final CallDeadline deadlines;

    ProviderHttpClient(Duration connectTimeout, Duration readTimeout, CallDeadline deadlines) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        OPEN.add(http);
        this.readTimeout = readTimeout;
        this.deadlines = deadlines;
    }

    /** Shuts down every provider client of this JVM (when it is about to exit: requests under way fail). */
    static void shutDownAll() {
        List<java.net.http.HttpClient> open;
        synchronized (OPEN) {
            open = List.copyOf(OPEN);
            OPEN.clear();
        }
        open.forEach(java.net.http.HttpClient::shutdownNow);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpResponse<byte[]> response = sendWithinDeadline(request);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new ProviderHttpException(request.url(), response.statusCode(), body, response.headers().map());
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        HttpResponse<InputStream> response;
        try {
            response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (RuntimeException e) {
            listener.onError(e);
            return;
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                listener.onError(new ProviderHttpException(request.url(), response.statusCode(), body,
                        response.headers().map()));
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build());
            CallDeadline.Call call = deadlines == null ? null : deadlines.current();
            parser.parse(call == null ? in : call.guard(in), listener);
            if (call != null && call.stopped() != null) {
                listener.onError(stopped(request.url(), call));
                return;
            }
            listener.onClose();
        } catch (IOException e) {
            CallDeadline.Call call = deadlines == null ? null : deadlines.current();
            listener.onError(call != null && call.stopped() != null ? stopped(request.url(), call)
                    : new ProviderIoException(request.url(), e));
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    /** The client cut the stream: past the total deadline (a timeout) or over the output limit. */
    private static RuntimeException stopped(String url, CallDeadline.Call call) {
        if (call.stopped() == CallDeadline.Stop.OUTPUT_LIMIT) {
            return new OutputLimitReached();
        }
        return new ProviderIoException(url, new HttpTimeoutException("no complete reply within the total deadline of "
                + call.total().toSeconds() + "s"));
    }

    /**
     * A blocking call bounded by the call's total deadline: the request timeout of java.net.http covers only
     * the wait for the response headers, not a body that trickles in.
     */
    private HttpResponse<byte[]> sendWithinDeadline(HttpRequest request) {
        CallDeadline.Call call = deadlines == null ? null : deadlines.current();
        if (call == null) {
            return send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        var future = http.sendAsync(build(request), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(call.remaining().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new ProviderIoException(request.url(), new HttpTimeoutException(
                    "no complete reply within the total deadline of " + call.total().toSeconds() + "s"));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ProviderIoException(request.url(), e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderIoException(request.url(), new IOException("interrupted", e));
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(build(request), handler);
        } catch (IOException e) {
            throw new ProviderIoException(request.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderIoException(request.url(), new IOException("interrupted", e));
        }
    }

    private java.net.http.HttpRequest build(HttpRequest request) {
        CallDeadline.Call call = deadlines == null ? null : deadlines.current();
        Duration wait = call == null || call.remaining().compareTo(readTimeout) > 0 ? readTimeout : call.remaining();
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(wait);
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        var publisher = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method().name(), publisher);
        return builder.build();
    }

    /** The stream was cut because its output passed the request's limit; the caller keeps what arrived. */
    static final class OutputLimitReached extends RuntimeException {
        OutputLimitReached() {
            super("output limit reached", null, false, false);
        }
    }

    /** A non-2xx reply, with what the error mapping and the retry loop need. */
    static final class ProviderHttpException extends HttpException {
        private final String url;
        private final String body;
        private final transient Map<String, List<String>> headers;

        ProviderHttpException(String url, int status, String body, Map<String, List<String>> headers) {
            super(status, "HTTP " + status + " from " + url + ": " + body);
            this.url = url;
            this.body = body;
            this.headers = headers;
        }

        String url() {
            return url;
        }

        String body() {
            return body;
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().getFirst())
                    .findFirst();
        }
    }

    /** A transport failure (refused, reset, timed out) for one URL. */
    static final class ProviderIoException extends RuntimeException {
        private final String url;

        ProviderIoException(String url, IOException cause) {
            super(cause.getClass().getSimpleName() + " for " + url + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
            this.url = url;
        }

        String url() {
            return url;
        }
    }

    /** Builder LangChain4j's model builders take; timeouts come from the profile. */
    static final class Builder implements HttpClientBuilder {
        private final CallDeadline deadlines;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);

        Builder() {
            this(null);
        }

        /** Calls opened on {@code deadlines} bound every request of the built client. */
        Builder(CallDeadline deadlines) {
            this.deadlines = deadlines;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(connectTimeout, readTimeout, deadlines);
        }
    }
}
