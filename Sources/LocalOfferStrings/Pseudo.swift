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

    /// Every string held anywhere in a value (content, by reflection: a new field is covered
    /// without a change here).
    public static func strings(in value: Any) -> [String] {
        var out: [String] = []
        func walk(_ v: Any, _ depth: Int) {
            guard depth < 12 else { return }
            if let s = v as? String { out.append(s); return }
            if let s = v as? Substring { out.append(String(s)); return }
            for c in Mirror(reflecting: v).children { walk(c.value, depth + 1) }
        }
        walk(value, 0)
        return out
    }

    /// The words a key's name is made of: these stand outside the brackets on any screen.
    public static let keyNames: Set<String> = ["ctrl", "alt", "esc", "enter", "tab", "space", "home", "end", "pgup", "pgdn",
                                               "shift", "backspace", "del", "delete", "ins", "insert"]

    /// What of `text` is English outside the brackets: words that are neither in `allowed` (the
    /// content's words, names, what was typed) nor inside a bracket, and catalogue phrases the
    /// content does not also hold. Nil when there is none.
    public static func leaks(_ text: String, content: String, allowed: Set<String>) -> String? {
        let rest = outside(text)
        let free = words(rest).subtracting(allowed)
        let found = phrases.filter { rest.contains($0) && !content.contains($0) }
        guard !free.isEmpty || !found.isEmpty else { return nil }
        return "words: \(free.sorted()) phrases: \(found)"
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
