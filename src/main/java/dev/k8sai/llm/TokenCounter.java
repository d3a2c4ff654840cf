package dev.k8sai.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;

/**
 * Estimates tokens with jtokkit, for budgets, {@code --dry-run} and providers that report no usage.
 *
 * <p>Encoding by model name: {@code gpt-4o*}, {@code gpt-4.1*}, {@code gpt-5*}, {@code o1*}, {@code o3*},
 * {@code o4*} use {@code o200k_base}; {@code gpt-4*} and {@code gpt-3.5*} use {@code cl100k_base}.
 * <b>Every other name</b> — qwen-plus, deepseek-r1, llama3, mistral, a null or blank name — falls back to
 * {@code cl100k_base}: those models have their own tokenizers which jtokkit does not ship, and
 * cl100k is a reasonable proxy (usually within ~10–20% for English and YAML). Never throws.
 *
 * <p>Message overhead follows OpenAI's published chat formula: about 3 tokens per message for the
 * role framing and 3 for the reply primer; tools add their name, description and schema text plus a
 * few tokens each.
 */
public final class TokenCounter {

    static final int PER_MESSAGE_OVERHEAD = 3;
    static final int REPLY_PRIMER = 3;
    static final int PER_TOOL_OVERHEAD = 8;

    // The lazy registry loads only the encodings actually used (each is a few MB of BPE ranks).
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final String model;
    private final Encoding encoding;

    private TokenCounter(String model, Encoding encoding) {
        this.model = model;
        this.encoding = encoding;
    }

    public static TokenCounter forModel(String model) {
        return new TokenCounter(model, REGISTRY.getEncoding(encodingTypeFor(model)));
    }

    static EncodingType encodingTypeFor(String model) {
        String m = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        // Azure/OpenRouter style prefixes ("openai/gpt-4o") should not change the answer.
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5") || m.startsWith("gpt-5")
                || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("chatgpt-4o")) {
            return EncodingType.O200K_BASE;
        }
        return EncodingType.CL100K_BASE;
    }

    public String model() {
        return model;
    }

    /** The jtokkit encoding name, e.g. "o200k_base". */
    public String encodingName() {
        return encoding.getName();
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokens(text);
    }

    public int count(LlmMessage message) {
        int n = PER_MESSAGE_OVERHEAD + count(message.text());
        if (message instanceof LlmMessage.Assistant a) {
            for (ToolCall call : a.toolCalls()) {
                n += PER_MESSAGE_OVERHEAD + count(call.name()) + count(call.argumentsJson());
            }
        } else if (message instanceof LlmMessage.ToolResult r) {
            n += count(r.toolName());
        }
        return n;
    }

    public int count(ToolSpec tool) {
        return PER_TOOL_OVERHEAD + count(tool.name()) + count(tool.description()) + count(tool.parametersSchema());
    }

    public int countMessages(List<LlmMessage> messages) {
        int n = REPLY_PRIMER;
        for (LlmMessage m : messages) {
            n += count(m);
        }
        return n;
    }

    /** Estimated input tokens of one round trip: messages plus tool definitions. */
    public int count(LlmRequest request) {
        int n = countMessages(request.messages());
        for (ToolSpec tool : request.tools()) {
            n += count(tool);
        }
        return n;
    }

    /** Estimated output tokens of a reply: its text plus tool call names and arguments. */
    public int countOutput(String text, List<ToolCall> toolCalls) {
        int n = count(text);
        for (ToolCall call : toolCalls) {
            n += count(call.name()) + count(call.argumentsJson());
        }
        return n;
    }
}
