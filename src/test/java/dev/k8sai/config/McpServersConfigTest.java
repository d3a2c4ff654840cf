package dev.k8sai.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mcpServers: in config.yaml (issue 14): parsed, validated with one clear line, secrets masked in 'config view'. */
class McpServersConfigTest {

    @TempDir
    Path tmp;

    private AgentConfig load(String yaml) throws Exception {
        Path file = tmp.resolve("config.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void stdioAndHttpServersWithAllowListAndEnabledFlag() throws Exception {
        AgentConfig c = load("""
                mcpServers:
                  prometheus: {command: npx, args: [-y, prometheus-mcp], env: {PROM_TOKEN: abcdefghijklmnop}, tools: [query]}
                  logs: {url: "https://logs.example.com/mcp", headers: {Authorization: Bearer abcdefghijklmnop}, enabled: false}
                """);
        assertThat(c.mcpServers()).containsOnlyKeys("prometheus", "logs");
        assertThat(c.mcpServers().get("prometheus").tools()).containsExactly("query");
        assertThat(c.mcpServers().get("prometheus").isEnabled()).isTrue();
        assertThat(c.mcpServers().get("logs").isEnabled()).isFalse();

        String view = ConfigView.render(c);
        assertThat(view).contains("mcpServers").contains("prometheus").contains("****mnop").doesNotContain("abcdefghijklmnop");
    }

    @Test
    void aServerIsEitherACommandOrAUrl() {
        assertThatThrownBy(() -> load("mcpServers:\n  both: {command: x, url: 'http://a/mcp'}\n"))
                .isInstanceOf(AgentException.class).hasMessageContaining("mcpServers.both").hasMessageContaining("either command");
        assertThatThrownBy(() -> load("mcpServers:\n  none: {enabled: true}\n"))
                .isInstanceOf(AgentException.class).hasMessageContaining("mcpServers.none");
        assertThatThrownBy(() -> load("mcpServers:\n  web: {url: 'ftp://a/mcp'}\n"))
                .isInstanceOf(AgentException.class).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> load("mcpServers:\n  'bad name': {command: x}\n"))
                .isInstanceOf(AgentException.class).hasMessageContaining("server name");
    }
}
