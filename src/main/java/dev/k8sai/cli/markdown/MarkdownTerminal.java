package dev.k8sai.cli.markdown;

import dev.k8sai.cli.TerminalText;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * The model's Markdown answer for a terminal: parsed by commonmark-java (with GFM tables), rendered as
 * styled text — headings bold, lists with bullets and numbers, tables in aligned columns, code indented
 * and coloured. commonmark-java renders HTML and plain text only, so this walk over its tree is ours.
 * Every piece of the model's text is escaped ({@link TerminalText}) before our own styles are added, so
 * no control sequence from the model reaches the terminal.
 */
public final class MarkdownTerminal {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final Style style;

    /** {@code color}: ANSI styles; without, the same layout in plain characters. */
    public MarkdownTerminal(boolean color) {
        this.style = new Style(color);
    }

    /** The rendered text, lines joined by newlines, without a final newline. */
    public String render(String markdown) {
        return String.join("\n", blocks(PARSER.parse(markdown), true));
    }

    /** The lines of a container's child blocks; {@code spaced}: a blank line between blocks. */
    private List<String> blocks(Node parent, boolean spaced) {
        List<String> lines = new ArrayList<>();
        for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            List<String> rendered = block(block);
            if (rendered.isEmpty()) {
                continue;
            }
            if (spaced && !lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(rendered);
        }
        return lines;
    }

    private List<String> block(Node block) {
        return switch (block) {
            case Paragraph p -> inline(p).lines().toList();
            case Heading h -> heading(h);
            case BlockQuote q -> prefixed(blocks(q, true), style.dim("│ "), style.dim("│ "));
            case ListBlock list -> list(list);
            case FencedCodeBlock f -> code(f.getLiteral());
            case IndentedCodeBlock i -> code(i.getLiteral());
            case ThematicBreak t -> List.of(style.dim("─".repeat(40)));
            case HtmlBlock html -> TerminalText.shown(html.getLiteral().stripTrailing()).lines().toList();
            case TableBlock table -> table(table);
            case LinkReferenceDefinition d -> List.of();
            default -> blocks(block, true);
        };
    }

    private List<String> heading(Heading h) {
        String text = inline(h);
        if (style.color()) {
            return List.of(h.getLevel() == 1 ? style.underline(style.bold(text)) : style.bold(text));
        }
        // Without styles the two top levels keep Markdown's own underline, which reads as a heading anywhere.
        return h.getLevel() > 2 ? List.of(text)
                : List.of(text, (h.getLevel() == 1 ? "=" : "-").repeat(Math.max(3, Style.width(text))));
    }

    private List<String> list(ListBlock list) {
        List<String> lines = new ArrayList<>();
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        String delimiter = list instanceof OrderedList o && o.getMarkerDelimiter() != null ? o.getMarkerDelimiter() : ".";
        int last = number + count(list) - 1;
        int markerWidth = list instanceof OrderedList ? String.valueOf(last).length() + delimiter.length() + 1 : 2;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? String.format("%" + (markerWidth - 1) + "s ", number++ + delimiter) : "• ";
            if (!list.isTight() && !lines.isEmpty()) {
                lines.add("");
            }
            List<String> body = blocks(item, !list.isTight());
            lines.addAll(prefixed(body.isEmpty() ? List.of("") : body, marker, " ".repeat(markerWidth)));
        }
        return lines;
    }

    private static int count(Node parent) {
        int n = 0;
        for (Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
            n++;
        }
        return n;
    }

    private List<String> code(String literal) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        return text.lines().map(l -> "    " + style.code(TerminalText.shown(l))).toList();
    }

    private List<String> table(TableBlock table) {
        List<TableLayout.Cell> header = new ArrayList<>();
        List<List<TableLayout.Cell>> rows = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                List<TableLayout.Cell> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell c) {
                        cells.add(new TableLayout.Cell(inline(c).replace('\n', ' '), c.getAlignment()));
                    }
                }
                if (section instanceof TableHead) {
                    header = cells;
                } else if (section instanceof TableBody) {
                    rows.add(cells);
                }
            }
        }
        return TableLayout.lines(header, rows, style);
    }

    private static List<String> prefixed(List<String> lines, String first, String rest) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            out.add(line.isEmpty() && i > 0 ? rest.stripTrailing() : (i == 0 ? first : rest) + line);
        }
        return out;
    }

    /** The inline children of {@code parent} as one styled string (hard breaks as newlines). */
    private String inline(Node parent) {
        StringBuilder out = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            out.append(switch (n) {
                case Text t -> TerminalText.shown(t.getLiteral());
                case Code c -> style.code(TerminalText.shown(c.getLiteral()));
                case Emphasis e -> style.italic(inline(e));
                case StrongEmphasis s -> style.bold(inline(s));
                case Link l -> link(inline(l), l.getDestination());
                case Image i -> "[" + inline(i) + "]";
                case SoftLineBreak s -> " ";
                case HardLineBreak h -> "\n";
                case HtmlInline h -> TerminalText.shown(h.getLiteral());
                default -> inline(n);
            });
        }
        return out.toString();
    }

    private String link(String text, String destination) {
        String target = TerminalText.shown(destination == null ? "" : destination);
        return target.isEmpty() || target.equals(text) ? style.underline(text) : style.underline(text) + " (" + target + ")";
    }
}
