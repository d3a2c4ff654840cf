package dev.k8sai.server.http;

/** A request the server answers with this status and a one-line message (JSON {@code {"error": …}}). */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }
}
