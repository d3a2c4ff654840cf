package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class KubeconfigCaTrustTest {

    /** A real CA certificate in PEM (one of the JDK's public roots), and the same as kubeconfig data. */
    static X509Certificate someCa() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(new File(System.getProperty("java.home"), "lib/security/cacerts"), (char[]) null);
        return (X509Certificate) cacerts.getCertificate(cacerts.aliases().nextElement());
    }

    static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private static Config withCaData(String data) {
        return new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443").withCaCertData(data).build();
    }

    @Test
    void trustsExactlyTheKubeconfigsCa() throws Exception {
        X509Certificate ca = someCa();
        Config config = withCaData(Base64.getEncoder().encodeToString(pem(ca).getBytes(StandardCharsets.US_ASCII)));
        TrustManager[] managers = KubeconfigCaTrust.caOnly(config);
        assertThat(managers).singleElement().isInstanceOf(X509TrustManager.class);
        assertThat(((X509TrustManager) managers[0]).getAcceptedIssuers()).containsExactly(ca);
    }

    @Test
    void leavesTrustToFabric8WithoutACaWhenInsecureOrWithATrustStore() throws Exception {
        String data = Base64.getEncoder().encodeToString(pem(someCa()).getBytes(StandardCharsets.US_ASCII));
        assertThat(KubeconfigCaTrust.caOnly(withCaData(null))).as("no CA: the JDK's trust store").isNull();
        Config insecure = withCaData(data);
        insecure.setTrustCerts(true);
        assertThat(KubeconfigCaTrust.caOnly(insecure)).as("insecure-skip-tls-verify").isNull();
        Config store = withCaData(data);
        store.setTrustStoreFile("/some/store.p12");
        assertThat(KubeconfigCaTrust.caOnly(store)).as("a trust store configured").isNull();
    }

    @Test
    void aCaThatIsNoCertificateIsNotTrustedAlone() {
        String garbage = Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.US_ASCII));
        // caOnly fails, so the factory leaves the CA to fabric8, which decides about it as it always did
        assertThatThrownBy(() -> KubeconfigCaTrust.caOnly(withCaData(garbage))).isInstanceOf(Exception.class);
    }
}
