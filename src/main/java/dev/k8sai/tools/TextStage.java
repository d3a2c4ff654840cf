package dev.k8sai.tools;

/**
 * One in-process pipeline stage (jq, grep, sort, ...): text in, text out. Errors are thrown as
 * {@link StageException} with a message for the model.
 */
@FunctionalInterface
public interface TextStage {

    String apply(String input);

    /** A stage that failed on its input (bad jq filter, non-JSON input...). */
    final class StageException extends RuntimeException {
        public StageException(String message) {
            super(message, null, false, false);
        }
    }
}
