/// A pseudo-language: every entry of the catalogue is its English between ⟦ and ⟧ (placeholders
/// kept), so on a screen read in it, any word outside the brackets was not made by the catalogue.
/// Tests draw every screen, the plain mode and the CLI's text in it; `template` is also a
/// translator's starting file (every key, with its English).
public enum Pseudo {
    public static let open: Character = "⟦"
    public static let close: Character = "⟧"

    /// A strings file holding every key: `key = text`, the text made by `wrap` from the English
    /// (a new line written `\n`, as `Catalogue.parse` reads it).
    public static func template(_ wrap: (String) -> String = { $0 }) -> String {
        S.allCases.map { "\($0.rawValue) = " + wrap($0.english).replacingOccurrences(of: "\n", with: "\\n") }
            .joined(separator: "\n") + "\n"
    }

    /// The pseudo-language's file.
    public static var file: String { template { "\(open)\($0)\(close)" } }

    /// What is left of `text` outside the brackets (nested ones too, and ones a wrap carried over
    /// several lines). A bracket never closed (its text cut short with "…") ends with its line;
    /// a bracket closed but never opened (its start scrolled away) starts with its line.
    public static func outside(_ text: String) -> String {
        let cs = Array(text)
        var inside = [Bool](repeating: false, count: cs.count)
        func lineEnd(_ i: Int) -> Int { var j = i; while j < cs.count, cs[j] != "\n" { j += 1 }; return j }
        func lineStart(_ i: Int) -> Int { var j = i; while j > 0, cs[j - 1] != "\n" { j -= 1 }; return j }
        func mark(_ a: Int, _ b: Int) { if a < b { for k in a..<b { inside[k] = true } } }
        var opens: [Int] = []
        for (i, c) in cs.enumerated() {
            if c == open { opens.append(i) }
            else if c == close {
                if let o = opens.popLast() { mark(o, i + 1) } else { mark(lineStart(i), i + 1) }
            }
        }
        for o in opens { mark(o, lineEnd(o)) }
        return String(cs.indices.map { inside[$0] && cs[$0] != "\n" ? " " : cs[$0] })
    }

    /// The words of a text, lower-cased: runs of two or more letters.
    public static func words(_ text: String) -> Set<String> {
        var out: Set<String> = []
        var w = ""
        for c in text.lowercased() + " " {
            if c.isLetter { w.append(c); continue }
            if w.count >= 2 { out.insert(w) }
            w = ""
        }
        return out
    }

    /// The English phrases of the catalogue long enough to be nobody's coincidence: each entry's
    /// text between placeholders, of three words or more.
    public static var phrases: [String] {
        S.allCases.flatMap { k -> [String] in
            k.english.split(whereSeparator: { $0 == "{" || $0 == "}" || $0 == "\n" }).map(String.init)
                .map { $0.trimmingCharacters(in: " .,:;()[]") }
                .filter { $0.split(separator: " ").count >= 3 }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
