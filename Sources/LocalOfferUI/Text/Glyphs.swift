import Foundation

/// The symbols the program itself draws. The ASCII set is for consoles whose fonts lack them
/// (Debian's Linux console shows ✓ ✗ ★ as boxes): chosen for TERM=linux or by `--ascii`. Every
/// symbol sits beside words, so the ASCII form loses no meaning.
public enum Glyphs: String, Sendable, CaseIterable {
    case unicode, ascii

    /// Prose and symbols (verdict badges, arrows before links, bullets, separators).
    static let asciiText: [(String, String)] = [
        ("✓", "[ok]"), ("✗", "[no]"), ("★", "*"), ("…", "..."), ("→", "->"), ("←", "<-"), ("↑", "^"), ("↓", "v"),
        ("•", "*"), ("│", "|"), ("·", "-"), ("–", "-"), ("—", "-"), ("×", "x"), ("‹", "<"), ("›", ">"), ("▸", ">"),
        ("“", "\""), ("”", "\""), ("‘", "'"), ("’", "'"),
    ]

    /// Key names: arrows become words ("Up/Down"), not symbols.
    static let asciiKeys: [(String, String)] = [
        ("↑↓", "Up/Down"), ("←→", "Left/Right"), ("↑", "Up"), ("↓", "Down"), ("←", "Left"), ("→", "Right"),
        ("…", "-"), ("–", "-"),
    ]

    public func text(_ s: String) -> String {
        guard self == .ascii, !s.utf8.allSatisfy({ $0 < 128 }) else { return s }
        var out = s
        for (u, a) in Glyphs.asciiText where out.contains(u) { out = out.replacingOccurrences(of: u, with: a) }
        return out
    }

    public func key(_ s: String) -> String {
        guard self == .ascii, !s.utf8.allSatisfy({ $0 < 128 }) else { return s }
        var out = s
        for (u, a) in Glyphs.asciiKeys where out.contains(u) { out = out.replacingOccurrences(of: u, with: a) }
        return text(out)
    }

    public var ellipsis: String { self == .ascii ? "..." : "…" }
    public var star: String { self == .ascii ? "*" : "★" }
    public var dot: String { self == .ascii ? "*" : "•" }
    public var sep: String { self == .ascii ? "-" : "·" }

    /// The set for a terminal: ASCII on the Linux console, or when asked for.
    public static func forTerminal(term: String, asciiFlag: Bool) -> Glyphs {
        asciiFlag || term == "linux" || term.hasPrefix("linux-") ? .ascii : .unicode
    }
}
