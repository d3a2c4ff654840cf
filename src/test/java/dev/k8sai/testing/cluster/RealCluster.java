package dev.k8sai.testing.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the real test API server (etcd + kube-apiserver + kube-controller-manager
 * started once per JVM by scripts/test-cluster.sh). Test methods may take {@link TestCluster} and
 * {@link TestNamespace} parameters; each test gets a fresh namespace that is deleted afterwards.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("cluster")
@ExtendWith(TestClusterExtension.class)
public @interface RealCluster { }
