package dev.k8sai.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a run's Server-Sent Events over a real connection until {@code done}, in the background. */
public final class SseClient {

    /** One event: its id, name and JSON data. */
    public record Event(int id, String name, JsonNode data) {
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> finished;

    private SseClient(TestServer server, String path, String bearer) {
        finished = CompletableFuture.supplyAsync(() -> read(server, path, bearer));
    }

    public static SseClient follow(TestServer server, String path, String bearer) {
        return new SseClient(server, path, bearer);
    }

    private int read(TestServer server, String path, String bearer) {
        try {
            HttpResponse<Stream<String>> response = server.http().send(
                    server.request(path, bearer).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            String name = null;
            int id = -1;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("id:")) {
                    id = Integer.parseInt(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && name != null) {
                    events.add(new Event(id, name, TestServer.JSON.readTree(data.toString())));
                    if (name.equals("done")) {
                        response.body().close();
                        return response.statusCode();
                    }
                    name = null;
                    data.setLength(0);
                }
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    public Event first(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event in " + names()));
    }

    public SseClient await() {
        finished.orTimeout(120, java.util.concurrent.TimeUnit.SECONDS).join();
        return this;
    }
}
