package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BaseUrlsTest {

    private static ProviderProfile p(ProviderType type, String url, String deployment) {
        return new ProviderProfile("p", type, url, "m", null, "k", deployment, null, Duration.ofSeconds(5), 0,
                ToolCallingMode.NATIVE, Map.of());
    }

    @ParameterizedTest
    @CsvSource({
            "OPENAI, , https://api.openai.com/v1",
            "OPENAI, https://api.openai.com, https://api.openai.com/v1",
            "OPENAI, https://api.openai.com/, https://api.openai.com/v1",
            "OPENAI, https://api.openai.com/v1/, https://api.openai.com/v1",
            "OPENAI_COMPATIBLE, https://api.deepseek.com/v1//, https://api.deepseek.com/v1",
            "OPENAI_COMPATIBLE, https://api.deepseek.com, https://api.deepseek.com",
            "OPENAI_COMPATIBLE, https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions, https://dashscope.aliyuncs.com/compatible-mode/v1",
            "OPENAI_COMPATIBLE, localhost:8000/v1, https://localhost:8000/v1",
            "OPENAI_COMPATIBLE, http://localhost:8000/v1/models, http://localhost:8000/v1",
            "OLLAMA, localhost:11434, http://localhost:11434",
            "OLLAMA, , http://localhost:11434",
            "OLLAMA, http://gpu-box:11434/, http://gpu-box:11434",
            "OLLAMA, http://gpu-box:11434/v1, http://gpu-box:11434",
            "OLLAMA, http://gpu-box:11434/api, http://gpu-box:11434",
    })
    void normalises(ProviderType type, String raw, String expected) {
        assertThat(BaseUrls.of(p(type, raw, null))).isEqualTo(expected);
    }

    @Test
    void azureBuildsTheDeploymentUrl() {
        assertThat(BaseUrls.of(p(ProviderType.AZURE_OPENAI, "https://res.openai.azure.com/", "prod-4o")))
                .isEqualTo("https://res.openai.azure.com/openai/deployments/prod-4o");
        assertThat(BaseUrls.of(p(ProviderType.AZURE_OPENAI, "https://res.openai.azure.com/openai/deployments/x", null)))
                .isEqualTo("https://res.openai.azure.com/openai/deployments/x");
        assertThatThrownBy(() -> BaseUrls.of(p(ProviderType.AZURE_OPENAI, "https://res.openai.azure.com", null)))
                .isInstanceOf(LlmException.class).hasMessageContaining("azureDeployment");
    }

    @Test
    void compatibleWithoutUrlSaysWhatToSet() {
        assertThatThrownBy(() -> BaseUrls.of(p(ProviderType.OPENAI_COMPATIBLE, null, null)))
                .isInstanceOf(LlmException.class).hasMessageContaining("baseUrl");
    }
}
