package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorsTest {

    private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front");

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "tier,   In,           'front,edge', true",
            "tier,   In,           'back',       false",
            "canary, In,           'true',       false",
            "tier,   NotIn,        'back',       true",
            "tier,   NotIn,        'front',      false",
            "canary, NotIn,        'true',       true",
            "app,    Exists,       '',           true",
            "canary, Exists,       '',           false",
            "canary, DoesNotExist, '',           true",
            "app,    DoesNotExist, '',           false",
            "app,    Bogus,        'web',        false",
    })
    void expressions(String key, String operator, String values, boolean expected) {
        LabelSelector selector = new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator)
                .withValues(values.isEmpty() ? new String[0] : values.split(",")).endMatchExpression().build();
        assertThat(LabelSelectors.matches(selector, LABELS)).isEqualTo(expected);
    }

    @Test
    void matchLabelsAndExpressionsMustAllHold() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("app", "web")
                .addNewMatchExpression().withKey("tier").withOperator("In").withValues("back").endMatchExpression().build();
        assertThat(LabelSelectors.matches(selector, LABELS)).isFalse();
        assertThat(LabelSelectors.describe(selector)).isEqualTo("app=web,tier in (back)");
    }

    @Test
    void nullMatchesNothingAndEmptyMatchesEverything() {
        assertThat(LabelSelectors.matches((LabelSelector) null, LABELS)).isFalse();
        assertThat(LabelSelectors.matches(new LabelSelector(), LABELS)).isTrue();
        assertThat(LabelSelectors.matches(new LabelSelector(), null)).isTrue();
        assertThat(LabelSelectors.describe(new LabelSelector())).isEqualTo("{}");
    }

    @Test
    void equalitySelectorsNeedEveryPair() {
        assertThat(LabelSelectors.matches(Map.of("app", "web"), LABELS)).isTrue();
        assertThat(LabelSelectors.matches(Map.of("app", "web", "tier", "back"), LABELS)).isFalse();
        assertThat(LabelSelectors.matches(Map.of("app", "web"), null)).isFalse();
        assertThat(LabelSelectors.describe(Map.of("tier", "front", "app", "web"))).isEqualTo("app=web,tier=front");
    }
}
