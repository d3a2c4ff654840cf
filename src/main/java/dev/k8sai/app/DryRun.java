package dev.k8sai.app;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.PromptPreview;
import dev.k8sai.llm.TokenCounter;
import java.util.List;

/**
 * What a dry run produces instead of a result: every request exactly as it would be sent, and the
 * profile they would go to. Front ends show it (the CLI prints it with a token estimate).
 */
public record DryRun(List<LlmRequest> requests, ProviderProfile profile) {

    public DryRun {
        requests = List.copyOf(requests);
    }

    /** The estimated input tokens of all requests, counted with the profile model's encoding. */
    public int estimatedInputTokens() {
        TokenCounter counter = TokenCounter.forModel(profile.model());
        return requests.stream().mapToInt(counter::count).sum();
    }

    /** Each request as the text a dry run shows (messages, tools, the model). */
    public List<String> renderedRequests() {
        return requests.stream().map(r -> PromptPreview.render(r, profile.model())).toList();
    }

    /** The profile of a dry run and a client that builds requests but refuses to send any. */
    public record Plan(ProviderProfile profile, LlmClient client) {
        public DryRun of(List<LlmRequest> requests) {
            return new DryRun(requests, profile);
        }
    }
}
