/// Optimal string alignment distance, bounded: a swap of two neighbouring letters counts as one edit.
/// The one edit distance of the program: the index's typo search, the concept layer's corrections,
/// the sound-alike check and "did you mean" all measure with it (written once, over any element:
/// the index compares Unicode scalars it keeps per word, "did you mean" compares characters).
enum EditDistance {
    static func osa<T: Equatable>(_ a: [T], _ b: [T], limit: Int) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        var prev2 = [Int](repeating: 0, count: m + 1)
        var prev = Array(0...m)
        var cur = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            cur[0] = i
            var rowMin = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }

    static func osa(_ a: String, _ b: String, limit: Int) -> Int { osa(Array(a), Array(b), limit: limit) }

    /// Two words as the index keeps them (Unicode scalars).
    static func osa(scalars a: String, _ b: String, limit: Int) -> Int {
        osa(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), limit: limit)
    }

    /// How many typos a word of this length may carry (see `Typos`).
    static func typoBudget(forLength n: Int) -> Int { Typos.budget(forLength: n) }
}

/// How many typos a word may carry, and which: shared by the index and the concept layer.
enum Typos {
    /// Words of 3–4 letters: only a swap of two neighbouring letters (ECHP, EHPC); 5–7: one edit;
    /// 8 or more: two.
    static func budget(forLength n: Int) -> Int {
        n >= 8 ? 2 : (n >= 5 ? 1 : 0)
    }

    /// The first letter is rarely wrong (Meilisearch counts it double): only a swap of the first two.
    /// With no budget, only one swap of neighbouring letters in a word of 3 or more.
    static func acceptable(_ q: [UInt32], _ t: [UInt32], budget: Int) -> Bool {
        if budget == 0 {
            // A letter typed once that should be doubled ("slep", "anual" style): one insertion of
            // a copy of its neighbour.
            if q.count >= 3, t.count == q.count + 1 {
                var i = 0
                while i < q.count, q[i] == t[i] { i += 1 }
                guard i > 0, t[i] == t[i - 1] else { return false }
                return Array(t[(i + 1)...]) == Array(q[i...])
            }
            guard q.count >= 3, q.count == t.count else { return false }
            var diffs: [Int] = []
            for i in 0..<q.count where q[i] != t[i] {
                diffs.append(i)
                if diffs.count > 2 { return false }
            }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && q[diffs[0]] == t[diffs[1]] && q[diffs[1]] == t[diffs[0]]
        }
        if let q0 = q.first, let t0 = t.first, q0 != t0 {
            return q.count > 1 && t.count > 1 && q0 == t[1] && q[1] == t0
        }
        return true
    }
}
