package dev.k8sai.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The value-based layer: a value the run has redacted once is scrubbed in every reshaped form. */
class SecretLedgerTest {

    private static final String S = "Zq7-planted-V4lue";

    private static SecretLedger ledgerWith(String value) {
        SecretLedger l = new SecretLedger();
        l.record(value);
        return l;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scrubsEveryReshapedForm() {
        SecretLedger l = ledgerWith(S);
        String explode = S.codePoints().mapToObj(Integer::toString).collect(Collectors.joining(",\n  ", "[\n  ", "\n]"));
        for (String shaped : new String[] {
                "value: " + S, S.toUpperCase(), b64(S), b64("prefix:" + S), b64("{\"a\":\"" + S + "\"}"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(S.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode("x=" + S + "&y=1", StandardCharsets.UTF_8), explode,
                S.codePoints().mapToObj(Integer::toString).collect(Collectors.joining("\n")),
                String.join(" ", S.split("")), new StringBuilder(S).reverse().toString(), "'" + S + "'"}) {
            String out = l.scrub("observed: " + shaped + " end");
            assertThat(out).as(shaped).contains("[REDACTED:secret_value]").startsWith("observed: ").endsWith(" end");
            assertThat(out.toLowerCase()).doesNotContain("zq7-planted").doesNotContain("planted");
        }
    }

    @Test
    void base64SecretDataIsRememberedDecodedToo() {
        SecretLedger l = ledgerWith(b64(S));
        assertThat(l.scrub("user=" + S)).isEqualTo("user=[REDACTED:secret_value]");
        assertThat(l.scrub(b64(S))).isEqualTo("[REDACTED:secret_value]");
    }

    @Test
    void linesAndValuesOfAStoredFileAreRemembered() {
        SecretLedger l = ledgerWith(b64("DB_HOST=db\nDB_PASS=Hx9-file-Secret\n"));
        assertThat(l.scrub("pass is Hx9-file-Secret")).doesNotContain("Hx9-file-Secret");
    }

    @Test
    void leavesOtherTextAloneAndIgnoresShortValues() {
        SecretLedger l = ledgerWith(S);
        l.record("abc");
        String text = "NAME READY STATUS\nweb-1 1/1 Running\nabc def [1, 2, 3, 4, 5, 6, 7] dGVzdA== " + b64("ordinary text here");
        assertThat(l.scrub(text)).isEqualTo(text);
        assertThat(new SecretLedger().scrub(text)).isEqualTo(text);
    }

    @Test
    void scrubbingABigTextWithManyValuesStaysFast() {
        SecretLedger l = new SecretLedger();
        for (int i = 0; i < 5_000; i++) {
            l.record("value-" + i + "-" + Integer.toHexString(i * 7919));
        }
        String text = ("pod-" + "x".repeat(60) + " Running 0 3d " + b64("hello world") + "\n").repeat(5_000);
        long start = System.nanoTime();
        assertThat(l.scrub(text + "value-42-" + Integer.toHexString(42 * 7919))).endsWith("[REDACTED:secret_value]");
        // linear work: ~0.3 s unloaded; the bound only catches a quadratic regression on a shared machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
