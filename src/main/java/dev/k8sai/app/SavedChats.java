package dev.k8sai.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.ToolCall;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chat conversations kept between runs ({@code chat --resume NAME}), one JSON file per conversation under
 * $XDG_STATE_HOME/k8s-ai-agent/chats (~/.local/state/k8s-ai-agent/chats), readable by the owner only.
 * A file holds exactly what the model was sent and answered — tool observations were redacted before the
 * model saw them — plus the context, namespace, model and token use, so nothing new is written down.
 */
public final class SavedChats {

    /** What one file holds. */
    public record SavedChat(String name, String context, String namespace, String model, String updated, TokenUsage usage,
                            int roundTrips, List<Message> messages) {
        public SavedChat {
            messages = messages == null ? List.of() : List.copyOf(messages);
            usage = usage == null ? TokenUsage.NONE : usage;
        }

        public AgentRun.Conversation conversation() {
            return new AgentRun.Conversation(messages.stream().map(Message::toLlm).toList(), usage, roundTrips);
        }
    }

    /** An {@link LlmMessage} as stored: the sealed type's variant in {@code role}. */
    public record Message(String role, String text, List<ToolCall> toolCalls, String callId, String toolName) {

        static Message of(LlmMessage m) {
            return switch (m) {
                case LlmMessage.System s -> new Message("system", s.text(), null, null, null);
                case LlmMessage.User u -> new Message("user", u.text(), null, null, null);
                case LlmMessage.Assistant a -> new Message("assistant", a.text(), a.toolCalls().isEmpty() ? null : a.toolCalls(), null, null);
                case LlmMessage.ToolResult t -> new Message("tool", t.text(), null, t.callId(), t.toolName());
            };
        }

        LlmMessage toLlm() {
            return switch (role) {
                case "system" -> new LlmMessage.System(text);
                case "assistant" -> new LlmMessage.Assistant(text, toolCalls);
                case "tool" -> new LlmMessage.ToolResult(callId, toolName, text);
                default -> new LlmMessage.User(text);
            };
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter NEW_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public SavedChats(Path dir) {
        this.dir = dir;
    }

    /** $XDG_STATE_HOME/k8s-ai-agent/chats, else ~/.local/state/k8s-ai-agent/chats. */
    public static SavedChats in(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return new SavedChats(base.resolve("k8s-ai-agent").resolve("chats"));
    }

    public Path dir() {
        return dir;
    }

    /** A fresh name for a new conversation: its start time. */
    public String newName(Instant now) {
        return NEW_NAME.format(now);
    }

    /** The saved conversation {@code name}; a usage error (exit 2) when there is none or the name is no file name. */
    public SavedChat load(String name) {
        Path file = file(name);
        try {
            return JSON.readValue(Files.readString(file), SavedChat.class);
        } catch (NoSuchFileException e) {
            throw new AgentException(ErrorCategory.USAGE, "no saved chat named " + name + " in " + dir);
        } catch (IOException e) {
            throw new AgentException(ErrorCategory.USAGE, "cannot read saved chat " + file + ": " + e.getMessage());
        }
    }

    /** Writes the conversation (owner-only file, replaced atomically so a crash never leaves half a file). */
    public Path save(String name, AgentRun run, String model) {
        Path file = file(name);
        AgentRun.Conversation c = run.conversation();
        SavedChat chat = new SavedChat(name, run.target().context(), run.target().namespace(), model, Instant.now().toString(), c.usage(),
                c.roundTrips(), c.messages().stream().map(Message::of).toList());
        try {
            createPrivateDir(dir);
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(chat));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new AgentException(ErrorCategory.USAGE, "cannot save the chat in " + dir + ": " + e.getMessage());
        }
    }

    private Path file(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AgentException(ErrorCategory.USAGE, "a chat name is letters, digits, '.', '_' or '-' (at most 64), e.g. "
                    + newName(Instant.EPOCH));
        }
        return dir.resolve(name + ".json");
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile: fine
        }
    }
}
