import Foundation

/// Which words are English words. Typo correction only touches words that are not: a real word the
/// content does not use ("bullied") goes to the concept layer, never to an edit-distance neighbour
/// ("bulky"). The list is Debian's `wbritish` (/usr/share/dict/british-english), read once, lazily.
public struct Lexicon: Sendable {
    public static let defaultPaths = ["/usr/share/dict/british-english", "/usr/share/dict/words"]
    let words: Set<String>
    public var isEmpty: Bool { words.isEmpty }
    public var count: Int { words.count }

    public init(words: Set<String>) { self.words = words }

    /// The system word list, or an empty lexicon when none is installed (then only the content's own
    /// words count as words, and correction is as before).
    public static let system: Lexicon = {
        for path in defaultPaths {
            if let l = Lexicon(path: path) { return l }
        }
        return Lexicon(words: [])
    }()

    /// One word a line; folded like queries (lower case, no accents). Names (capitalised) and
    /// possessives are left out: "Sendai's" would make "sendais" a word. Bounded: a word list over
    /// 16 MB is not a word list.
    public init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path), data.count < 16 << 20 else { return nil }
        var set = Set<String>(minimumCapacity: 120_000)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var word: [UInt8] = []
            word.reserveCapacity(32)
            var ascii = true
            var skip = false
            func flush() {
                if !word.isEmpty && !skip {
                    let s = String(decoding: word, as: UTF8.self)
                    if ascii { set.insert(s) } else { set.insert(Normalizer.fold(s)) }
                }
                word.removeAll(keepingCapacity: true)
                ascii = true
                skip = false
            }
            for b in raw {
                if b == 10 || b == 13 { flush(); continue }
                if word.isEmpty && b >= 65 && b <= 90 { skip = true }
                if b == UInt8(ascii: "'") { skip = true }
                if b >= 0x80 { ascii = false }
                word.append(b)
            }
            flush()
        }
        guard !set.isEmpty else { return nil }
        self.words = set
    }

    /// A word as typed (folded). Plurals and verb forms the list lacks count through their base.
    public func contains(_ word: String) -> Bool {
        if words.contains(word) { return true }
        for suffix in ["s", "es", "ed", "ing"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            if words.contains(String(word.dropLast(suffix.count))) { return true }
        }
        return false
    }
}
