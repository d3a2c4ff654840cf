package dev.k8sai.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolSpec;
import dev.k8sai.tools.Observation;
import dev.k8sai.tools.ToolDefinition;
import dev.k8sai.tools.ToolInvocation;
import dev.k8sai.tools.Toolbox;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Offers every tool of a {@link Toolbox} (already compacting, redacting and guarding) to the agent. */
public final class ToolboxTools {

    private ToolboxTools() {
    }

    public static List<AgentTool> adapt(Toolbox toolbox) {
        AtomicInteger calls = new AtomicInteger();
        return toolbox.definitions().stream().map(d -> (AgentTool) new Adapter(toolbox, d, calls)).toList();
    }

    private record Adapter(Toolbox toolbox, ToolDefinition definition, AtomicInteger calls) implements AgentTool {
        @Override
        public ToolSpec spec() {
            return definition.toSpec();
        }

        @Override
        public ToolOutcome call(JsonNode arguments) {
            Observation o = toolbox.invoke(new ToolInvocation("call-" + calls.incrementAndGet(), definition.name(),
                    arguments.toString()));
            return new ToolOutcome(o.text(), o.refused());
        }
    }
}
