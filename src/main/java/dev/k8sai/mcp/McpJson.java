package dev.k8sai.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;

/**
 * The SDK's Jackson 2 binding, made explicitly rather than found through ServiceLoader: a shaded jar
 * or a second binding on the class path then cannot change which one is used.
 */
public final class McpJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private McpJson() {
    }

    public static McpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(MAPPER);
    }

    public static JsonSchemaValidator validator() {
        return new DefaultJsonSchemaValidator(MAPPER);
    }
}
