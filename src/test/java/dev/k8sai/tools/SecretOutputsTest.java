package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one output-format policy: what could print secret values is refused before kubectl runs. */
class SecretOutputsTest {

    private static List<String> argv(String line) {
        return Arrays.asList(line.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kubectl get secret db -o go-template={{.data.password|base64decode}}",
            "kubectl get secret db -ogo-template={{.data}}",
            "kubectl get secret db --output=template={{.data}}",
            "kubectl get secret db -o=go-template-file=/tmp/t",
            "kubectl get deploy d -o templatefile=/tmp/t",
            "kubectl get secret db --template={{.data.password}}",
            "kubectl get secret db --template {{.data.password}}",
            "kubectl get -o jsonpath={.data} secrets",
            "kubectl get secrets.v1. -o jsonpath={.data}",
            "kubectl get Secret/db -o jsonpath={.data}",
            "kubectl get cm,secret -o custom-columns=D:.data",
            "kubectl get all -o jsonpath={..env}",
            "kubectl get -f /tmp/x.yaml -o jsonpath={.data}",
            "kubectl get -f/tmp/x.yaml -o jsonpath={.data}",
            "kubectl get --filename=/tmp/x.yaml -o jsonpath={.data}",
            "kubectl get -k ./dir -o jsonpath={.data}",
            "kubectl get --raw /api/v1/secrets -o jsonpath={.items}",
            "kubectl get deploy d -o jsonpath-file=/etc/passwd",
            "kubectl get deploy d -o custom-columns-file=/etc/passwd",
            "kubectl create secret generic x --from-literal=a=b --dry-run=client -o jsonpath={.data}",
            "kubectl set env deployment/d --list --resolve",
            "kubectl set env deployment/d --list --resolve=true --dry-run=client",
            "kubectl apply view-last-applied secret/db"})
    void refusesOutputsThatCouldPrintSecretValues(String line) {
        assertThatThrownBy(() -> SecretOutputs.checkOutputFormat(argv(line)))
                .isInstanceOf(CommandRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kubectl get secret db -o json", "kubectl get secrets -o yaml", "kubectl get secrets",
            "kubectl get deploy d -o jsonpath={.spec.replicas}", "kubectl get pods -o custom-columns=N:.metadata.name",
            "kubectl events -o jsonpath={.items}", "kubectl describe secret db", "kubectl set env deployment/d --list",
            "kubectl get --raw /api/v1/namespaces/x/secrets"})
    void allowsWhatTheStructuralPassOrTheLedgerCovers(String line) {
        assertThatCode(() -> SecretOutputs.checkOutputFormat(argv(line))).doesNotThrowAnyException();
    }

    /**
     * The output option as kubectl reads it, wherever pflag finds it: inside a shorthand cluster
     * ({@code -Ao}), after a flag that takes "-o" as its value, with "_" for "-" in the name.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "kubectl get secrets -Ao go-template={{range.items}}{{.data.password|base64decode}}{{end}}",
            "kubectl get secrets -Aogo-template={{.items}}",
            "kubectl get secrets -Ao=template={{.items}}",
            "kubectl get secrets -Ao jsonpath={.items[*].data}",
            "kubectl get secret db -o go-template={{.data.password|base64decode}} --label-columns -o x",
            "kubectl get secret db --output go-template={{.data}} --sort-by .metadata.name --label-columns -o json",
            "kubectl get -Rf /tmp/x.yaml -o jsonpath={.data}",
            "kubectl set env deployment/d --list --resolve=TRUE",
            "kubectl set env deployment/d --list --resolve=1"})
    void readsTheOutputOptionAsKubectlDoes(String line) {
        assertThatThrownBy(() -> SecretOutputs.checkOutputFormat(argv(line))).isInstanceOf(CommandRejectedException.class);
    }

    @Test
    void aClusteredOutputOptionIsReadAsJsonFirst() {
        List<String> a = argv("kubectl get deploy -Ao jsonpath={..env}");
        assertThat(SecretOutputs.printsRawFields(a)).isTrue();
        assertThat(SecretOutputs.asJson(a)).endsWith("-o", "json");
    }

    @Test
    void fieldOutputsAreReadAsJsonFirst() {
        List<String> a = argv("kubectl get deploy d -n x -o jsonpath={..env} --sort-by=.metadata.name");
        assertThat(SecretOutputs.printsRawFields(a)).isTrue();
        assertThat(SecretOutputs.asJson(a)).containsExactly("kubectl", "get", "deploy", "d", "-n", "x", "-o", "jsonpath={..env}", "--sort-by=.metadata.name", "-o", "json");
        assertThat(SecretOutputs.asJson(argv("kubectl get pods --output custom-columns=N:.metadata.name")))
                .containsExactly("kubectl", "get", "pods", "--output", "custom-columns=N:.metadata.name", "-o", "json");
        assertThat(SecretOutputs.printsRawFields(argv("kubectl get pods -o wide"))).isFalse();
    }

    private static final String RELEASE = "SDRzSUFBQUFBQUFDLyt5OWEzUGJTSklvK2xjUVRFZWc3UXlBZWxpeUpjZGU3d1Rva3RVeXhaVGRLOW";

    /**
     * Output cut at the size limit loses the fields that say what an object is: a YAML item whose
     * {@code kind}, {@code metadata} and {@code type} come after its {@code data} still parses, and a
     * {@code --raw} list's items carry no kind. Reads that may return Secrets are withheld when cut.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "kubectl get secrets -A -o yaml",
            "kubectl get --raw /api/v1/secrets",
            "kubectl get -f /tmp/objects.yaml -o yaml",
            "kubectl get -k ./overlay -o json"})
    void cutOutputOfReadsThatMayReturnSecretsIsWithheld(String line) {
        String yaml = "apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    release: " + RELEASE + "\n";
        String json = "{\"kind\":\"SecretList\",\"apiVersion\":\"v1\",\"items\":[{\"metadata\":{\"name\":\"r\"},"
                + "\"data\":{\"release\":\"" + RELEASE + "\"},\"type\":\"helm.sh/release.v1\"},{\"metadata\":{\"name\":";
        ObservationRedactor redactor = text -> dev.k8sai.redact.Redactor.redact(text).text();
        for (String cut : List.of(yaml, json)) {
            assertThat(SecretOutputs.sanitize(argv(line), cut, true, redactor)).doesNotContain(RELEASE).contains("withheld");
        }
        assertThat(SecretOutputs.sanitize(argv("kubectl get pods -A -o yaml"), yaml.replace("release", "replicas"), true, redactor))
                .as("other reads keep their (redacted) partial output").contains("replicas");
    }
}
