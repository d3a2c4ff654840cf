package dev.k8sai.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified line diff. Hand-written because java-diff-utils is not in the dependency tree and manifests are small:
 * a plain LCS table (O(n·m)) is fast enough and avoids adding a dependency for one feature.
 */
final class LineDiff {

    private static final int CONTEXT = 3;
    /** Above this many table cells the diff degrades to "all removed, all added" rather than using much memory. */
    private static final long MAX_CELLS = 16_000_000L;

    private LineDiff() {
    }

    private record Edit(char op, String line, int oldLine, int newLine) { }

    /** A unified diff with headers, or "" when the texts are equal. */
    static String unified(String oldName, String oldText, String newName, String newText) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(e -> e.op == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while the next change is within 2*CONTEXT unchanged lines
            int j = i;
            while (j < edits.size()) {
                if (edits.get(j).op != ' ') {
                    end = j;
                    j++;
                    continue;
                }
                int k = j;
                while (k < edits.size() && edits.get(k).op == ' ') {
                    k++;
                }
                if (k < edits.size() && k - j <= 2 * CONTEXT) {
                    j = k;
                } else {
                    break;
                }
            }
            int stop = Math.min(edits.size(), end + CONTEXT + 1);
            List<Edit> hunk = edits.subList(start, stop);
            int oldStart = hunk.stream().filter(e -> e.op != '+').mapToInt(Edit::oldLine).findFirst().orElse(0);
            int newStart = hunk.stream().filter(e -> e.op != '-').mapToInt(Edit::newLine).findFirst().orElse(0);
            long oldCount = hunk.stream().filter(e -> e.op != '+').count();
            long newCount = hunk.stream().filter(e -> e.op != '-').count();
            out.append("@@ -").append(oldStart).append(',').append(oldCount)
                    .append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
            for (Edit e : hunk) {
                out.append(e.op).append(e.line).append('\n');
            }
            i = stop;
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\n", -1));
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> out = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Edit('-', a.get(i), i + 1, 0));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Edit('+', b.get(j), 0, j + 1));
            }
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                out.add(new Edit('+', b.get(j), i + 1, j + 1));
                j++;
            } else {
                out.add(new Edit('-', a.get(i), i + 1, j + 1));
                i++;
            }
        }
        return out;
    }
}
