package dev.k8sai.cli;

import java.util.List;
import java.util.Map;

/**
 * The examples shown at the end of each command's help, keyed by the command's path without the root
 * name. Kept in one table (not in each command's annotation) so they read as a set and a test can
 * check that every command has some.
 */
final class CommandExamples {

    private static final String ROOT = "k8s-ai-agent";

    /** kubectl's layout: a "# what it does" line, then the command; each line fits the 80-column help. */
    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("", List.of(
                    "# What is broken, in every namespace",
                    "k8s-ai-agent analyze -A",
                    "# Security audit of one namespace",
                    "k8s-ai-agent audit -n shop --level baseline",
                    "# One command's help",
                    "k8s-ai-agent help analyze")),
            Map.entry("analyze", List.of(
                    "# The live cluster, one namespace, two analyzers",
                    "k8s-ai-agent analyze -n shop --filter pod,service",
                    "# A saved snapshot, as JSON findings",
                    "k8s-ai-agent analyze -f examples/broken-shop.yaml -o json",
                    "# Straight from kubectl",
                    "kubectl get all -A -o yaml | k8s-ai-agent analyze -f -",
                    "# Cause and fix from the model, object names masked",
                    "k8s-ai-agent analyze -n shop --explain --anonymize")),
            Map.entry("audit", List.of(
                    "# Pod Security restricted, RBAC and misconfigurations, everywhere",
                    "k8s-ai-agent audit -A",
                    "# Manifests before they are applied",
                    "k8s-ai-agent audit -f manifests.yaml --level baseline",
                    "# With image CVEs (trivy), as SARIF for code scanning",
                    "k8s-ai-agent audit -n shop --scan-images -o sarif > audit.sarif")),
            Map.entry("diagnose", List.of(
                    "k8s-ai-agent diagnose pod/web-7d4b9 -n shop",
                    "# Keep every step",
                    "k8s-ai-agent diagnose deployment/payments -n shop --transcript steps.json",
                    "# Show the prompt and token estimate, send nothing",
                    "k8s-ai-agent --dry-run diagnose pod/web-7d4b9")),
            Map.entry("generate", List.of(
                    "k8s-ai-agent generate -n cache \"a redis deployment with 3 replicas\"",
                    "# Prompt from a file; save the manifests, apply nothing",
                    "k8s-ai-agent generate -f prompt.txt --save out.yaml --read-only")),
            Map.entry("execute", List.of(
                    "k8s-ai-agent execute \"how many pods are not running in shop?\"",
                    "# Refused: a change in read-only mode",
                    "k8s-ai-agent execute --read-only \"scale web to 3 replicas\"",
                    "# A conversation",
                    "k8s-ai-agent execute -i")),
            Map.entry("chat", List.of(
                    "k8s-ai-agent chat",
                    "k8s-ai-agent chat -n shop \"why is checkout slow?\"")),
            Map.entry("models", List.of(
                    "k8s-ai-agent models",
                    "k8s-ai-agent models --provider ollama")),
            Map.entry("serve", List.of(
                    "# On this machine only, for trying it out",
                    "k8s-ai-agent serve --insecure-no-auth",
                    "# For a team: TLS, local users, approvals, an audit log",
                    "k8s-ai-agent serve --listen 0.0.0.0:8443 --tls-cert tls.crt \\",
                    "  --tls-key tls.key --jwt-secret-file jwt.key \\",
                    "  --users-file users.yaml --allow-writes --audit-log audit.jsonl")),
            Map.entry("mcp", List.of(
                    "# Read-only tools for an MCP client (stdio)",
                    "k8s-ai-agent mcp",
                    "# Changes allowed, each confirmed through MCP elicitation",
                    "k8s-ai-agent mcp --allow-writes")),
            Map.entry("config", List.of(
                    "k8s-ai-agent config view",
                    "k8s-ai-agent config set profiles.qwen.model qwen-max")),
            Map.entry("config view", List.of("k8s-ai-agent config view")),
            Map.entry("config set", List.of(
                    "k8s-ai-agent config set defaults.language de",
                    "k8s-ai-agent config set profiles.qwen.model qwen-max")),
            Map.entry("config use-profile", List.of("k8s-ai-agent config use-profile qwen")),
            Map.entry("config path", List.of("k8s-ai-agent config path")),
            Map.entry("version", List.of("k8s-ai-agent version")),
            Map.entry("completion", List.of(
                    "# bash, this shell",
                    "source <(k8s-ai-agent completion bash)",
                    "# zsh (in ~/.zshrc)",
                    "source <(k8s-ai-agent completion zsh)",
                    "# fish",
                    "k8s-ai-agent completion fish > ~/.config/fish/completions/k8s-ai-agent.fish")),
            Map.entry("help", List.of(
                    "k8s-ai-agent help",
                    "k8s-ai-agent help analyze")));

    private CommandExamples() {
    }

    /** Examples for a command given by its qualified name ("k8s-ai-agent config set"); empty when none. */
    static List<String> of(String qualifiedName) {
        String key = qualifiedName.equals(ROOT) ? "" : qualifiedName.substring(ROOT.length() + 1);
        return EXAMPLES.getOrDefault(key, List.of());
    }
}
