package dev.k8sai.config;

/**
 * What a profile's tokens cost, per million (the unit providers quote prices in; any currency, the
 * page shows the number as it is). Both nullable: a profile without prices shows no cost.
 */
public record TokenPrice(Double inputPerMillion, Double outputPerMillion) {

    public static final TokenPrice NONE = new TokenPrice(null, null);

    public boolean known() {
        return inputPerMillion != null || outputPerMillion != null;
    }

    /** The cost of {@code input} prompt and {@code output} reply tokens; null when no price is configured. */
    public Double cost(long input, long output) {
        if (!known()) {
            return null;
        }
        double in = inputPerMillion == null ? 0 : inputPerMillion;
        double out = outputPerMillion == null ? 0 : outputPerMillion;
        return (input * in + output * out) / 1_000_000d;
    }
}
