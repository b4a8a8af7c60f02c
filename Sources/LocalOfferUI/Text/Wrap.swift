import Foundation
import LocalOfferCore

/// Word wrapping by display width (the same widths the cell buffer uses).
public enum Wrap {
    /// What to do with a word longer than the line.
    public enum LongWords: Sendable {
        /// Break it (after a `/` where one fits), every character kept: a cell grid cuts at its edge.
        case split
        /// Keep it whole on a line of its own: a stream (pipe, `--plain`, a screen reader) lets
        /// the terminal fold it, and a web address or a word stays one piece to copy or to hear.
        case keepWhole
    }

    /// The policy for the task: the screen splits; the CLI and plain mode run inside
    /// `Wrap.$longWords.withValue(.keepWhole)`, so every layout they reach (an entry's text, a
    /// flow's help) keeps words whole without passing it down.
    @TaskLocal public static var longWords: LongWords = .split

    /// Content is written in YAML blocks whose line breaks are the editor's, not the reader's: a
    /// single newline joins, a blank line starts a paragraph, and list items keep their own lines.
    public static func paragraphs(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let isItem = line.hasPrefix("- ") || line.hasPrefix("• ") || line.hasPrefix("* ") || (line.first.flatMap(Chars.asciiDigit) != nil && line.dropFirst().hasPrefix(". "))
            if line.isEmpty {
                if !current.isEmpty { out.append(current); current = "" }
                if out.last?.isEmpty == false { out.append("") }
            } else if isItem || current.isEmpty {
                if !current.isEmpty { out.append(current) }
                current = line
            } else {
                current += " " + line
            }
        }
        if !current.isEmpty { out.append(current) }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    /// Wraps at spaces, measuring what the buffer will draw, so no line is wider than `width` and
    /// no character is ever lost at the edge. A word longer than the line (a web address) breaks
    /// after a `/`, or, when it has none, at the edge, with every character kept; with
    /// `.keepWhole` it stays whole on its own line instead (the one line allowed to be wider).
    public static func lines(_ text: String, width: Int, longWords: LongWords = Wrap.longWords) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in paragraphs(text) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let w = String(word)
                let ww = DisplayWidth.cells(w)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { out.append(line) }
                if ww <= width || longWords == .keepWhole {
                    line = w
                    lineWidth = ww
                    continue
                }
                let pieces = breakWord(w, width: width)
                out += pieces.dropLast()
                line = pieces.last ?? ""
                lineWidth = DisplayWidth.cells(line)
            }
            out.append(line)
        }
        return out
    }

    /// Pieces of a word too long for the line: each ends after a `/` where one fits, otherwise
    /// at the edge. Together they are the word, character for character.
    public static func breakWord(_ word: String, width: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(word)
        while DisplayWidth.cells(String(rest)) > width {
            var used = 0
            var end = rest.startIndex
            var lastSlash: String.Index?
            while end < rest.endIndex {
                let w = DisplayWidth.of(DisplayWidth.sanitize(rest[end]))
                if used + w > width { break }
                used += w
                let c = rest[end]
                end = rest.index(after: end)
                if c == "/" && end < rest.endIndex { lastSlash = end }
            }
            if end == rest.startIndex { end = rest.index(after: end) }  // a character wider than the line
            let cut = lastSlash.map { $0 > rest.startIndex ? $0 : end } ?? end
            pieces.append(String(rest[..<cut]))
            rest = rest[cut...]
        }
        pieces.append(String(rest))
        return pieces
    }

    /// `text` wrapped, then a tag such as `[speech-and-language-therapy]` that is never cut or
    /// split: after two spaces on the last line where it fits, else on a line of its own (under
    /// `hanging`), whole even when it is wider than the line.
    public static func tagged(_ text: String, tag: String, width: Int, prefix: String = "", hanging: String? = nil) -> [String] {
        let rest = hanging ?? String(repeating: " ", count: DisplayWidth.cells(prefix))
        var out = indent(text, width: width, prefix: prefix, hanging: rest)
        guard !tag.isEmpty else { return out }
        if let last = out.last, DisplayWidth.cells(last) + 2 + DisplayWidth.cells(tag) <= width {
            out[out.count - 1] = last + "  " + tag
        } else {
            out.append(DisplayWidth.cells(rest + tag) <= width ? rest + tag : tag)
        }
        return out
    }

    public static func indent(_ text: String, width: Int, prefix: String, hanging: String? = nil,
                              longWords: LongWords = Wrap.longWords) -> [String] {
        let pw = DisplayWidth.cells(prefix)
        let inner = max(1, width - pw)
        let body = lines(text, width: inner, longWords: longWords)
        let rest = hanging ?? String(repeating: " ", count: pw)
        var out: [String] = []
        for (i, line) in body.enumerated() {
            if longWords == .keepWhole && DisplayWidth.cells(line) > inner {
                // A word wider than the line: on a line of its own, from the first column, so it is
                // one piece to copy or to hear; the lead-in ("Source:") before it alone.
                if i == 0 && !prefix.trimmingCharacters(in: .whitespaces).isEmpty { out.append(String(prefix.reversed().drop { $0 == " " }.reversed())) }
                out.append(line)
            } else {
                out.append((i == 0 ? prefix : rest) + line)
            }
        }
        return out
    }
}
