package dev.k8sai.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.auth.Role;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a handler sees it: who made it, its JSON body and parameters, and the response.
 * Handlers also fill in what the audit line of the request says ({@link #audit(String, Object)}).
 */
public final class ApiCall {

    /** Request bodies: unknown fields are an error, so a typo in an option is not silently ignored. */
    static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();
    public static final ObjectMapper WRITER = new ObjectMapper().findAndRegisterModules();

    private final ServerRequest request;
    private final ServerResponse response;
    private final AuthenticatedUser user;
    private final Map<String, Object> auditFields = new LinkedHashMap<>();

    ApiCall(ServerRequest request, ServerResponse response, AuthenticatedUser user) {
        this.request = request;
        this.response = response;
        this.user = user;
    }

    /** The authenticated user; null only on public routes. */
    public AuthenticatedUser user() {
        return user;
    }

    public void require(Role role) {
        if (user == null || !user.has(role)) {
            throw ApiException.forbidden("this needs the " + role.wireName() + " role");
        }
    }

    /** The JSON body as {@code type}; an empty body is an empty object. */
    public <T> T body(Class<T> type) {
        byte[] bytes = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return READER.readValue(text.isBlank() ? "{}" : text, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "' in the request body");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON for this route: "
                    + e.getOriginalMessage());
        }
    }

    public String pathParam(String name) {
        return request.path().pathParameters().get(name);
    }

    public Optional<String> query(String name) {
        return request.query().first(name).asOptional();
    }

    public Optional<String> header(String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    /** Answers with {@code value} as JSON. */
    public void json(int status, Object value) {
        try {
            send(status, "application/json", WRITER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the response as JSON", e);
        }
    }

    public void send(int status, String contentType, byte[] body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.send(body);
    }

    /** Adds a field to this request's audit line (operation, namespace, model, tokens…). */
    public ApiCall audit(String field, Object value) {
        if (value != null) {
            auditFields.put(field, value);
        }
        return this;
    }

    Map<String, Object> auditFields() {
        return auditFields;
    }

    public ServerRequest request() {
        return request;
    }

    public ServerResponse response() {
        return response;
    }
}
