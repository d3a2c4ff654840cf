package dev.k8sai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCategoryTest {

    @Test
    void oneTableGivesExitCodesAndHttpStatuses() {
        assertThat(ErrorCategory.USAGE.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorCategory.USAGE.httpStatus()).isEqualTo(400);
        assertThat(ErrorCategory.CLUSTER.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorCategory.LLM.exitCode()).isEqualTo(ExitCodes.LLM);
        assertThat(ErrorCategory.REFUSED.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(ErrorCategory.INTERNAL.httpStatus()).isEqualTo(500);
    }

    @Test
    void exceptionsRaisedWithAnExitCodeGetItsCategory() {
        assertThat(new AgentException(ExitCodes.LLM, "x").category()).isEqualTo(ErrorCategory.LLM);
        assertThat(new AgentException(ExitCodes.REFUSED, "x").exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(new AgentException(ErrorCategory.CONFIG, "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void cancellationRunsHooksOnceAndThenThrows() {
        CancellationToken token = new CancellationToken();
        int[] ran = {0};
        try (var r = token.onCancel(() -> ran[0]++)) {
            token.cancel();
            token.cancel();
        }
        assertThat(ran[0]).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(token::throwIfCancelled)
                .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CANCELLED));
    }
}
