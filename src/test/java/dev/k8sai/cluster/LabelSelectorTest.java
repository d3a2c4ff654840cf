package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("app", "shop", "tier", "web", "app.kubernetes.io/part-of", "x");

    @Test
    void equalityAndInequality() {
        assertThat(LabelSelector.parse("app=shop").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app==shop,tier=web").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app=shop,tier=db").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("app!=shop").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("env!=prod").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app.kubernetes.io/part-of=x").matches(LABELS)).isTrue();
    }

    @Test
    void setBasedAndExistence() {
        assertThat(LabelSelector.parse("tier in (db, web)").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("tier notin (db,web)").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("app,!env").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("env").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("app in (shop),tier").matches(null)).isFalse();
        assertThat(LabelSelector.parse("!env").matches(null)).isTrue();
    }

    @Test
    void malformedIsAUsageError() {
        assertThatThrownBy(() -> LabelSelector.parse("app=(")).isInstanceOf(AgentException.class)
                .hasMessage("invalid label selector 'app=(': cannot parse 'app=('");
        assertThatThrownBy(() -> LabelSelector.parse(" , ")).isInstanceOf(AgentException.class);
    }
}
