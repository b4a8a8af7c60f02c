/// Words as parents spell them: a typed word's near spellings and sound-alikes among the index's
/// words (for a word that is not a word), and "did you mean" for one that matched nothing.
extension SearchIndex {
    /// Index terms within the typo budget of a word, compared as written (a swap of two letters is
    /// the only typo allowed in a word of 3 or 4 letters), nearest first, then the most used.
    func fuzzyTerms(word: String, stem: String, max: Int = 6) -> [(Int32, Int, String)] {
        let budget = Typos.budget(forLength: word.count)
        let reach = Swift.max(budget, 1)
        let q = word.unicodeScalars.map(\.value)
        let qMask = SearchIndex.mask(word)
        var best: [Int32: (Int, String)] = [:]
        for length in Swift.max(1, q.count - reach)...(q.count + reach) where length < surfacesByLength.count {
            for si in surfacesByLength[length] {
                let i = Int(si)
                if (surfaceMasks[i] ^ qMask).nonzeroBitCount > 2 * reach { continue }
                let surface = surfaces[i]
                if Normalizer.stopWords.contains(surface) { continue }
                let ts = surface.unicodeScalars.map(\.value)
                guard Typos.acceptable(q, ts, budget: budget) else { continue }
                let d = EditDistance.osa(q, ts, limit: reach)
                guard d <= reach else { continue }
                let t = surfaceTerm[i]
                if best[t].map({ d < $0.0 }) ?? true { best[t] = (d, surface) }
            }
        }
        func before(_ a: (Int32, Int, String), _ b: (Int32, Int, String)) -> Bool {
            if a.1 != b.1 { return a.1 < b.1 }
            let na = postings[Int(a.0)].count, nb = postings[Int(b.0)].count
            return na != nb ? na > nb : a.0 < b.0
        }
        let found: [(Int32, Int, String)] = best.map { ($0.key, $0.value.0, $0.value.1) }
        return Array(found.sorted(by: before).prefix(max))
    }

    /// Index terms written with the same sound key as a word, the most used first. Read only for
    /// a word that is not a word, over written words of about its length.
    func soundAlikeTerms(_ word: String, max: Int = 2) -> [Int32] { soundAlikes(word, max: max).map(\.term) }

    /// The same, with each one's sound distance.
    func soundAlikes(_ word: String, max: Int = 2) -> [(term: Int32, distance: Int)] {
        let n = word.unicodeScalars.count
        guard n >= 3 else { return [] }
        var near: [String] = []
        var termOf: [String: Int32] = [:]
        for length in Swift.max(1, n - 3)...(n + 3) where length < surfacesByLength.count {
            for si in surfacesByLength[length] {
                let surface = surfaces[Int(si)]
                if Normalizer.stopWords.contains(surface) { continue }
                near.append(surface)
                termOf[surface] = surfaceTerm[Int(si)]
            }
        }
        var out: [(term: Int32, distance: Int)] = []
        for m in Phonetic.nearest(word, among: near) {
            if let t = termOf[m.word], !out.contains(where: { $0.term == t }) { out.append((t, m.distance)) }
            if out.count == max { break }
        }
        return out
    }

    /// Known words nearest to one that matched nothing, for "did you mean".
    func nearestWords(to word: String, max: Int = 3) -> [String] {
        let limit = word.count >= 6 ? 3 : 2
        let q = word.unicodeScalars.map(\.value)
        var found: [(String, Int, Int)] = []
        for (i, s) in surfaces.enumerated() where abs(s.count - word.count) <= limit {
            let d = EditDistance.osa(q, s.unicodeScalars.map(\.value), limit: limit)
            if d <= limit { found.append((s, d, postings[Int(surfaceTerm[i])].count)) }
        }
        return found.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.2 > $1.2 }.prefix(max).map(\.0)
    }
}
