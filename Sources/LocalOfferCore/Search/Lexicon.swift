import Foundation

/// Which words are English words. Typo correction only touches words that are not: a real word the
/// content does not use ("bullied") goes to the concept layer, never to an edit-distance neighbour
/// ("bulky"). The list is Debian's `wbritish` (/usr/share/dict/british-english).
///
/// Kept as the file's bytes and searched line by line when asked: a search asks about a handful of
/// words, and building a set of 100,000 words would cost every start-up more than all the lookups.
public struct Lexicon: Sendable {
    static let defaultPaths = ["/usr/share/dict/british-english", "/usr/share/dict/words"]
    /// "\n" + the list + "\n", so every word is found as "\nword\n".
    let bytes: [UInt8]
    /// Per first two letters, the byte range their words lie in: the list is sorted, so a lookup
    /// reads a few hundred bytes, not the whole list.
    let ranges: [Range<Int>]
    public var isEmpty: Bool { bytes.count <= 2 }

    /// For tests: a lexicon of these words.
    public init(words: [String]) {
        self.init(bytes: Array(("\n" + words.joined(separator: "\n") + "\n").utf8))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var lo = [Int](repeating: Int.max, count: 27 * 27)
        var hi = [Int](repeating: 0, count: 27 * 27)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i + 2 < b.count {
                if b[i] == 10 {
                    let k = Lexicon.bucket(b[i + 1], b[i + 2])
                    lo[k] = min(lo[k], i)
                    hi[k] = i
                }
                i += 1
            }
        }
        // A bucket's range runs to the end of its last word.
        ranges = (0..<(27 * 27)).map { k in
            guard lo[k] != Int.max else { return 0..<0 }
            var end = hi[k] + 1
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            return lo[k]..<min(end + 1, bytes.count)
        }
    }

    /// By the first two lower-case letters. The list is sorted by bytes (names, capitalised, come
    /// first), so each bucket of lower-case words is one short stretch of it.
    static func bucket(_ a: UInt8, _ b: UInt8) -> Int {
        func slot(_ c: UInt8) -> Int { c >= 97 && c <= 122 ? Int(c - 97) : 26 }
        return slot(a) * 27 + slot(b)
    }

    /// The system word list, or an empty lexicon when none is installed (then only the content's own
    /// words count as words, and correction is as before).
    public static let system: Lexicon = {
        for path in defaultPaths {
            if let l = Lexicon(path: path) { return l }
        }
        return Lexicon(words: [])
    }()

    /// Bounded: a word list over 16 MB is not a word list.
    public init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty, data.count < 16 << 20 else { return nil }
        var b: [UInt8] = [10]
        b.reserveCapacity(data.count + 2)
        b.append(contentsOf: data)
        b.append(10)
        self.init(bytes: b)
    }

    /// A word as typed (folded, lower case). Names (capitalised in the list) and possessives do not
    /// count: "Sendai's" must not make "sendais" a word. Plurals and verb forms the list lacks count
    /// through their base.
    public func contains(_ word: String) -> Bool {
        guard !word.isEmpty, word.utf8.count < 64 else { return false }
        if has(word) { return true }
        for suffix in ["s", "es", "ed", "ing"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            if has(String(word.dropLast(suffix.count))) { return true }
        }
        return false
    }

    private func has(_ word: String) -> Bool {
        let w = Array(word.utf8)
        // Lines that start other than with a–z are names (capitalised) or rare: not looked through.
        guard let first = w.first, first >= 97, first <= 122 else { return false }
        let range = ranges[Lexicon.bucket(first, w.count > 1 ? w[1] : 10)]
        return bytes.withUnsafeBufferPointer { b -> Bool in
            var i = range.lowerBound
            let last = range.upperBound - w.count - 1
            while i < last {
                if b[i] == 10 && b[i + 1] == first && b[i + 1 + w.count] == 10 {
                    var k = 1
                    while k < w.count && b[i + 1 + k] == w[k] { k += 1 }
                    if k == w.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
