package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SpinnerListenerTest {

    @Test
    void spinnerDoesNotRestartOnceStreamedTextIsOnTheLine() throws Exception {
        StringWriter sink = new StringWriter();
        Spinner spinner = new Spinner(new PrintWriter(sink), "thinking…", true);
        AtomicBoolean printed = new AtomicBoolean(false);
        SpinnerListener listener = new SpinnerListener(spinner, printed::get, null);

        listener.beforeModelCall(1);
        Thread.sleep(50);
        spinner.stop();
        assertThat(sink.toString()).contains("thinking…");

        sink.getBuffer().setLength(0);
        printed.set(true);
        listener.beforeModelCall(2);
        Thread.sleep(150);
        spinner.stop();
        assertThat(sink.toString()).isEmpty();
    }
}
