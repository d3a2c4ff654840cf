package dev.k8sai.generate;

import dev.k8sai.llm.TokenUsage;

/**
 * Final outcome of {@link GenerateService#generate}.
 *
 * @param yaml       the YAML of the last reply (what the model wrote, fences removed)
 * @param validation validation of that YAML: objects, problems, whether the server checked it
 * @param rounds     model round trips made: 1 when the first reply was valid, 1 + repair rounds otherwise
 * @param usage      tokens of all round trips
 * @param note       why repairs stopped before the round limit (token budget), null otherwise
 */
public record GenerateResult(String yaml, ValidationReport validation, int rounds, TokenUsage usage, String note) {

    public GenerateResult(String yaml, ValidationReport validation, int rounds, TokenUsage usage) {
        this(yaml, validation, rounds, usage, null);
    }

    public boolean valid() {
        return validation.valid();
    }
}
