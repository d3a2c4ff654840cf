package dev.k8sai.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShownArgvTest {

    @Test
    void quotesArgumentsWithSpacesAndQuotes() {
        assertThat(ShownArgv.of(List.of("kubectl", "label", "pod", "x", "a=b c", "it's")))
                .isEqualTo("kubectl label pod x 'a=b c' 'it'\\''s'");
        assertThat(ShownArgv.of(List.of("kubectl", "get", "pods", ""))).isEqualTo("kubectl get pods ''");
    }

    @Test
    void controlAndBidiCharactersAreShownAsEscapesNeverSent() {
        String hostile = "a=b\u001b[2K\u001b[1A\rkubectl label ns x a=b\b\u0085\u202e\u2066\u200b";
        String shown = ShownArgv.of(List.of("kubectl", "delete", "ns", "prod", hostile));
        assertThat(shown).isEqualTo("kubectl delete ns prod $'a=b\\u001b[2K\\u001b[1A\\u000dkubectl label ns x a=b"
                + "\\u0008\\u0085\\u202e\\u2066\\u200b'");
        assertThat(shown.codePoints().filter(ShownArgv::mustEscape)).isEmpty();
    }

    @Test
    void anEscapedFormCannotBeConfusedWithLiteralBackslashes() {
        String literal = ShownArgv.of(List.of("\\u001b"));
        String real = ShownArgv.of(List.of("\u001b"));
        assertThat(literal).isNotEqualTo(real);
        assertThat(ShownArgv.of(List.of("\\u001b\u0007"))).isEqualTo("$'\\\\u001b\\u0007'");
    }

    @Test
    void freeTextKeepsLinesOnlyWhenAsked() {
        assertThat(ShownArgv.visible("print(1)\n\u001b[31mred", true)).isEqualTo("print(1)\n\\u001b[31mred");
        assertThat(ShownArgv.visible("a\nb", false)).isEqualTo("a\\u000ab");
    }
}
