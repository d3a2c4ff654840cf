package dev.k8sai.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Edits the config file by dotted key ('config set', 'config use-profile'). The file is edited as a YAML tree,
 * validated exactly as {@link ConfigLoader} would read it, and only then written: atomically, mode 0600 (it may
 * hold an apiKey), directories created 0700. Comments in the file are not preserved (Jackson drops them).
 */
public final class ConfigEditor {

    private static final Set<String> PROFILE_KEYS = Set.of("type", "baseUrl", "model", "apiKeyEnv", "apiKey",
            "azureDeployment", "azureApiVersion", "timeoutSeconds", "maxRetries", "toolCalling",
            "contextWindow", "maxOutputTokens", "parallelRequests", "inputPricePerMillion", "outputPricePerMillion");
    private static final Set<String> DEFAULTS_KEYS = Set.of("model", "language", "maxTokens", "maxIterations", "output", "readOnly");
    private static final Set<String> INT_KEYS = Set.of("timeoutSeconds", "maxRetries", "maxTokens", "maxIterations",
            "contextWindow", "maxOutputTokens");
    private static final Set<String> BOOL_KEYS = Set.of("readOnly", "python", "parallelRequests");

    public static final String KEYS_HELP = "defaultProfile, profiles.NAME.{type,baseUrl,model,apiKeyEnv,apiKey,azureDeployment,"
            + "azureApiVersion,timeoutSeconds,maxRetries,toolCalling,contextWindow,maxOutputTokens,parallelRequests,inputPricePerMillion,outputPricePerMillion}, profiles.NAME.headers.HEADER, "
            + "defaults.{model,language,maxTokens,maxIterations,output,readOnly}, tools.python";

    private ConfigEditor() {
    }

    /**
     * Sets (or, with an empty value, removes) one dotted key and writes the file.
     * Numbers and booleans are typed by key; type and toolCalling values are normalised (azure → azure-openai).
     *
     * @throws AgentException USAGE for unknown keys or invalid values (the file is then left unchanged)
     */
    public static void set(Path file, String key, String value) {
        String[] parts = key.split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw usage("bad key '" + key + "'; keys: " + KEYS_HELP);
            }
        }
        checkKnown(key, parts);
        ObjectNode root = readTree(file);
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = parent.putObject(parts[i]);
            }
            parent = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        boolean isHeader = parts.length == 4 && parts[2].equals("headers");
        if (value == null || value.isEmpty()) {
            parent.remove(leaf);
        } else {
            parent.set(leaf, isHeader ? TextNode.valueOf(value) : typed(key, leaf, value));
        }
        write(file, root);
    }

    /** Sets defaultProfile after checking the name is a profile of the file or of the environment. */
    public static void useProfile(Path file, String name, AgentConfig current) {
        if (!current.profiles().containsKey(name)) {
            throw usage("unknown profile '" + name + "'"
                    + (current.profiles().isEmpty() ? "; no profiles are configured"
                            : "; known profiles: " + String.join(", ", current.profiles().keySet())));
        }
        ObjectNode root = readTree(file);
        root.put("defaultProfile", name);
        write(file, root);
    }

    private static void checkKnown(String key, String[] parts) {
        boolean ok = switch (parts[0]) {
            case "defaultProfile" -> parts.length == 1;
            case "profiles" -> (parts.length == 3 && PROFILE_KEYS.contains(parts[2]))
                    || (parts.length == 4 && parts[2].equals("headers"));
            case "defaults" -> parts.length == 2 && DEFAULTS_KEYS.contains(parts[1]);
            case "tools" -> parts.length == 2 && parts[1].equals("python");
            default -> false;
        };
        if (!ok) {
            throw usage("unknown config key '" + key + "'; keys: " + KEYS_HELP);
        }
    }

    private static JsonNode typed(String key, String leaf, String value) {
        if (INT_KEYS.contains(leaf)) {
            try {
                return IntNode.valueOf(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw usage(key + " must be a whole number, not '" + value + "'");
            }
        }
        if (leaf.endsWith("PricePerMillion")) {
            try {
                return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.parseDouble(value.trim()));
            } catch (NumberFormatException e) {
                throw usage(key + " must be a number, not '" + value + "'");
            }
        }
        if (BOOL_KEYS.contains(leaf)) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> BooleanNode.TRUE;
                case "false", "no", "off" -> BooleanNode.FALSE;
                default -> throw usage(key + " must be true or false, not '" + value + "'");
            };
        }
        if (leaf.equals("type") && key.startsWith("profiles.")) {
            ProviderType t = ProviderType.parse(value);
            if (t == null) {
                throw usage(key + ": '" + value + "' is not one of openai, azure-openai, ollama, openai-compatible");
            }
            return TextNode.valueOf(t.id());
        }
        if (leaf.equals("toolCalling")) {
            ToolCallingMode m = ToolCallingMode.parse(value);
            if (m == null) {
                throw usage(key + ": '" + value + "' is not native or react");
            }
            return TextNode.valueOf(m.name().toLowerCase(Locale.ROOT));
        }
        return TextNode.valueOf(value);
    }

    private static ObjectNode readTree(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        }
        ConfigLoader.parse(text, file); // reports a broken file with its line before we touch it
        if (text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = ConfigLoader.Yaml.MAPPER.readTree(text);
            return node instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        } catch (JsonProcessingException e) {
            throw new AgentException(ExitCodes.USAGE, "invalid config file " + file + ": " + e.getOriginalMessage(), null, e);
        }
    }

    private static void write(Path file, ObjectNode root) {
        String yaml;
        try {
            yaml = ConfigLoader.Yaml.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new AgentException(ExitCodes.INTERNAL, "cannot serialise config: " + e.getOriginalMessage(), null, e);
        }
        ConfigLoader.parse(yaml, file); // never write a file the loader would reject
        try {
            Path abs = file.toAbsolutePath();
            Path dir = abs.getParent();
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException nonPosix) {
                    Files.createDirectories(dir);
                } catch (FileAlreadyExistsException raced) {
                    // created concurrently: fine
                }
            }
            Path tmp;
            try {
                tmp = Files.createTempFile(dir, ".config-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException nonPosix) {
                tmp = Files.createTempFile(dir, ".config-", ".tmp");
            }
            try {
                Files.writeString(tmp, yaml);
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot write config file " + file + ": " + e.getMessage(), null, e);
        }
    }

    private static AgentException usage(String message) {
        return new AgentException(ExitCodes.USAGE, message);
    }
}
