package dev.k8sai.analyze;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a CronJob schedule the way the CronJob controller reads it (Go robfig/cron v3
 * {@code ParseStandard}): an optional {@code TZ=zone} or {@code CRON_TZ=zone} prefix, then either a
 * descriptor ({@code @yearly @annually @monthly @weekly @daily @midnight @hourly}, {@code @every
 * <Go duration>}) or exactly five fields — minute (0-59), hour (0-23), day of month (1-31), month
 * (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT) — each a comma list of {@code *}, {@code ?},
 * {@code n}, {@code a-b}, optionally {@code /step}.
 *
 * <p>Hand-written because no cron library is in the stack (picocli, fabric8, LangChain4j, Jackson
 * carry none), and the popular Java ones (Quartz, cron-utils) default to other dialects (Quartz has
 * seconds and rejects {@code *} in both day fields), so they would disagree with the controller.
 * Only validity matters here, never next-fire times, which keeps this small.
 */
final class CronSchedule {

    private static final List<String> DESCRIPTORS =
            List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    /** Go's time.ParseDuration syntax, e.g. "1h30m", "90s", "1.5h". */
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))*");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private record Field(String name, int min, int max, List<String> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, MONTHS),
            new Field("day of week", 0, 6, DAYS));

    private CronSchedule() {
    }

    /** Why the schedule does not parse, or empty when it is valid. */
    static Optional<String> problem(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return Optional.of("the schedule is empty");
        }
        String rest = schedule.strip();
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = firstSpace(rest);
            if (space < 0) {
                return Optional.of("nothing follows the time zone prefix");
            }
            String zone = rest.substring(rest.indexOf('=') + 1, space);
            Optional<String> zoneProblem = zoneProblem(zone);
            if (zoneProblem.isPresent()) {
                return zoneProblem;
            }
            rest = rest.substring(space).strip();
        }
        if (rest.startsWith("@")) {
            return descriptor(rest);
        }
        String[] fields = rest.split("\\s+");
        if (fields.length != FIELDS.size()) {
            return Optional.of("expected 5 fields (minute hour day-of-month month day-of-week), found " + fields.length);
        }
        for (int i = 0; i < fields.length; i++) {
            Optional<String> p = field(fields[i], FIELDS.get(i));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The zone of a {@code TZ=}/{@code CRON_TZ=} prefix, when the schedule has one followed by a field. */
    static Optional<String> prefixZone(String schedule) {
        String rest = schedule == null ? "" : schedule.strip();
        if (!rest.startsWith("TZ=") && !rest.startsWith("CRON_TZ=")) {
            return Optional.empty();
        }
        int space = firstSpace(rest);
        return space < 0 ? Optional.empty() : Optional.of(rest.substring(rest.indexOf('=') + 1, space));
    }

    /** Unknown IANA zone names; Go's time.LoadLocation also accepts "UTC" and "Local". */
    static Optional<String> zoneProblem(String zone) {
        if (zone.isEmpty()) {
            return Optional.of("the time zone is empty");
        }
        if (zone.equals("Local") || zone.equals("UTC")) {
            return Optional.empty();
        }
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("unknown time zone " + zone);
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> descriptor(String text) {
        if (DESCRIPTORS.contains(text)) {
            return Optional.empty();
        }
        if (text.startsWith("@every ")) {
            String duration = text.substring("@every ".length()).strip();
            return GO_DURATION.matcher(duration).matches() ? Optional.empty()
                    : Optional.of("@every needs a duration such as 1h30m, not \"" + duration + "\"");
        }
        return Optional.of("unknown descriptor " + text.split("\\s+")[0]);
    }

    private static Optional<String> field(String text, Field f) {
        for (String item : text.split(",", -1)) {
            Optional<String> p = item(item, f);
            if (p.isPresent()) {
                return Optional.of(f.name() + " field \"" + text + "\": " + p.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> item(String item, Field f) {
        if (item.isEmpty()) {
            return Optional.of("empty list element");
        }
        String[] stepParts = item.split("/", -1);
        if (stepParts.length > 2) {
            return Optional.of("too many slashes in " + item);
        }
        String range = stepParts[0];
        if (stepParts.length == 2) {
            if (!NUMBER.matcher(stepParts[1]).matches()) {
                return Optional.of("step " + stepParts[1] + " is not a number");
            }
            if (Long.parseLong(stepParts[1]) == 0) {
                return Optional.of("step must be positive");
            }
        }
        if (range.equals("*") || range.equals("?")) {
            return Optional.empty();
        }
        String[] bounds = range.split("-", -1);
        if (bounds.length > 2) {
            return Optional.of("too many hyphens in " + range);
        }
        int start;
        int end;
        try {
            start = value(bounds[0], f);
            end = bounds.length == 2 ? value(bounds[1], f) : start;
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (start < f.min()) {
            return Optional.of(start + " is below the minimum " + f.min());
        }
        if (end > f.max()) {
            return Optional.of(end + " is above the maximum " + f.max());
        }
        if (start > end) {
            return Optional.of("range " + range + " runs backwards");
        }
        return Optional.empty();
    }

    private static int value(String token, Field f) {
        int named = f.names().indexOf(token.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + f.min();
        }
        if (!NUMBER.matcher(token).matches() || token.length() > 9) {
            throw new IllegalArgumentException("\"" + token + "\" is not a valid value");
        }
        return Integer.parseInt(token);
    }
}
