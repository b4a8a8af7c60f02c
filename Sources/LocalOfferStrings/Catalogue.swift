import Foundation

/// The words the navigator's screens say, by key, in one catalogue. English is built in (`S.english`,
/// one exhaustive switch, so a key without English does not compile). Another language is a data
/// file, not a code change: `LOCALOFFER_LANG=cy` reads `cy.strings` from `$LOCALOFFER_STRINGS`
/// (or the content folder's `strings/`), lines of `key = text`; a key it leaves out stays English.
///
/// Where the words are made: the UI reads `config.strings`; Core (verdicts, entry answers, the
/// take-away, place lines) and the CLI's text read `Catalogue.current`, a task-local value that a
/// front end sets around its work (`Catalogue.$current.withValue(strings) { … }`). A task-local
/// rather than a parameter because the language is chosen once per run and about forty Core
/// functions make words several calls deep: threading a parameter through all of them (and through
/// search and flows, which other work changes) would put a language into signatures that have
/// nothing to do with one. A task-local, unlike a global, is scoped: tests in two languages run side
/// by side, and whatever runs outside a scope (the JSON the contract fixes) is English by default.
public struct Catalogue: Sendable, Hashable {
    public private(set) var language: String
    private var texts: [S: String]

    public static let english = Catalogue(language: "en", texts: [:])

    init(language: String, texts: [S: String]) {
        self.language = language
        self.texts = texts
    }

    public subscript(_ key: S) -> String { texts[key] ?? key.english }

    /// The language of the current task (see above): English unless a front end set one.
    @TaskLocal public static var current: Catalogue = .english

    /// The text with `{name}` placeholders filled in, in one pass: a value that itself holds
    /// `{name}` (a family's search words) is never filled in again. An unknown `{name}` stays.
    public func format(_ key: S, _ values: [String: String]) -> String {
        Self.fill(self[key], values)
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let v = values[String(after[..<close])] {
                out += v
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }

    /// A count in words: the `one` or `other` form of `key` for `count`, with `{count}` (and any
    /// other placeholders) filled in. Which form a count takes is the language's rule (`pluralForm`).
    public func plural(_ key: PluralKey, count: Int, _ values: [String: String] = [:]) -> String {
        var v = values
        v["count"] = String(count)
        return Self.fill(self[pluralForm(count) == .one ? key.one : key.other], v)
    }

    /// Several words as one list: "a, b or c" with `last` (`.listOr`, `.listAnd`) joining the last two.
    public func list(_ items: [String], last: S) -> String {
        guard let final = items.last else { return "" }
        guard items.count > 1 else { return final }
        return format(last, ["first": items.dropLast().joined(separator: ", "), "last": final])
    }

    /// English's rule (and the rule of every language without one of its own here): `one` for
    /// exactly 1, `other` for the rest. A language with more forms adds its rule here and its
    /// keys to `PluralKey`.
    public func pluralForm(_ count: Int) -> PluralKey.Form { count == 1 ? .one : .other }

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

/// A message that changes with a number: two keys of the catalogue, `….one` and `….other`, so a
/// strings file translates each form (`search.results.one = {count} canlyniad`).
public struct PluralKey: Sendable, Hashable {
    public enum Form: Sendable { case one, other }
    public let one: S
    public let other: S
    public init(one: S, other: S) {
        self.one = one
        self.other = other
    }
}

/// A string of the catalogue in the current task's language (`Catalogue.current`): for Core and
/// the CLI, which have no `AppState`.
public func tr(_ key: S) -> String { Catalogue.current[key] }
public func tr(_ key: S, _ values: [String: String]) -> String { Catalogue.current.format(key, values) }
public func tr(_ key: PluralKey, count: Int, _ values: [String: String] = [:]) -> String {
    Catalogue.current.plural(key, count: count, values)
}
