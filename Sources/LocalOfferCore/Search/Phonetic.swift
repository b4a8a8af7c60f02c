/// A sound key for English words, in the spirit of Metaphone, for spellings parents write by ear:
/// `skool` and `school`, `fone` and `phone`, `speach` and `speech`, `ortism` and `autism` get the
/// same key. Used only for a word that is not a word (not in the word list, not in the content),
/// to find the content's words that sound like it; edit distance cannot reach these (skool→school
/// is two edits, fone→phone three).
///
/// Rules, in order: letters only, lower case; a silent final `e`; silent first letters (kn, gn,
/// pn, wr, ps); letter groups to one sound (ph→f, sch→sk, ch/sh/tch→x, ti before a vowel→x, th→0,
/// ck/q→k, c before e/i/y→s else k, x→ks, dg→j, g before e/i/y→j, gh→silent, z→s, v→f, ng at the
/// end→n); `r` after a vowel and before a consonant or the end is silent (British speech, so
/// `ortism` sounds like `autism`); `h` only sounds first; vowels only count as one leading vowel;
/// runs of one sound count once.
enum Phonetic {
    /// A sound-alike counts only when it is also close once both are written by sound, vowels
    /// kept: a key is short and many words share one (`fone`: phone and fine; `anual`: only),
    /// so `fone` → "fon" is nearer "phone" → "fon" than "fine" → "fin". The distance, or nil.
    static func soundDistance(_ typed: String, _ word: String) -> Int? {
        let a = key(typed, keepVowels: true), b = key(word, keepVowels: true)
        let limit = max(1, a.count / 4)
        let d = EditDistance.osa(scalars: a, b, limit: limit)
        // And not too far in letters either (sendaiss is not "sounds").
        let letters = max(3, typed.count / 2)
        guard d <= limit,
              EditDistance.osa(scalars: typed, word, limit: letters) <= letters else { return nil }
        return d
    }

    /// The candidates with `typed`'s sound key and close enough by sound, nearest first.
    public static func nearest(_ typed: String, among candidates: [String]) -> [(word: String, distance: Int)] {
        let k = key(typed)
        guard typed.count >= 3, k.utf8.count >= 2 else { return [] }
        var out: [(String, Int)] = []
        for c in candidates where key(c) == k {
            if let d = soundDistance(typed, c) { out.append((c, d)) }
        }
        return out.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { (word: $0.0, distance: $0.1) }
    }

    /// `keepVowels`: each run of vowels written as its first (y as i), for comparing two words that
    /// share a key.
    public static func key(_ word: String, keepVowels: Bool = false) -> String {
        var w: [UInt8] = word.utf8.compactMap { b in
            if b >= 97 && b <= 122 { return b }
            if b >= 65 && b <= 90 { return b + 32 }
            return nil
        }
        guard !w.isEmpty else { return "" }
        func isVowel(_ c: UInt8?) -> Bool {
            guard let c else { return false }
            return c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121
        }
        if w.count > 3, w.last == 101, !isVowel(w[w.count - 2]) { w.removeLast() }
        let silentStarts: [[UInt8]] = [Array("kn".utf8), Array("gn".utf8), Array("pn".utf8), Array("wr".utf8), Array("ps".utf8)]
        for s in silentStarts where w.count > 2 && Array(w.prefix(2)) == s { w.removeFirst() }
        var out: [UInt8] = []
        func emit(_ s: String) { out.append(contentsOf: s.utf8) }
        var i = 0
        let n = w.count
        func at(_ k: Int) -> UInt8? { k >= 0 && k < n ? w[k] : nil }
        func ch(_ s: String) -> UInt8 { s.utf8.first ?? 0 }
        while i < n {
            let c = w[i], next = at(i + 1)
            switch c {
            case ch("a"), ch("e"), ch("i"), ch("o"), ch("u"), ch("y"):
                if c == ch("y"), i == 0, isVowel(next) { emit("y") }
                else if keepVowels { if !isVowel(at(i - 1)) { out.append(c == ch("y") ? ch("i") : c) } }
                else if i == 0 { emit("a") }
            case ch("p"):
                if next == ch("h") { emit("f"); i += 1 } else { emit("p") }
            case ch("s"):
                if next == ch("c"), at(i + 2) == ch("h") { emit("sk"); i += 2 }
                else if next == ch("h") { emit("x"); i += 1 }
                else { emit("s") }
            case ch("c"):
                if next == ch("h") { emit("x"); i += 1 }
                else if next == ch("k") { emit("k"); i += 1 }
                else if next == ch("e") || next == ch("i") || next == ch("y") { emit("s") }
                else { emit("k") }
            case ch("t"):
                if next == ch("c"), at(i + 2) == ch("h") { emit("x"); i += 2 }
                else if next == ch("h") { emit("0"); i += 1 }
                else if next == ch("i"), isVowel(at(i + 2)) { emit("x") }
                else { emit("t") }
            case ch("d"):
                if next == ch("g") { emit("j"); i += 1 } else { emit("t") }
            case ch("g"):
                if next == ch("h") { i += 1 }
                else if next == ch("e") || next == ch("i") || next == ch("y") { emit("j") }
                else if i > 0, at(i - 1) == ch("n"), next == nil { break }
                else { emit("k") }
            case ch("q"): emit("k")
            case ch("x"): emit(i == 0 ? "s" : "ks")
            case ch("z"): emit("s")
            case ch("v"): emit("f")
            case ch("h"):
                if i == 0 { emit("h") }
            case ch("w"):
                if i == 0 || isVowel(next) { emit("w") }
            case ch("r"):
                if i > 0, isVowel(at(i - 1)), !isVowel(next) { break }
                emit("r")
            default:
                out.append(c)
            }
            i += 1
        }
        var key: [UInt8] = []
        for b in out where key.last != b { key.append(b) }
        return String(decoding: key, as: UTF8.self)
    }
}
