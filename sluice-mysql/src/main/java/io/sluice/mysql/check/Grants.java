package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges of the connected user, read from the lines {@code SHOW GRANTS} prints on MySQL
 * and MariaDB (including MariaDB's {@code TO PUBLIC} grants it lists with them), answering
 * "may the user do X on this database or table". Global ({@code *.*}), database ({@code db.*}, with
 * the {@code _}/{@code %} wildcards MySQL allows there) and table grants count; column grants,
 * routine grants and privileges that only an inactive role holds do not. Parsed by hand because
 * neither driver exposes grants, and the lines are regular enough: {@code GRANT privs ON object TO
 * grantee ...}.
 */
final class Grants {
    private static final String IDENTIFIER = "(?:`(?:[^`]|``)*`|[^\\s.`]+)";
    private static final Pattern GRANT = Pattern.compile(
            "^GRANT\\s+(.+?)\\s+ON\\s+(?:(TABLE|FUNCTION|PROCEDURE|PACKAGE BODY|PACKAGE)\\s+)?(" + IDENTIFIER + "|\\*)(?:\\.(" + IDENTIFIER + "|\\*))?\\s+TO\\s",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final String ALL = "ALL PRIVILEGES";

    private final List<Grant> grants;
    private final boolean caseSensitiveNames;

    private record Grant(Set<String> privileges, String database, String table) {
        boolean global() {
            return database == null;
        }
    }

    private Grants(List<Grant> grants, boolean caseSensitiveNames) {
        this.grants = List.copyOf(grants);
        this.caseSensitiveNames = caseSensitiveNames;
    }

    /**
     * @param lines the output of {@code SHOW GRANTS}, one grant per element
     * @param caseSensitiveNames whether database and table names compare with case ({@code lower_case_table_names=0})
     */
    static Grants parse(List<String> lines, boolean caseSensitiveNames) {
        List<Grant> grants = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = GRANT.matcher(requireNonNull(line, "line is null").strip());
            if (!matcher.find() || matcher.group(2) != null) {
                // role grants ("GRANT role TO user"), PROXY and routine grants give no table privileges
                continue;
            }
            Set<String> privileges = privileges(matcher.group(1));
            if (privileges.contains("PROXY")) {
                continue;
            }
            String first = matcher.group(3);
            String second = matcher.group(4);
            if (second == null) {
                // "ON *" or "ON name" means the default database, which SHOW GRANTS never prints
                continue;
            }
            if (first.equals("*")) {
                grants.add(new Grant(privileges, null, null));
            }
            else {
                grants.add(new Grant(privileges, unquote(first), second.equals("*") ? null : unquote(second)));
            }
        }
        return new Grants(grants, caseSensitiveNames);
    }

    /** Whether the user holds the privilege on every database (a global grant, or ALL PRIVILEGES on {@code *.*}). */
    boolean global(String privilege) {
        return grants.stream().anyMatch(grant -> grant.global() && holds(grant, privilege));
    }

    /** Whether the user holds the privilege on every table of the database (global or database grant). */
    boolean onDatabase(String privilege, String database) {
        return grants.stream().anyMatch(grant -> holds(grant, privilege)
                && (grant.global() || (grant.table() == null && databaseMatches(grant.database(), database))));
    }

    /** Whether the user holds the privilege on the table (global, database or table grant). */
    boolean onTable(String privilege, String database, String table) {
        return onDatabase(privilege, database) || grants.stream().anyMatch(grant -> grant.table() != null && holds(grant, privilege)
                && namesEqual(grant.database(), database) && namesEqual(grant.table(), table));
    }

    private static boolean holds(Grant grant, String privilege) {
        return grant.privileges().contains(ALL) || grant.privileges().contains(privilege);
    }

    private boolean namesEqual(String a, String b) {
        return caseSensitiveNames ? a.equals(b) : a.equalsIgnoreCase(b);
    }

    /** Database grants may use {@code _} and {@code %} as wildcards; {@code \_} and {@code \%} are literal. */
    private boolean databaseMatches(String pattern, String database) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            }
            else if (c == '_') {
                regex.append('.');
            }
            else if (c == '%') {
                regex.append(".*");
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = caseSensitiveNames ? Pattern.DOTALL : Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return Pattern.compile(regex.toString(), flags).matcher(database).matches();
    }

    /** The privilege names of a grant, upper case; column privileges ({@code SELECT (a)}) are left out. */
    private static Set<String> privileges(String list) {
        Set<String> privileges = new LinkedHashSet<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '`') {
                quoted = !quoted;
            }
            else if (!quoted && c == '(') {
                depth++;
            }
            else if (!quoted && c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0 && !quoted) {
                String privilege = current.toString().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
                if (!privilege.isEmpty() && privilege.indexOf('(') < 0) {
                    privileges.add(privilege.equals("ALL") ? ALL : privilege);
                }
                current.setLength(0);
            }
            else {
                current.append(c);
            }
        }
        return privileges;
    }

    private static String unquote(String identifier) {
        String name = identifier.startsWith("`") ? identifier.substring(1, identifier.length() - 1).replace("``", "`") : identifier;
        // MariaDB prints the backslash of an escaped wildcard doubled (`test\\_%`), MySQL does not
        return name.replace("\\\\", "\\");
    }
}
