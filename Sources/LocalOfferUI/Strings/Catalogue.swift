import Foundation

/// The words the navigator's screens say, by key, in one catalogue. English is built in (`S.english`,
/// one exhaustive switch, so a key without English does not compile). Another language is a data
/// file, not a code change: `LOCALOFFER_LANG=cy` reads `cy.strings` from `$LOCALOFFER_STRINGS`
/// (or the content folder's `strings/`), lines of `key = text`; a key it leaves out stays English.
public struct Catalogue: Sendable, Equatable {
    public private(set) var language: String
    private var texts: [S: String]

    public static let english = Catalogue(language: "en", texts: [:])

    init(language: String, texts: [S: String]) {
        self.language = language
        self.texts = texts
    }

    public subscript(_ key: S) -> String { texts[key] ?? key.english }

    /// The text with `{name}` placeholders filled in.
    public func format(_ key: S, _ values: [String: String]) -> String {
        var s = self[key]
        for (k, v) in values { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }

    /// A file's problems, one line each (`FILE:LINE:COL: error: …`), and the catalogue it gives.
    public struct Loaded: Sendable {
        public var catalogue: Catalogue
        public var problems: [String]
    }

    /// The most a strings file may hold: it is data from disk, so it is bounded.
    static let maxBytes = 256 * 1024
    static let maxText = 2000

    /// Reads `key = text` lines. Blank lines and `#` comments are skipped; `\n` in a text is a new
    /// line. An unknown key, a line without `=`, or control characters are reported and skipped.
    public static func parse(_ text: String, language: String, file: String) -> Loaded {
        var texts: [S: String] = [:]
        var problems: [String] = []
        guard text.utf8.count <= maxBytes else {
            return Loaded(catalogue: .english, problems: ["\(file):1:1: error: strings file larger than \(maxBytes) bytes"])
        }
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                problems.append("\(file):\(n + 1):1: error: expected `key = text`")
                continue
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\n", with: "\n")
            guard let key = S(rawValue: name) else {
                problems.append("\(file):\(n + 1):1: error: unknown key `\(name.prefix(60))`")
                continue
            }
            guard !value.isEmpty, value.count <= maxText,
                  !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
                problems.append("\(file):\(n + 1):\(name.count + 2): error: the text for `\(name)` is empty, too long or has control characters")
                continue
            }
            texts[key] = value
        }
        return Loaded(catalogue: Catalogue(language: language, texts: texts), problems: problems)
    }

    /// The catalogue `LOCALOFFER_LANG` names, from `dir`; English when it is unset, `en`, or not a
    /// plain name (it never becomes a path of its own).
    public static func load(language: String?, dir: String) -> Loaded {
        guard let lang = language?.lowercased(), !lang.isEmpty, lang != "en",
              lang.count <= 16, lang.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }) else {
            return Loaded(catalogue: .english, problems: [])
        }
        let path = (dir as NSString).appendingPathComponent(lang + ".strings")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return Loaded(catalogue: .english, problems: ["\(lang).strings: warning: no strings for `\(lang)`; using English"])
        }
        return parse(text, language: lang, file: lang + ".strings")
    }
}
