package dev.k8sai.app;

import dev.k8sai.llm.ModelLister;
import java.util.List;
import java.util.Map;

/** models: what the configured endpoint offers; under a dry run only the URL that would be asked. */
public final class ModelsUseCase {

    /** {@code models} is empty and {@code url} set under a dry run. */
    public record Result(String url, List<String> models) {
        public Result {
            models = List.copyOf(models);
        }
    }

    private final Map<String, String> env;

    public ModelsUseCase(Map<String, String> env) {
        this.env = env;
    }

    public Result run(LlmSettings llm) {
        LlmConnector connector = new LlmConnector(llm, env);
        if (llm.dryRun()) {
            return new Result(ModelLister.url(connector.profileForPreview()), List.of());
        }
        var profile = connector.profile();
        return new Result(ModelLister.url(profile), ModelLister.list(profile));
    }
}
