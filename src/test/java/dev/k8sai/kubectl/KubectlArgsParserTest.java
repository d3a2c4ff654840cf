package dev.k8sai.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.kubectl.KubectlInvocation.Option;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser reads argument lists as cobra 1.9 and pflag 1.0.6 do in kubectl v1.34. */
class KubectlArgsParserTest {

    private static KubectlInvocation parse(String line) {
        return KubectlArgsParser.pinned().parse(Arrays.asList(line.split(" ")));
    }

    @ParameterizedTest(name = "{0} runs {1}")
    @CsvSource(delimiter = '|', value = {
        // an option unknown at a level is taken to consume the next word while cobra looks for the command
        "rollout --field-manager status restart deployment/d1|rollout restart",
        "auth --template can-i reconcile -f rbac.yaml|auth reconcile",
        "apply --field-manager view-last-applied -f cm.yaml|apply",
        "--request-timeout config set-credentials x|",
        "-n get delete pods|delete",
        "get -n delete pods|get",
        "rollout --watch status restart|rollout restart",
        // a known flag with an optional value (bool, --dry-run) never takes the next word
        "-A get pods|",
        "create --dry-run deployment x --image=y|create deployment",
        "create --dry-run=client deployment x --image=y|create deployment",
        // aliases, and a "-x" cluster longer than 2 characters is skipped without a value
        "rollout -ox history d|rollout history",
        "get --|get",
        "-- get pods|",
    })
    void findsTheCommandAsCobraDoes(String args, String path) {
        assertThat(parse(args).path()).isEqualTo(path == null ? "" : path);
    }

    @Test
    void valuesSeparateAttachedAndClustered() {
        KubectlInvocation inv = parse("get pods -ojson -n=shop --selector app=web -Lteam --show-labels --field_selector=a=b x");
        assertThat(inv.understood()).as(inv.problem()).isTrue();
        assertThat(inv.options()).extracting(Option::name, Option::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("output", "json"),
                org.assertj.core.groups.Tuple.tuple("namespace", "shop"),
                org.assertj.core.groups.Tuple.tuple("selector", "app=web"),
                org.assertj.core.groups.Tuple.tuple("label-columns", "team"),
                org.assertj.core.groups.Tuple.tuple("show-labels", "true"),
                org.assertj.core.groups.Tuple.tuple("field-selector", "a=b"));
        assertThat(inv.positionals()).containsExactly("pods", "x");
    }

    @Test
    void boolFlagsDoNotTakeTheNextWordAndClustersShareOneValue() {
        KubectlInvocation inv = parse("get -Ao json pods");
        assertThat(inv.options()).extracting(Option::name).containsExactly("all-namespaces", "output");
        assertThat(inv.last("output")).contains("json");
        assertThat(inv.positionals()).containsExactly("pods");
        KubectlInvocation dry = parse("delete pod x --dry-run server");
        assertThat(dry.last("dry-run")).contains("unchanged");
        assertThat(dry.positionals()).containsExactly("pod", "x", "server");
    }

    @Test
    void everythingAfterDoubleDashIsPassedOn() {
        KubectlInvocation inv = parse("exec web -c app -- kubectl --kubeconfig /x get pods");
        assertThat(inv.path()).isEqualTo("exec");
        assertThat(inv.positionals()).containsExactly("web");
        assertThat(inv.afterDash()).containsExactly("kubectl", "--kubeconfig", "/x", "get", "pods");
    }

    @Test
    void problemsAreReportedAsKubectlWould() {
        assertThat(parse("get pods --no-such-flag").problem()).contains("unknown flag: --no-such-flag");
        assertThat(parse("get pods -Z").problem()).contains("unknown shorthand flag");
        assertThat(parse("get pods -o").problem()).contains("flag needs an argument");
        assertThat(parse("get pods ---x").problem()).contains("bad flag syntax");
        assertThat(parse("rollout --field-manager status restart deployment/d1").understood()).isTrue();
    }

    @Test
    void globalFlagsAreKnownEverywhere() {
        KubectlInvocation inv = parse("auth can-i --request-timeout 5s -n x get pods");
        assertThat(inv.path()).isEqualTo("auth can-i");
        assertThat(inv.options()).extracting(Option::name).containsExactly("request-timeout", "namespace");
        assertThat(inv.positionals()).isEqualTo(List.of("get", "pods"));
    }
}
