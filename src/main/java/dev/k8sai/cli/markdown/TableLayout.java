package dev.k8sai.cli.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableCell;

/** A GFM table laid out in aligned columns, kubectl-style, with box-drawing rules between them. */
final class TableLayout {

    private TableLayout() {
    }

    /** One cell's rendered (escaped, styled) text and its column alignment. */
    record Cell(String text, TableCell.Alignment alignment) {
    }

    /** {@code header} may be empty; rows may be ragged (GFM pads them, but be safe). */
    static List<String> lines(List<Cell> header, List<List<Cell>> rows, Style style) {
        int columns = header.size();
        for (List<Cell> row : rows) {
            columns = Math.max(columns, row.size());
        }
        int[] widths = new int[columns];
        List<List<Cell>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<Cell> row : all) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], Style.width(row.get(c).text()));
            }
        }
        List<String> out = new ArrayList<>();
        if (!header.isEmpty()) {
            out.add(row(header, widths, style, true));
            StringBuilder rule = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                // under " │ " between cells: one rule character each side of the cross
                int sides = (c == 0 ? 0 : 1) + (c == columns - 1 ? 0 : 1);
                rule.append(c == 0 ? "" : "┼").append("─".repeat(widths[c] + sides));
            }
            out.add(style.dim(rule.toString()));
        }
        rows.forEach(r -> out.add(row(r, widths, style, false)));
        return out;
    }

    private static String row(List<Cell> cells, int[] widths, Style style, boolean header) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            Cell cell = c < cells.size() ? cells.get(c) : new Cell("", null);
            String text = header ? style.bold(cell.text()) : cell.text();
            int pad = widths[c] - Style.width(cell.text());
            String padded = cell.alignment() == TableCell.Alignment.RIGHT ? " ".repeat(pad) + text
                    : cell.alignment() == TableCell.Alignment.CENTER ? " ".repeat(pad / 2) + text + " ".repeat(pad - pad / 2)
                    : text + " ".repeat(pad);
            line.append(c == 0 ? "" : " " + style.dim("│") + " ").append(padded);
        }
        return line.toString().stripTrailing();
    }
}
