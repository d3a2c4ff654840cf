package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "* * * * *", "0 2 * * *", "*/15 9-17 * * 1-5", "0 0 1 JAN *", "30 4 1,15 * sun,Wed",
            "5/10 * * * *", "0-30/5 * * * *", "0 0 ? * MON", "0 12 31 dec sat",
            "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually",
            "@every 1h30m", "@every 90s", "@every 1.5h",
            "TZ=Europe/Berlin 0 2 * * *", "CRON_TZ=America/New_York 0 9 * * 1-5", "TZ=UTC @daily",
            "  0 2 * * *  "})
    void valid(String schedule) {
        assertThat(CronSchedule.problem(schedule)).as(schedule).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            */5 * * *            | expected 5 fields (minute hour day-of-month month day-of-week), found 4
            0 0 0 * * *          | expected 5 fields (minute hour day-of-month month day-of-week), found 6
            60 * * * *           | minute field "60": 60 is above the maximum 59
            0 24 * * *           | hour field "24": 24 is above the maximum 23
            0 0 0 * *            | day of month field "0": 0 is below the minimum 1
            0 0 * 13 *           | month field "13": 13 is above the maximum 12
            0 0 * * 7            | day of week field "7": 7 is above the maximum 6
            0 0 * FOO *          | month field "FOO": "FOO" is not a valid value
            */0 * * * *          | minute field "*/0": step must be positive
            */x * * * *          | minute field "*/x": step x is not a number
            1/2/3 * * * *        | minute field "1/2/3": too many slashes in 1/2/3
            30-10 * * * *        | minute field "30-10": range 30-10 runs backwards
            1-2-3 * * * *        | minute field "1-2-3": too many hyphens in 1-2-3
            1,,2 * * * *         | minute field "1,,2": empty list element
            @fortnightly         | unknown descriptor @fortnightly
            @every tomorrow      | @every needs a duration such as 1h30m, not "tomorrow"
            TZ=Mars/Olympus 0 * * * * | unknown time zone Mars/Olympus
            TZ=Europe/Berlin     | nothing follows the time zone prefix
            """)
    void invalid(String schedule, String problem) {
        assertThat(CronSchedule.problem(schedule)).contains(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void empty(String schedule) {
        assertThat(CronSchedule.problem(schedule)).contains("the schedule is empty");
    }
}
