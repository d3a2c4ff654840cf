package dev.k8sai.server.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.redact.Redactor;
import dev.k8sai.server.auth.AuthenticatedUser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log: one JSON line per request, tool command, approval decision and apply, with who, when,
 * what and the outcome. It never holds a request body, header or credential; every text value also
 * goes through the {@link Redactor} (a tool command may carry {@code --from-literal=password=…}).
 */
public final class AuditLog implements AutoCloseable {

    /** What an audit line records. */
    public enum Type { REQUEST, TOOL, APPROVAL, APPLY, RUN }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final boolean closeOut;
    private final Clock clock;

    private AuditLog(OutputStream out, boolean closeOut, Clock clock) {
        this.out = out;
        this.closeOut = closeOut;
        this.clock = clock;
    }

    /** {@code "-"}: standard output; else a file, appended to. */
    public static AuditLog open(String target) {
        if (target == null || target.equals("-")) {
            return new AuditLog(System.out, false, Clock.systemUTC());
        }
        try {
            Path file = Path.of(target);
            return new AuditLog(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), true, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot open the audit log " + target + ": " + e.getMessage());
        }
    }

    public static AuditLog to(PrintStream stream) {
        return new AuditLog(stream, false, Clock.systemUTC());
    }

    public void record(Type type, AuthenticatedUser user, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        if (user != null) {
            line.put("user", user.name());
            line.put("role", user.role().wireName());
        }
        fields.forEach((k, v) -> line.put(k, scrub(v)));
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            bytes = ("{\"type\":\"" + type + "\",\"error\":\"unserializable audit line\"}\n").getBytes(StandardCharsets.UTF_8);
        }
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // The request has happened; a full disk must not turn it into a failure. The server log says so.
                System.err.println("k8s-ai-agent: cannot write the audit log: " + e.getMessage());
            }
        }
    }

    private static Object scrub(Object value) {
        if (value instanceof String s) {
            return Redactor.redact(s).text();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(AuditLog::scrub).toList();
        }
        return value;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closeOut) {
            out.close();
        }
    }
}
