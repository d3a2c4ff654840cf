package dev.k8sai.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolSpec;
import dev.k8sai.tools.Observation;
import dev.k8sai.tools.ToolDefinition;
import dev.k8sai.tools.Toolbox;
import java.util.List;

/**
 * Offers every tool of a {@link Toolbox} (already compacting, redacting and guarding) to the agent:
 * the agent's parsed arguments and the model's call id go straight to the toolbox (no second parse,
 * no invented id), and the observation's refused/truncated/error flags come back whole.
 */
public final class ToolboxTools {

    private ToolboxTools() {
    }

    public static List<AgentTool> adapt(Toolbox toolbox) {
        return toolbox.definitions().stream().map(d -> (AgentTool) new Offered(toolbox, d)).toList();
    }

    private record Offered(Toolbox toolbox, ToolDefinition definition) implements AgentTool {
        @Override
        public ToolSpec spec() {
            return definition.toSpec();
        }

        @Override
        public ToolOutcome call(JsonNode arguments) {
            return call(null, arguments);
        }

        @Override
        public ToolOutcome call(String callId, JsonNode arguments) {
            Observation o = toolbox.invoke(callId, definition.name(), arguments);
            return new ToolOutcome(o.text(), o.refused(), o.truncated(), o.error());
        }
    }
}
