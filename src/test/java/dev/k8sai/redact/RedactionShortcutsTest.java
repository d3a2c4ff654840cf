package dev.k8sai.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The redactor skips a rule when the text lacks what every match of it holds (a secret-looking name,
 * a key format's literal, a client's name). These shortcuts must never skip a secret.
 */
class RedactionShortcutsTest {

    @Test
    void everySecretNameIsSeenByTheNameShortcut() {
        List<String> names = new ArrayList<>();
        List<String> bases = new ArrayList<>(SecretNames.WORDS);
        bases.addAll(List.of("encryptionkey", "signingkeys", "clientkeydata"));
        for (String word : bases) {
            names.add(word);
            names.add(word.toUpperCase(Locale.ROOT));
            // every way the name can be cut into two words: separators and camel case
            for (int cut = 1; cut < word.length(); cut++) {
                String head = word.substring(0, cut);
                String tail = word.substring(cut);
                for (String separator : List.of("_", "-", ".")) {
                    names.add(head + separator + tail);
                    names.add("db" + separator + head.toUpperCase(Locale.ROOT) + separator + tail.toUpperCase(Locale.ROOT));
                }
                names.add(head + Character.toUpperCase(tail.charAt(0)) + tail.substring(1));
                names.add("my" + Character.toUpperCase(head.charAt(0)) + head.substring(1) + Character.toUpperCase(tail.charAt(0)) + tail.substring(1));
            }
        }
        int secret = 0;
        for (String name : names) {
            if (SecretNames.label(name) != null) {
                secret++;
                assertThat(SecretNames.mayNameOne("x " + name + ": v")).as(name).isTrue();
            }
        }
        assertThat(secret).as("names the test covers that are secret").isGreaterThan(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "event BackOff x42: Back-off restarting failed container main",
            "container main restarted 14 times; last exit code 1 (Error)",
            "selector app=web matches no pod in namespace shop."})
    void ordinaryMessagesNameNoSecret(String message) {
        assertThat(SecretNames.mayNameOne(message)).isFalse();
        assertThat(Redactor.redact(message).text()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "aws ASIA      | id ASIAIOSFODNN7EXAMPLE here                                  | ASIAIOSFODNN7EXAMPLE",
            "aws AROA      | id AROAIOSFODNN7EXAMPLE here                                  | AROAIOSFODNN7EXAMPLE",
            "github gho_   | t gho_abcdefghijklmnopqrstuvwxyz0123456789 x                  | gho_abcdefghijklmnopqrstuvwxyz0123456789",
            "github ghs_   | t ghs_abcdefghijklmnopqrstuvwxyz0123456789 x                  | ghs_abcdefghijklmnopqrstuvwxyz0123456789",
            "github ghr_   | t ghr_abcdefghijklmnopqrstuvwxyz0123456789 x                  | ghr_abcdefghijklmnopqrstuvwxyz0123456789",
            "stripe live   | pay sk_live_abcdefghijklmnop1234 ok                           | sk_live_abcdefghijklmnop1234",
            "stripe test   | pay rk_test_abcdefghijklmnop1234 ok                           | rk_test_abcdefghijklmnop1234",
            "proxy user    | curl --proxy-user bob:Xq9hunter2 http://x                     | Xq9hunter2",
            "basic auth    | httpx --basic-auth bob:Xq9hunter2 http://x                    | Xq9hunter2",
            "mariadb       | mariadb -u root -pXq9hunter2 shop                             | Xq9hunter2",
            "sshpass       | sshpass -p Xq9hunter2 ssh host                                | Xq9hunter2",
            "pgpass        | db.example:5432:shop:bob:Xq9hunter2                           | Xq9hunter2"})
    void secretsInEveryShortcutShapeAreStillRedacted(String shape, String text, String secret) {
        String redacted = Redactor.redact(text).text();
        assertThat(redacted).as(shape).doesNotContain(secret).contains("[REDACTED");
    }
}
