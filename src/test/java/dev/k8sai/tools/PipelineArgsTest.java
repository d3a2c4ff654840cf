package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.tools.ChangeGuard.Policy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Arguments refused before kubectl ever runs, even when the user allowed every change with --yes. */
class PipelineArgsTest {

    /** --yes, and a kubectl that does not exist: whatever is not refused fails to start. */
    private static Pipeline.Result run(String command) {
        Pipeline p = new Pipeline(new KubectlSettings(Path.of("/nonexistent/kubectl"), null, null, Duration.ofSeconds(5), 1 << 20),
                ChangeGuard.asking(Policy.ALLOW_ALL, Confirmer.none()), ObservationRedactor.identity());
        return p.run(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kubectl version --profile=cpu --profile-output=/root/.kube/config",
            "kubectl get pods --cache-dir /tmp/x",
            "kubectl kustomize dir --enable-helm --helm-command=/tmp/prog",
            "kubectl kustomize dir --enable-alpha-plugins",
            "kubectl get pods --kubeconfig=/tmp/other",
            "kubectl --context=prod get pods",
            "kubectl config view",
            "kubectl --request-timeout config set-credentials admin --exec-command=/tmp/x",
            "kubectl get pods -w",
            "kubectl get pods --watch=true",
            "kubectl logs web -f",
            "kubectl exec -it web -- sh",
            "kubectl edit deploy web",
            "kubectl port-forward web 8080:80"})
    void refused(String command) {
        Pipeline.Result r = run(command);
        assertThat(r.status()).as(r.output()).isEqualTo(Pipeline.Status.REFUSED);
        assertThat(r.output()).doesNotContain("could not be run");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kubectl get pods -n shop",
            "kubectl -n shop get pods",
            "kubectl --namespace=shop get pods -o wide",
            "kubectl get --raw /readyz",
            "kubectl describe pod x -n shop",
            "kubectl get pods --watch=false",
            "kubectl delete pod x -n shop"})
    void notRefused(String command) {
        Pipeline.Result r = run(command);
        assertThat(r.status()).as(r.output()).isEqualTo(Pipeline.Status.FAILED);
        assertThat(r.output()).contains("could not be run");
    }
}
