package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 18 point 6: an HTML error page (a proxy's, a gateway's) becomes its title or a short excerpt, never the markup. */
class ProviderErrorsTest {

    @Test
    void anHtmlPageIsCutToItsTitle() {
        String page = "<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>\n  503 Service Temporarily Unavailable </title>"
                + "<style>body{font:12px}</style></head><body>" + "<p>lots of markup</p>".repeat(200) + "</body></html>";
        assertThat(ProviderErrors.providerMessage(page)).isEqualTo("an HTML page: 503 Service Temporarily Unavailable");
    }

    @Test
    void withoutATitleTheVisibleTextIsCut() {
        String page = "<html><body><script>var x = 1;</script><h1>Access denied</h1><p>" + "You are not allowed here. ".repeat(20)
                + "</p></body></html>";
        String said = ProviderErrors.providerMessage(page);
        assertThat(said).startsWith("an HTML page: Access denied You are not allowed here.").doesNotContain("<", "var x")
                .hasSizeLessThanOrEqualTo("an HTML page: ".length() + 81);
    }

    @Test
    void jsonAndPlainTextAreUnchanged() {
        assertThat(ProviderErrors.providerMessage("{\"error\": {\"message\": \"model not found\"}}")).isEqualTo("model not found");
        assertThat(ProviderErrors.providerMessage("upstream connect error <reset>")).isEqualTo("upstream connect error <reset>");
    }
}
