package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.TokenUsage;
import org.junit.jupiter.api.Test;

class GenerateServiceTest {

    private static final String GOOD = ManifestValidatorTest.GOOD;
    private static final String TYPO = GOOD.replace("replicas: 3", "replicas: three");

    private static GenerateService service(ScriptedLlm llm, int maxRepairs) {
        return new GenerateService(llm, ManifestValidator.offline(), "shop", maxRepairs, 4000);
    }

    @Test
    void validFirstReplyTakesOneRound() {
        ScriptedLlm llm = new ScriptedLlm("<think>redis needs a service</think>" + ScriptedLlm.fenced(GOOD));
        GenerateResult r = service(llm, 2).generate("a redis deployment with 3 replicas and a service");

        assertThat(r.valid()).isTrue();
        assertThat(r.rounds()).isEqualTo(1);
        assertThat(r.usage()).isEqualTo(new TokenUsage(100, 50));
        assertThat(r.validation().objects()).extracting(o -> o.getKind()).containsExactly("Deployment", "Service");
        assertThat(r.yaml()).contains("kind: Deployment").doesNotContain("think");

        var sent = llm.requests.getFirst();
        assertThat(sent.maxOutputTokens()).as("--max-tokens is a budget, not a per-reply limit")
                .isEqualTo(GenerateService.GENERATE_OUTPUT_TOKENS);
        assertThat(sent.messages()).hasSize(2);
        assertThat(sent.messages().get(0)).isInstanceOf(LlmMessage.System.class);
        assertThat(sent.messages().get(0).text()).contains("```yaml", "namespace \"shop\"", ":latest", "resources", "probes", "non-root");
        assertThat(sent.messages().get(1)).isEqualTo(new LlmMessage.User("a redis deployment with 3 replicas and a service"));
    }

    @Test
    void tokenBudgetStopsRepairsWithTheInvalidResultAndANote() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(TYPO), ScriptedLlm.fenced(TYPO), ScriptedLlm.fenced(GOOD));
        GenerateResult r = new GenerateService(llm, ManifestValidator.offline(), "shop", 5, 200).generate("redis");

        assertThat(r.valid()).isFalse();
        assertThat(r.rounds()).isEqualTo(2);
        assertThat(r.note()).isEqualTo("token budget of 200 reached");
        assertThat(llm.requests).hasSize(2).allSatisfy(req -> assertThat(req.maxOutputTokens()).isEqualTo(GenerateService.GENERATE_OUTPUT_TOKENS));
    }

    @Test
    void invalidReplyIsRepairedWithTheValidationErrors() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(TYPO), ScriptedLlm.fenced(GOOD));
        GenerateResult r = service(llm, 2).generate("redis");

        assertThat(r.valid()).isTrue();
        assertThat(r.rounds()).isEqualTo(2);
        assertThat(r.usage()).isEqualTo(new TokenUsage(200, 100));
        var second = llm.requests.get(1).messages();
        assertThat(second).hasSize(4);
        assertThat(second.get(2)).isInstanceOf(LlmMessage.Assistant.class);
        assertThat(second.get(2).text()).contains("replicas: three");
        assertThat(second.get(3)).isInstanceOf(LlmMessage.User.class);
        assertThat(second.get(3).text())
                .contains("Deployment/redis: spec.replicas: expected integer, got \"three\"")
                .contains("corrected FULL manifest");
    }

    @Test
    void repairLimitReachedGivesAnInvalidResultWithTheProblems() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(TYPO), ScriptedLlm.fenced(TYPO), "still no yaml, sorry");
        GenerateResult r = service(llm, 2).generate("redis");

        assertThat(r.valid()).isFalse();
        assertThat(r.rounds()).isEqualTo(3);
        assertThat(llm.requests).hasSize(3);
        assertThat(r.validation().problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no YAML manifest found"));
        assertThat(llm.requests.get(2).messages().getLast().text()).contains("spec.replicas: expected integer");
    }

    @Test
    void zeroRepairsMeansOneRoundOnly() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(TYPO));
        GenerateResult r = service(llm, 0).generate("redis");
        assertThat(r.valid()).isFalse();
        assertThat(r.rounds()).isEqualTo(1);
    }

    /** Issue 18: the stages a waiting person is shown — generate, validate, repair round k of n, validate again. */
    @Test
    void everyRoundAndValidationIsAnnouncedBeforeItRuns() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(TYPO), ScriptedLlm.fenced(GOOD));
        java.util.List<String> stages = new java.util.ArrayList<>();
        GenerateResult r = service(llm, 2).onRounds(new GenerateService.Rounds() {
            @Override
            public void asking(int round, int maxRepairs) {
                stages.add("ask " + round + "/" + maxRepairs + " after " + llm.requests.size() + " request(s)");
            }

            @Override
            public void validating(boolean serverDryRun) {
                stages.add("validate" + (serverDryRun ? " + dry run" : ""));
            }
        }).generate("redis");

        assertThat(r.valid()).isTrue();
        assertThat(stages).containsExactly("ask 0/2 after 0 request(s)", "validate", "ask 1/2 after 1 request(s)", "validate");
    }
}
