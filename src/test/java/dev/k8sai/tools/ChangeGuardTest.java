package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.tools.ChangeGuard.Outcome;
import dev.k8sai.tools.ChangeGuard.Policy;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeGuardTest {

    private static final List<String> DELETE = List.of("kubectl", "delete", "ns", "prod");

    @Test
    void readOnlyRefusesWritesWithPolicyMessage() {
        List<String> asked = new ArrayList<>();
        ChangeGuard g = ChangeGuard.asking(Policy.REFUSE_ALL, q -> asked.add(q));
        ChangeGuard.Decision d = g.review(DELETE);
        assertThat(d.allowed()).isFalse();
        assertThat(d.outcome()).isEqualTo(Outcome.REFUSED_BY_POLICY);
        assertThat(d.refusalMessage()).contains("Refused by policy").contains("read-only").contains("kubectl delete ns prod");
        assertThat(asked).as("read-only never asks").isEmpty();
    }

    @Test
    void readsPassWithoutAskingUnderEveryPolicy() {
        for (Policy p : Policy.values()) {
            ChangeGuard g = ChangeGuard.asking(p, q -> { throw new AssertionError("asked"); });
            assertThat(g.review(List.of("kubectl", "get", "pods")).outcome()).isEqualTo(Outcome.NOT_A_CHANGE);
        }
    }

    @Test
    void yesAllowsWithoutAsking() {
        ChangeGuard g = ChangeGuard.asking(ChangeGuard.policyFor(false, true), q -> { throw new AssertionError("asked"); });
        assertThat(g.review(DELETE).outcome()).isEqualTo(Outcome.ALLOWED_BY_POLICY);
    }

    @Test
    void readOnlyWinsOverYes() {
        assertThat(ChangeGuard.policyFor(true, true)).isEqualTo(Policy.REFUSE_ALL);
    }

    @Test
    void asksShowingTheExactCommandAndHonoursYes() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        Confirmer c = Confirmer.reading(new BufferedReader(new StringReader("y\n")), new PrintStream(shown, true, StandardCharsets.UTF_8));
        ChangeGuard g = ChangeGuard.asking(Policy.ASK, c);
        ChangeGuard.Decision d = g.review(List.of("kubectl", "label", "pod", "x", "team=a b"));
        assertThat(d.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("kubectl label pod x 'team=a b'").contains("Run this command? [y/N]");
    }

    @Test
    void anythingButYesDeclines() {
        for (String answer : List.of("n\n", "\n", "yes please\n", "")) {
            Confirmer c = Confirmer.reading(new BufferedReader(new StringReader(answer)), new PrintStream(new ByteArrayOutputStream()));
            assertThat(ChangeGuard.asking(Policy.ASK, c).review(DELETE).outcome()).as(answer).isEqualTo(Outcome.DECLINED);
        }
    }

    @Test
    void noTerminalDenies() {
        // Under surefire there is no TTY: the console confirmer must deny instead of blocking or allowing.
        assertThat(ChangeGuard.asking(Policy.ASK, dev.k8sai.cli.TerminalConfirmer.console()).review(DELETE).allowed()).isFalse();
        assertThat(ChangeGuard.asking(Policy.ASK, Confirmer.none()).review(DELETE).outcome()).isEqualTo(Outcome.DECLINED);
    }

    @Test
    void decisionsAreRecordedInOrder() {
        ChangeGuard g = ChangeGuard.asking(Policy.ASK, Confirmer.none());
        g.review(List.of("kubectl", "get", "pods"));
        g.review(DELETE);
        assertThat(g.decisions()).extracting(ChangeGuard.Decision::outcome).containsExactly(Outcome.NOT_A_CHANGE, Outcome.DECLINED);
        assertThat(g.decisions().get(1).command()).isEqualTo("kubectl delete ns prod");
    }

    @Test
    void kubectlsOwnYesFlagDoesNotApprove() {
        // "--yes" inside the model's kubectl argv is an argument to kubectl, not the user's --yes.
        List<String> asked = new ArrayList<>();
        ChangeGuard g = ChangeGuard.asking(Policy.ASK, q -> { asked.add(q); return false; });
        ChangeGuard.Decision d = g.review(List.of("kubectl", "delete", "ns", "prod", "--yes"));
        assertThat(d.allowed()).isFalse();
        assertThat(asked).singleElement().asString().contains("kubectl delete ns prod --yes");
    }
}
