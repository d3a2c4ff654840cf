package dev.k8sai.testing.cluster;

/** What a finished process printed. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
