package dev.k8sai.cli;

import dev.k8sai.app.DryRun;
import dev.k8sai.llm.PromptPreview;
import dev.k8sai.llm.TokenCounter;
import java.io.PrintWriter;

/** --dry-run: prints every request exactly as it would be sent, then the total token estimate. */
final class DryRunPrinter {

    private DryRunPrinter() {
    }

    static void print(DryRun dryRun, PrintWriter out) {
        var requests = dryRun.requests();
        var profile = dryRun.profile();
        TokenCounter counter = TokenCounter.forModel(profile.model());
        int total = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.size() > 1) {
                out.println("##### request " + (i + 1) + " of " + requests.size());
            }
            out.print(PromptPreview.render(requests.get(i), profile.model()));
            total += counter.count(requests.get(i));
        }
        out.println("dry run: " + requests.size() + " request(s) to " + profile.name() + " (model " + profile.model()
                + "), estimated input tokens in total: " + total + " (" + counter.encodingName() + "); nothing was sent.");
        out.flush();
    }
}
