package dev.k8sai.cli;

import dev.k8sai.kubectl.ShownArgv;

/**
 * Text that came from the model or the cluster, made safe to write to a terminal: control and format
 * characters (ESC and with it every CSI/OSC sequence such as OSC 52, which writes the clipboard; CR; C1
 * CSI; bidi overrides) are shown as {@code \}{@code uXXXX} escapes, never interpreted. Newlines and tabs
 * stay. Our own colour codes are added after this, so they still work.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String shown(String text) {
        return text == null ? null : ShownArgv.visible(text, true);
    }
}
