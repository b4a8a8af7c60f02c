import Foundation
import LocalOfferCore

/// Word wrapping by display width (the same widths the cell buffer uses).
public enum Wrap {
    /// Content is written in YAML blocks whose line breaks are the editor's, not the reader's: a
    /// single newline joins, a blank line starts a paragraph, and list items keep their own lines.
    public static func paragraphs(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let isItem = line.hasPrefix("- ") || line.hasPrefix("• ") || line.hasPrefix("* ") || (line.first?.isNumber == true && line.dropFirst().hasPrefix(". "))
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

    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in paragraphs(text) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = DisplayWidth.of(w)
                if lineWidth > 0 && lineWidth + 1 + ww > width {
                    out.append(line)
                    line = ""
                    lineWidth = 0
                }
                while ww > width {
                    // A word longer than the line (a long web address): cut it.
                    let (head, rest) = DisplayWidth.split(w, at: width - lineWidth - (lineWidth > 0 ? 1 : 0))
                    if lineWidth > 0 { line += " " }
                    line += head
                    out.append(line)
                    line = ""
                    lineWidth = 0
                    w = rest
                    ww = DisplayWidth.of(w)
                }
                if lineWidth > 0 {
                    line += " "
                    lineWidth += 1
                }
                line += w
                lineWidth += ww
            }
            out.append(line)
        }
        return out
    }

    public static func indent(_ text: String, width: Int, prefix: String, hanging: String? = nil) -> [String] {
        let pw = DisplayWidth.of(prefix)
        let body = lines(text, width: max(10, width - pw))
        let rest = hanging ?? String(repeating: " ", count: pw)
        return body.enumerated().map { ($0.offset == 0 ? prefix : rest) + $0.element }
    }
}
