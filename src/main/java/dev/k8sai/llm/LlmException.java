package dev.k8sai.llm;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;

/** A provider failure after retries, with one clear line for the user (exit code {@link ExitCodes#LLM}). */
public final class LlmException extends AgentException {

    /** What went wrong, for callers that react differently (e.g. the agent keeps its best answer). */
    public enum Kind {
        AUTH, MISSING_KEY, NOT_FOUND, RATE_LIMITED, SERVER, TIMEOUT, UNREACHABLE, BAD_REQUEST, BAD_RESPONSE,
        /** The prompt does not fit the model's context window (said by the server, or known before sending). */
        CONTEXT_OVERFLOW,
        /** A reply with no text and no tool call (llama.cpp-style servers stream nothing when the prompt overflows). */
        EMPTY_REPLY
    }

    private final Kind kind;

    public LlmException(Kind kind, String message, String detail, Throwable cause) {
        super(ExitCodes.LLM, message, detail, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
