package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.config.ProviderType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CLI shuts its provider clients down before it exits: their selector threads would hold the exit. */
class ProviderClientShutdownTest {

    @Test
    void shuttingDownEndsTheSelectorThreadsOfTheClientsBuilt() throws Exception {
        Set<Thread> before = selectorThreads();
        LlmClients.create(LlmClientsTest.profile(ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "qwen-plus", "sk-test", 0));
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started).as("the provider client's selector threads").isNotEmpty();
        LlmClients.shutDownAll();
        for (Thread t : started) {
            t.join(2_000);
            assertThat(t.isAlive()).as(t.getName() + " after shutting down").isFalse();
        }
    }

    private static Set<Thread> selectorThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(t -> !t.getName().matches("HttpClient-\\d+-SelectorManager"));
        return threads;
    }
}
