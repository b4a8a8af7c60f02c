extension SearchIndex {
    public struct Result: Sendable {
        public var hits: [Hit]
        /// How many documents matched at all (before the limit).
        public var total: Int
        public var plan: Plan { query.plan }
        /// The query as read: what ranked it, and what `--explain` reports.
        let query: QueryPlan
    }

    /// A query read once, into what every later step uses: the word groups ranking scores and
    /// `--explain` reports, what the parent said (ages, unknown words, corrections), and the
    /// corrected text the title and naming boosts compare. Nothing after this re-reads the query.
    struct QueryPlan: Sendable {
        var groups: [Group]
        var plan: Plan
        /// The words as the boosts compare them (typos corrected: "portige home visiting" still
        /// names its title), folded like titles and naming phrases are.
        var naming: String
    }

    /// Plans and runs a query typed as text (the benchmark, tests). The engine reads its own
    /// words first and runs `search(_ plan:)`.
    public func search(_ query: String, limit: Int? = nil, boost: ((Int) -> Double)? = nil,
                       isWord: ((String) -> Bool)? = nil, seeds: [Int] = []) -> Result {
        let typing = !(query.last.map { $0.isWhitespace || $0.isPunctuation } ?? true)
        return search(plan(Normalizer.tokens(query), typing: typing, isWord: isWord), limit: limit, boost: boost, seeds: seeds)
    }

    /// Runs a query already read. `boost` lets the caller fold in what it knows (the profile) before
    /// the top-k cut, so eligible entries are not lost below the limit.
    /// `seeds`: documents something else already found (the concept layer), which a prefix may reach.
    /// `ranked: false` leaves the hits unordered, for a caller that ranks them again itself.
    func search(_ query: QueryPlan, limit: Int? = nil, boost: ((Int) -> Double)? = nil, seeds: [Int] = [],
                ranked: Bool = true) -> Result {
        let groups = query.groups, plan = query.plan
        guard !groups.isEmpty else { return Result(hits: [], total: 0, query: query) }
        let n = documentCount
        var total = [Float](repeating: 0, count: n)
        var covered = [Float](repeating: 0, count: n)
        var touched: [Int32] = []
        var groupBest = [Float](repeating: 0, count: n)
        var groupTouched: [Int32] = []
        var phrase = [Float](repeating: 0, count: n)
        var phraseTouched: [Int32] = []
        let importanceSum = groups.reduce(Float(0)) { $0 + $1.importance }

        // Rarest words first. A very common word (in more than an eighth of the directory) then only
        // adds to documents a rarer word already found: it changes the order, not the candidates,
        // and skipping the rest keeps a keystroke fast on a large directory.
        // How many documents a word can bring in: a phrase brings in no more than its rarest word.
        func cost(_ g: Group) -> Int {
            g.alternatives.reduce(0) { sum, alt in
                sum + (alt.terms.map { postings[Int($0)].count }.min() ?? 0)
            }
        }
        // A prefix never decides the candidates alone: the word being typed only reaches documents
        // another word (or a seed) found, unless it is all there is. So its group comes last.
        func hasPrefix(_ g: Group) -> Bool { g.alternatives.contains { $0.kind == .prefix } }
        let byCost = groups.sorted { a, b in
            hasPrefix(a) != hasPrefix(b) ? !hasPrefix(a) : cost(a) < cost(b)
        }
        let restrictPrefix = groups.count > 1 || !seeds.isEmpty
        var seeded = [Bool](repeating: false, count: restrictPrefix ? n : 0)
        for d in seeds where d >= 0 && d < seeded.count { seeded[d] = true }
        let common = max(RankingWeights.commonFloor, n / RankingWeights.commonShare)
        for g in byCost {
            let onlyExisting = !touched.isEmpty && cost(g) > common
            if onlyExisting && touched.count * 16 < cost(g) {
                // Few candidates, a long list: look each candidate up instead of reading the list.
                let candidates = touched.sorted()
                for alt in g.alternatives {
                    let scale = alt.weight / Float(alt.terms.count).squareRoot()
                    for doc in candidates {
                        var sum: Float = 0
                        for t in alt.terms { sum += SearchIndex.lookup(postings[Int(t)], doc) }
                        let d = Int(doc)
                        let s = sum * scale
                        if s > 0 && groupBest[d] == 0 { groupTouched.append(doc) }
                        if s > groupBest[d] { groupBest[d] = s }
                    }
                }
                for doc in groupTouched {
                    let d = Int(doc)
                    total[d] += groupBest[d]
                    covered[d] += g.importance
                    groupBest[d] = 0
                }
                groupTouched.removeAll(keepingCapacity: true)
                continue
            }
            for alt in g.alternatives {
                let scale = alt.weight / Float(alt.terms.count).squareRoot()
                let existingOnly = alt.kind == .prefix && restrictPrefix
                if alt.terms.count == 1 {
                    postings[Int(alt.terms[0])].withUnsafeBufferPointer { list in
                        for p in list {
                            let d = Int(p.doc)
                            if onlyExisting && covered[d] == 0 { continue }
                            if existingOnly && covered[d] == 0 && !seeded[d] { continue }
                            let s = p.score * scale
                            if groupBest[d] == 0 { groupTouched.append(p.doc) }
                            if s > groupBest[d] { groupBest[d] = s }
                        }
                    }
                } else {
                    // A phrase: documents with its rarest word, scored by all its words, then the best
                    // alternative kept. Later words are looked up when that is cheaper than reading them.
                    let words = alt.terms.sorted { postings[Int($0)].count < postings[Int($1)].count }
                    for (k, t) in words.enumerated() {
                        let list = postings[Int(t)]
                        if k > 0 && phraseTouched.count * 16 < list.count {
                            for doc in phraseTouched { phrase[Int(doc)] += SearchIndex.lookup(list, doc) }
                            continue
                        }
                        list.withUnsafeBufferPointer { list in
                            for p in list {
                                let d = Int(p.doc)
                                if onlyExisting && covered[d] == 0 { continue }
                                if k > 0 && phrase[d] == 0 { continue }
                                if phrase[d] == 0 { phraseTouched.append(p.doc) }
                                phrase[d] += p.score
                            }
                        }
                    }
                    for doc in phraseTouched {
                        let d = Int(doc)
                        let s = phrase[d] * scale
                        phrase[d] = 0
                        if groupBest[d] == 0 { groupTouched.append(doc) }
                        if s > groupBest[d] { groupBest[d] = s }
                    }
                    phraseTouched.removeAll(keepingCapacity: true)
                }
            }
            for doc in groupTouched {
                let d = Int(doc)
                if covered[d] == 0 { touched.append(doc) }
                total[d] += groupBest[d]
                covered[d] += g.importance
                groupBest[d] = 0
            }
            groupTouched.removeAll(keepingCapacity: true)
        }

        var scored: [Hit] = []
        scored.reserveCapacity(touched.count)
        for doc in touched {
            let d = Int(doc)
            let coverage = covered[d] / max(importanceSum, 0.0001)
            let c = Double(coverage)
            var s = Double(total[d]) * (RankingWeights.coverageFloor + (1 - RankingWeights.coverageFloor) * c * c) * weights[d]
            if let age = plan.ageHint, !ages[d].contains(age) { s *= RankingWeights.outsideAges }
            if let boost { s *= boost(d) }
            scored.append(Hit(doc: d, score: s))
        }
        // Exact title and phrase boosts only for the leading candidates: comparing text for every
        // match would cost more than the whole ranking.
        let q = Array(query.naming.utf8)
        let queryHash = PhraseHash.of(query.naming)
        if !q.isEmpty {
            let head = SearchIndex.top(scored, limit: max(RankingWeights.boostedCandidates, (limit ?? 0) * 4))
            var boosted: [Int: Double] = [:]
            for h in head {
                let title = Array(self.title(h.doc))
                var factor = 1.0
                // The title names the entry best; a parent word names it too, more strongly when it is a
                // whole phrase ("speech therapy") than a single word another entry may also use.
                if title == q {
                    factor = RankingWeights.titleExact
                } else if q.count >= 4 && Bytes.contains(title, q) {
                    factor = RankingWeights.titleContains
                } else if hasPhrase(h.doc, queryHash) {
                    factor = q.contains(32) ? RankingWeights.namingPhrase : RankingWeights.namingWord
                }
                if factor != 1 { boosted[h.doc] = h.score * factor }
            }
            if !boosted.isEmpty {
                for i in scored.indices { if let b = boosted[scored[i].doc] { scored[i].score = b } }
            }
        }
        let ordered = ranked ? SearchIndex.top(scored, limit: limit) : scored
        return Result(hits: ordered, total: scored.count, query: query)
    }

    /// A document's score in a posting list (sorted by document), or 0.
    @inline(__always) static func lookup(_ list: [Posting], _ doc: Int32) -> Float {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if list[mid].doc < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo].doc == doc ? list[lo].score : 0
    }

    /// Best first, ties by document order so results are stable.
    static func better(_ a: Hit, _ b: Hit) -> Bool { a.score != b.score ? a.score > b.score : a.doc < b.doc }

    static func top(_ hits: [Hit], limit: Int?) -> [Hit] {
        guard let limit, limit < hits.count / 4 else {
            let sorted = hits.sorted(by: better)
            return limit.map { Array(sorted.prefix($0)) } ?? sorted
        }
        // Keep the best `limit` in a small sorted buffer: cheaper than sorting every match.
        var best: [Hit] = []
        best.reserveCapacity(limit + 1)
        for h in hits {
            if best.count == limit, let last = best.last, !better(h, last) { continue }
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if better(best[mid], h) { lo = mid + 1 } else { hi = mid }
            }
            best.insert(h, at: lo)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// Reads a query's words once. `typing`: the last word is still being typed (a prefix).
    /// `isWord` tells which words are real words: those are never corrected to another word.
    /// `nounForms`: a word a parent writes for the noun the content uses (vocabulary.yaml), also
    /// searched as that noun.
    func plan(_ queryWords: [String], typing typingLastWord: Bool, isWord: ((String) -> Bool)? = nil,
              nounForms: [String: String] = [:]) -> QueryPlan {
        var tokens = queryWords.map(Normalizer.negated)

        // "2 year old", "aged 7": an age, not a word to match.
        var ageHint: Int?
        var i = 0
        while i < tokens.count {
            if let n = Int(tokens[i]), n <= 25 {
                let after = i + 1 < tokens.count ? tokens[i + 1] : ""
                let before = i > 0 ? tokens[i - 1] : ""
                if Normalizer.ageUnits.contains(after) || before == "aged" || before == "age" {
                    ageHint = after.hasPrefix("month") ? 0 : n
                    tokens.remove(at: i)
                    continue
                }
            }
            i += 1
        }

        var words = tokens.filter { !Normalizer.stopWords.contains($0) }
        var lastIsPrefix = typingLastWord && !tokens.isEmpty && words.last == tokens.last
        if words.isEmpty {
            words = tokens
            lastIsPrefix = typingLastWord && !tokens.isEmpty
        }

        var groups: [Group] = []
        var unknown: [String] = []
        var corrections: [String: String] = [:]
        let stems = words.map(Stemmer.stem)
        let weakQuery = words.allSatisfy(Normalizer.isWeak)
        var k = 0
        while k < words.count {
            // Longest glossary phrase first: "ehc plan", "short breaks", "salt".
            var matched = false
            var len = min(maxPhrase, words.count - k)
            while len >= 1 && !matched {
                let key = Array(stems[k..<(k + len)])
                if let syns = synonyms(of: key) {
                    var alts: [Alternative] = []
                    let exact = key.compactMap { termIndex[$0] }
                    let exactFound = exact.count == key.count
                    if exactFound { alts.append(Alternative(terms: exact, weight: 1.0, kind: .exact)) }
                    // A word already common in the directory finds plenty by itself; its synonyms would
                    // only add cost. Rare or unknown words ("salt", "respite") are the ones that need them.
                    let exactCommon = exactFound && (exact.map { postings[Int($0)].count }.min() ?? 0) > max(64, documentCount / 8)
                    if !exactCommon {
                        for s in syns.prefix(8) where s != exact { alts.append(Alternative(terms: s, weight: RankingWeights.synonym, kind: .synonym)) }
                    }
                    let importance = alts.flatMap(\.terms).map { idf[Int($0)] }.max() ?? 1
                    groups.append(Group(alternatives: alts, importance: importance, word: words[k..<(k + len)].joined(separator: " ")))
                    k += len
                    matched = true
                }
                len -= 1
            }
            if matched { continue }
            let isPrefix = lastIsPrefix && k == words.count - 1
            var alts = alternatives(for: words[k], stem: stems[k], prefix: isPrefix, isWord: isWord, noun: nounForms[words[k]])
            if let first = alts.first, first.kind == .typo,
               let fixed = fuzzyTerms(word: words[k], stem: stems[k], max: 1).first {
                corrections[words[k]] = fixed.2
            }
            if alts.isEmpty {
                unknown.append(words[k])
            } else {
                var importance = alts.map { a in a.terms.map { idf[Int($0)] }.max() ?? 0 }.max() ?? 1
                // A question or filler word names no topic: it weighs a fraction of one, in its
                // score and in how much of the query it covers (unless the query is nothing else).
                if weakQuery == false, Normalizer.isWeak(words[k]) {
                    importance *= RankingWeights.weakWord
                    for a in alts.indices { alts[a].weight *= RankingWeights.weakWord }
                }
                groups.append(Group(alternatives: alts, importance: importance, word: words[k]))
            }
            k += 1
        }
        // Folded like titles and naming phrases, with typos corrected.
        let naming = queryWords.map { corrections[$0] ?? $0 }.joined(separator: " ")
        return QueryPlan(groups: groups, plan: Plan(words: words, ageHint: ageHint, unknownWords: unknown, corrections: corrections),
                         naming: naming)
    }

    func alternatives(for word: String, stem: String, prefix: Bool, isWord: ((String) -> Bool)? = nil,
                      noun: String? = nil) -> [Alternative] {
        var alts: [Alternative] = []
        let exact = surfaceToTerm[word] ?? termIndex[stem]
        if let exact { alts.append(Alternative(terms: [exact], weight: 1.0)) }
        // "speak" also as "speech": the noun the content writes for what the parent says.
        if let noun, let t = surfaceToTerm[noun] ?? termIndex[Stemmer.stem(noun)], t != exact {
            alts.append(Alternative(terms: [t], weight: RankingWeights.wordForm, kind: .synonym))
        }

        if prefix && word.count >= 2 {
            // Every word that starts with what has been typed so far.
            var lo = 0, hi = surfaces.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if surfaces[mid] < word { lo = mid + 1 } else { hi = mid }
            }
            var found: [Int32: Int] = [:]
            var j = lo
            while j < surfaces.count, surfaces[j].hasPrefix(word) {
                let t = surfaceTerm[j]
                if t != exact { found[t] = postings[Int(t)].count }
                j += 1
            }
            let weight: Float = word.count >= 4 ? RankingWeights.prefixLong : (word.count == 3 ? RankingWeights.prefixThree : RankingWeights.prefixShort)
            for (t, _) in found.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(12) {
                alts.append(Alternative(terms: [t], weight: weight, kind: .prefix))
            }
        }

        // Only a word that is not a word is a typo: a real word the content does not use is left
        // alone ("hitting" is not "sitting").
        if exact == nil && !(isWord?(word) ?? false) {
            for (t, d, _) in fuzzyTerms(word: word, stem: stem) where !alts.contains(where: { $0.terms == [t] }) {
                alts.append(Alternative(terms: [t], weight: d == 1 ? RankingWeights.typoOneEdit : RankingWeights.typoTwoEdits, kind: .typo))
            }
            // Spelt as it sounds ("skool", "fone"): beyond edit distance, the same sound key.
            // Not for a word of 3 letters: too many words share its sound ("cry", "car").
            if word.count >= 4, !alts.contains(where: { $0.kind == .typo || $0.kind == .exact }) {
                for t in soundAlikeTerms(word) where !alts.contains(where: { $0.terms == [t] }) {
                    alts.append(Alternative(terms: [t], weight: RankingWeights.soundsLike, kind: .soundsLike))
                }
            }
        }
        return alts
    }
}

extension SearchIndex {
    /// One query word's part in a document's score, for `search --explain`.
    public struct TermMatch: Sendable, Hashable {
        public var word: String
        public var matched: String
        public var kind: MatchKind
        public var score: Double
    }

    /// Which query words (and through what: the word, a prefix, a typo, a glossary synonym) reached
    /// a document, with each one's BM25F part before the document's coverage and weight: read from
    /// the plan the search ranked with, never planned again per hit.
    func explain(_ query: QueryPlan, doc: Int) -> [TermMatch] {
        let groups = query.groups
        var out: [TermMatch] = []
        let d = Int32(doc)
        for g in groups {
            var best: (Alternative, Float)?
            for alt in g.alternatives {
                let scale = alt.weight / Float(alt.terms.count).squareRoot()
                let s = alt.terms.reduce(Float(0)) { $0 + SearchIndex.lookup(postings[Int($1)], d) } * scale
                if s > 0, best.map({ s > $0.1 }) ?? true { best = (alt, s) }
            }
            guard let (alt, s) = best else { continue }
            out.append(TermMatch(word: g.word, matched: alt.terms.map { terms[Int($0)] }.joined(separator: " "),
                                 kind: alt.kind, score: Double(s)))
        }
        return out
    }
}
