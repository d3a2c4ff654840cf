package dev.k8sai.agent;

import dev.k8sai.llm.output.ThinkBlocks;
import java.util.function.Consumer;

/**
 * Streams a native-mode reply to the user, except when it turns out to be a tool call written as text
 * ({"name": …, "arguments": …}, small local models do this): a reply whose visible text starts with
 * '{' or a code fence is held back until it ends, then shown only if it was not an action.
 */
final class ActionHoldBack implements Consumer<String> {

    private final Consumer<String> sink;
    private final StringBuilder held = new StringBuilder();
    private Boolean passing;

    ActionHoldBack(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void accept(String fragment) {
        if (Boolean.TRUE.equals(passing)) {
            sink.accept(fragment);
            return;
        }
        held.append(fragment);
        if (passing == null) {
            String visible = ThinkBlocks.split(held.toString()).visible().stripLeading();
            if (visible.isEmpty()) {
                return;
            }
            passing = !(visible.startsWith("{") || visible.startsWith("`"));
            if (passing) {
                sink.accept(held.toString());
                held.setLength(0);
            }
        }
    }

    /** Ends the reply: held text is shown unless it was an action the agent will run. */
    void finish(boolean wasAction) {
        if (!wasAction && !held.isEmpty()) {
            sink.accept(held.toString());
        }
        held.setLength(0);
        passing = null;
    }
}
