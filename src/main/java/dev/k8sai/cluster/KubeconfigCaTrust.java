package dev.k8sai.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.CertUtils;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * fabric8's JDK HTTP client, trusting what kubectl trusts: when the kubeconfig names the cluster's CA
 * ({@code certificate-authority} or {@code -data}), that CA alone. fabric8 adds it to the JDK's ~140
 * public CAs instead, whose loading was about 85 ms of every run, and so would also accept a server
 * certificate any public CA issued for the name.
 *
 * <p>Without a CA, with {@code insecure-skip-tls-verify}, with a trust store configured, or with a CA
 * that yields no certificate here, fabric8 decides exactly as before.
 */
final class KubeconfigCaTrust extends JdkHttpClientFactory {

    @Override
    public HttpClient.Builder newBuilder(Config config) {
        TrustManager[] caOnly;
        try {
            caOnly = caOnly(config);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            caOnly = null; // fabric8 reads the CA itself below and reports what is wrong with it, as before
        }
        if (caOnly == null) {
            return super.newBuilder(config);
        }
        // fabric8 computes its trust from the config while it sets up everything else (proxy, interceptors,
        // timeouts): it is given the no-op trust of insecure-skip-tls-verify for that moment, which loads no
        // trust store, and its SSL context is replaced by the CA's below, before any client is built from it.
        config.setTrustCerts(true);
        HttpClient.Builder builder;
        try {
            builder = super.newBuilder(config);
        } finally {
            config.setTrustCerts(false);
        }
        try {
            return builder.sslContext(SSLUtils.keyManagers(config), caOnly);
        } catch (GeneralSecurityException | IOException e) {
            throw KubernetesClientException.launderThrowable(e);
        }
    }

    /**
     * Trust managers for the kubeconfig's CA certificates only; null when fabric8's own trust applies (no CA,
     * insecure, a trust store file given, or no certificate in the CA).
     */
    static TrustManager[] caOnly(Config config) throws GeneralSecurityException, IOException {
        if (config.isTrustCerts() || !blank(config.getTrustStoreFile())
                || (blank(config.getCaCertData()) && blank(config.getCaCertFile()))) {
            return null;
        }
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        // read as fabric8 reads it: the data (base64 of PEM) before the file
        try (InputStream pem = CertUtils.getInputStreamFromDataOrFile(config.getCaCertData(), config.getCaCertFile())) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                anchors.setCertificateEntry("kubeconfig-ca-" + i++, cert);
            }
        }
        if (anchors.size() == 0) {
            return null;
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
