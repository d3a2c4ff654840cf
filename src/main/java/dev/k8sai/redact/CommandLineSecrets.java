package dev.k8sai.redact;

import java.util.regex.Pattern;

/**
 * Secrets in the shapes people paste as context: command lines, config files and credential files.
 * <ul>
 * <li>a secret-like long or short flag followed by its value as the next word (or the next line, as
 *     {@code describe} prints container args): {@code --db-password VALUE}, {@code -token VALUE};</li>
 * <li>XML elements and attributes named like secrets: {@code <password>x</password>},
 *     {@code <add key="DbPassword" value="x"/>}, {@code <property name="token" value="x"/>};</li>
 * <li>pgpass lines {@code host:port:database:user:password};</li>
 * <li>user:password after a user option ({@code curl -u user:x}, {@code --user=user:x});</li>
 * <li>a password glued to or following the short option of clients whose {@code -p}/{@code -a} means
 *     password ({@code mysql -pVALUE}, {@code sshpass -p x}, {@code redis-cli -a x}, {@code docker login -p x}).</li>
 * </ul>
 * ({@code --password=x}, {@code NAME=x} and {@code name: x} are the general rules of {@link Redactor}.)
 */
final class CommandLineSecrets {

    private static final String NAME = "[A-Za-z][A-Za-z0-9_.-]*+";
    private static final String VALUE = "(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"'&;|,<>]++)";

    /** A flag, then blanks or a line break (with optional YAML "- "), then a value that is not another flag. */
    private static final Pattern FLAG_VALUE = Pattern.compile(
            "(?<![A-Za-z0-9_.-])(--?)(" + NAME + ")([ \\t]+|[ \\t]*\\r?\\n[ \\t]*(?:-[ \\t]+)?)(?![-=])" + VALUE);
    private static final Pattern XML_ELEMENT = Pattern.compile("<(" + NAME + ")((?:\\s[^>]*)?)>([^<]*+)</\\1\\s*>");
    private static final Pattern XML_KEY_VALUE = Pattern.compile(
            "(\\b(?:key|name)\\s*=\\s*\")(" + NAME + ")(\"\\s+value\\s*=\\s*\")([^\"]*)(\")");
    /** hostname:port:database:username:password (port may be *); the password may hold escaped colons. */
    private static final Pattern PGPASS = Pattern.compile(
            "(?m)^([ \\t]*[A-Za-z0-9*_.\\[\\]-]++:(?:\\d{1,5}|\\*):[^:\\s]++:[^:\\s]++:)((?:\\\\:|[^\\s])++)[ \\t]*$");
    private static final Pattern USER_PASSWORD = Pattern.compile(
            "((?<![A-Za-z0-9_-])(?:-u|--user|--proxy-user|--basic-auth)(?:[ \\t]+|=|(?=[^\\s-]))[\"']?[^\\s:\"'/@]++:)([^\\s\"'@]++)");
    /** Clients whose short -p (mysql family: glued) or -a means a password. */
    private static final Pattern CLIENT_PASSWORD = Pattern.compile(
            "(\\b(?:mysql\\w*+|mariadb\\w*+)\\b[^\\n|;&]*?[ \\t]-p)([^\\s\"'|;&]++)"
                    + "|(\\b(?:sshpass|redis-cli|login)\\b[^\\n|;&]*?[ \\t]-[pa][ \\t]+)([^\\s\"'|;&-][^\\s\"'|;&]*+)");

    /** Literals one of which every USER_PASSWORD match holds ("--user" and "--proxy-user" hold "-u"). */
    private static final java.util.List<String> USER_OPTIONS = java.util.List.of("-u", "--basic-auth");
    /** Literals one of which every CLIENT_PASSWORD match holds. */
    private static final java.util.List<String> CLIENTS = java.util.List.of("mysql", "mariadb", "sshpass", "redis-cli", "login");

    /** Words that follow a flag's name in prose ("the --password flag is required"), not values. */
    private static final java.util.Set<String> PROSE = java.util.Set.of(
            "flag", "flags", "option", "options", "parameter", "argument", "is", "are", "was", "to", "and", "or", "the",
            "a", "an", "in", "of", "for", "with", "from", "not", "must", "should", "can", "will", "value", "instead");

    private CommandLineSecrets() {
    }

    /**
     * {@code named}: whether the text may hold a secret-looking name ({@link SecretNames#mayNameOne}); the
     * flag and XML rules redact only values of such names. The other rules run only when their literal
     * text is present.
     */
    static String redact(String text, Hits c, boolean named) {
        boolean blank = text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0;
        boolean colon = text.indexOf(':') >= 0;
        if (!blank && !colon && text.indexOf('<') < 0) {
            return text; // every shape below needs a blank, a colon or a tag
        }
        String s = text;
        s = !named || !blank || text.indexOf('-') < 0 ? s : Redactor.replace(s, FLAG_VALUE, m -> Redactor.secretValue(m.group(2), m.group(4)) && !m.group(4).startsWith("[")
                && !PROSE.contains(m.group(4).toLowerCase(java.util.Locale.ROOT).replaceAll("[.:!?)]+$", ""))
                ? m.group(1) + m.group(2) + m.group(3) + c.hit(Redactor.placeholder(SecretNames.label(m.group(2))), m.group(4))
                : m.group());
        s = !named || text.indexOf('<') < 0 ? s : Redactor.replace(s, XML_ELEMENT, m -> Redactor.secretValue(m.group(1), m.group(3))
                ? "<" + m.group(1) + m.group(2) + ">" + c.hit(Redactor.placeholder(SecretNames.label(m.group(1))), m.group(3))
                        + "</" + m.group(1) + ">"
                : m.group());
        s = !named || text.indexOf('<') < 0 && text.indexOf('=') < 0 ? s : Redactor.replace(s, XML_KEY_VALUE, m -> Redactor.secretValue(m.group(2), m.group(4))
                ? m.group(1) + m.group(2) + m.group(3) + c.hit(Redactor.placeholder(SecretNames.label(m.group(2))), m.group(4)) + m.group(5)
                : m.group());
        s = !colon || colons(s) < 4 ? s : Redactor.replace(s, PGPASS, m -> Redactor.alreadyRedacted(m.group(2)) ? m.group()
                : m.group(1) + c.hit(Redactor.placeholder("password"), m.group(2)));
        s = !colon || !Redactor.containsAny(s, USER_OPTIONS) ? s : Redactor.replace(s, USER_PASSWORD, m -> Redactor.alreadyRedacted(m.group(2)) ? m.group()
                : m.group(1) + c.hit(Redactor.placeholder("password"), m.group(2)));
        s = !blank || !Redactor.containsAny(s, CLIENTS) ? s : Redactor.replace(s, CLIENT_PASSWORD, m -> {
            String prefix = m.group(1) != null ? m.group(1) : m.group(3);
            String value = m.group(1) != null ? m.group(2) : m.group(4);
            return Redactor.alreadyRedacted(value) ? m.group() : prefix + c.hit(Redactor.placeholder("password"), value);
        });
        return s;
    }

    /** Every PGPASS line holds four colons at least. */
    private static int colons(String s) {
        int n = 0;
        for (int i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) {
            n++;
        }
        return n;
    }
}
