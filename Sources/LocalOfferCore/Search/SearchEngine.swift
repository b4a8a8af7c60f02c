import Foundation

/// Search over the Local Offer: the index plus what the content knows (glossary, concept layer,
/// question intents, eligibility, profile).
public struct SearchEngine: Sendable {
    public let content: Content
    public let index: SearchIndex
    public let concepts: ConceptIndex
    /// Each intent's phrases as folded word lists, matched on the query's words in order.
    let intentPhrases: [(intent: Int, words: [String])]
    let docOf: [String: Int]
    /// Words that are words: the system word list, the concept layer's and the glossary's.
    let glossaryWords: Set<String>
    let verdictCache = VerdictCache()
    /// The buffers a keystroke's search reuses (see `SearchScratchPool`).
    let scratchPool = SearchScratchPool()
    /// Each entry's category as a number, so a question's preferred categories are checked per
    /// candidate without comparing text.
    let categoryOf: [Int32]
    let categoryNumber: [String: Int32]

    /// A query longer than this is cut (a 2,000-character paste must not freeze a kiosk).
    static let maxQueryCharacters = 500
    static let maxQueryWords = 48

    public init(content: Content) {
        self.content = content
        let docs = content.entries.map { SearchEngine.document(for: $0, in: content) }
        // The glossary's terms and aliases are synonyms. An entry's parent words are not: they are
        // indexed with the entry (a field of their own), and as synonyms they spread one entry's
        // words to every other entry that shares one of them.
        // Old names (concept phrases with `literal: false`) are read by the concept layer. They are
        // never a synonym to expand into: "EHCP" must not find the Short Breaks Services Statement.
        let oldNames = Set(content.concepts.filter { !$0.literal }.flatMap { c in
            c.phrases.map { Normalizer.tokens($0) }.filter { $0.count == 1 }.map { $0[0] }
        })
        // Nor is an acronym that is also an everyday word: "ADD" leads to ADHD, but ADHD must not
        // find every entry that says "add".
        self.index = SearchIndex(documents: docs, synonymGroups: content.glossary.map { [$0.term] + $0.aliases },
                                 expandsInto: { phrase in
            let words = Normalizer.tokens(phrase)
            if !Set(words).isDisjoint(with: oldNames) { return false }
            let acronym = phrase.count <= 5 && phrase == phrase.uppercased() && phrase.contains(where: \.isLetter)
            return !(acronym && words.count == 1 && Lexicon.system.contains(words[0]))
        })
        self.concepts = ConceptIndex(concepts: content.concepts, nounForms: content.nounForms)
        var phrases: [(Int, [String])] = []
        for (i, intent) in content.intents.enumerated() {
            for p in intent.phrases {
                let words = Normalizer.tokens(p)
                if !words.isEmpty { phrases.append((i, words)) }
            }
        }
        // Longest first, so "who do i talk to" wins over "talk to".
        self.intentPhrases = phrases.sorted { $0.1.count > $1.1.count }
        var docOf: [String: Int] = [:]
        for (i, e) in content.entries.enumerated() where docOf[e.id] == nil { docOf[e.id] = i }
        self.docOf = docOf
        var gw = Set<String>()
        for t in content.glossary { for s in [t.term] + t.aliases { gw.formUnion(Normalizer.tokens(s)) } }
        self.glossaryWords = gw
        (self.categoryOf, self.categoryNumber) = SearchEngine.categoryNumbers(content)
    }

    /// Each entry's category as a number, so a question's preferred categories are compared as
    /// numbers. Cheap (one pass), so a restored engine makes it again rather than storing it.
    static func categoryNumbers(_ content: Content) -> ([Int32], [String: Int32]) {
        var numbers: [String: Int32] = [:]
        let of = content.entries.map { e in
            if let n = numbers[e.category] { return n }
            let n = Int32(numbers.count)
            numbers[e.category] = n
            return n
        }
        return (of, numbers)
    }

    static func document(for e: Entry, in content: Content) -> SearchDocument {
        var body = [e.description, content.categoryLabel(e.category)]
        for b in Borough.allCases {
            guard let p = e.boroughs[b] else { continue }
            body += [p.provider, p.howToGet, p.differences, p.reason].compactMap { $0 }
        }
        for s in e.steps { body += [s.title, s.text] }
        if let t = e.talkingPoints { body += t.ask + t.bring + t.next }
        // Its names: the parent words and the title without its note in brackets.
        let name = e.title.split(separator: "(", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? e.title
        return SearchDocument(title: e.title, words: e.parentWords.joined(separator: ". "),
                              summary: e.summary, body: body.joined(separator: "\n"), ages: e.ages,
                              phrases: e.parentWords + [name], weight: e.kind == .guide ? RankingWeights.guideWeight : 1)
    }

    /// Why a result ranks where it does (`search --explain`).
    public struct Explanation: Sendable {
        public struct ConceptPart: Sendable {
            var concept: String
            public var label: String
            public var phrase: String
            public var weight: Double
            public var score: Double
        }
        public var terms: [SearchIndex.TermMatch] = []
        /// The word score, with `named` in it.
        public var wordScore: Double = 0
        /// What naming the entry in the query added to the word score (0 when it was not named).
        public var named: Double = 0
        public var concepts: [ConceptPart] = []
        public var conceptScore: Double = 0
        public var factors: [(String, Double)] = []
    }

    /// A match: the entry's place in the content, not a copy of it.
    public struct Hit: Sendable {
        let doc: Int
        let entries: [Entry]
        public var entry: Entry { entries[doc] }
        public var score: Double
        public var eligibility: Eligibility?
        public var explanation: Explanation?
    }

    public struct Response: Sendable {
        public var query: String
        public var total: Int
        public var hits: [Hit]
        /// Matches left out by a filter, and why (results are never hidden silently).
        public var hidden: Int
        public var hiddenReason: String?
        public var unknownWords: [String]
        public var suggestions: [String]
        var ageHint: Int?
        /// What the query was read as: corrections, concepts, the question's intent.
        public var corrections: [(from: String, to: String)] = []
        public var concepts: [String] = []
        public var intent: String?
        var truncated = false
    }

    /// Ids nearest to one that does not exist: by spelling, then by meaning.
    public func nearestIds(to id: String, max: Int = 3) -> [String] {
        let near = Suggest.nearest(id, among: content.entries.map(\.id), max: max)
        if !near.isEmpty { return near }
        return search(id.replacingOccurrences(of: "-", with: " ") + " ", limit: max).hits.map(\.entry.id)
    }

    /// Whether a typed word is a word (never to be corrected into another one).
    func isWord(_ w: String) -> Bool {
        if w.unicodeScalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }) { return true }
        return concepts.knows(surface: w) || glossaryWords.contains(w) || Lexicon.system.contains(w)
    }

    /// Reads a query: the question's intent, the concept phrases it contains (after correcting
    /// misspellings toward them) and what is left for the word index.
    struct Reading {
        var raw: [String]
        var intent: Int?
        var matches: [ConceptIndex.Match] = []
        var corrections: [(from: String, to: String)] = []
        /// What is left for the word index, as words (never joined back into text and split again).
        var words: [String] = []
        /// The last word is still being typed: the index reads it as a prefix.
        var typing = false
        var ages: ClosedRange<Int>?
    }

    func read(_ query: String) -> Reading {
        var raw = Array(Normalizer.tokens(query).prefix(SearchEngine.maxQueryWords))
        var consumed = [Bool](repeating: false, count: raw.count)
        var intent: Int?
        for (i, words) in intentPhrases where intent == nil || intent == i {
            guard words.count <= raw.count else { continue }
            var start = 0
            while start + words.count <= raw.count {
                if Array(raw[start..<(start + words.count)]) == words, !consumed[start..<(start + words.count)].contains(true) {
                    intent = i
                    for k in start..<(start + words.count) { consumed[k] = true }
                    break
                }
                start += 1
            }
        }
        if let i = intent {
            let extra = Set(content.intents[i].words.flatMap { Normalizer.tokens($0) })
            for (k, w) in raw.enumerated() where extra.contains(w) { consumed[k] = true }
        }
        // Concept words, position by position (grammar words dropped), misspellings corrected
        // toward the concept layer when they are not words at all.
        var corrections: [(String, String)] = []
        var stems: [String] = []
        var rawIndex: [Int] = []
        for (k, w) in raw.enumerated() where !consumed[k] {
            let analysed = concepts.analysed(w, keepFillers: true)
            guard let a = analysed.first else { continue }
            var stem = a.stem
            // Toward the concept layer by sound only when the content has no word that sounds nearer
            // ("fisio" is physio, in the content, not "fussy" in a phrase).
            if stem != "not", !concepts.knows(stem: stem), index.termId(w) == nil, !isWord(w), let near = concepts.nearestWithSound(w),
               near.soundDistance.map({ d in index.soundAlikes(w, max: 1).first.map { $0.distance >= d } ?? true }) ?? true {
                let fixed = near.word
                corrections.append((w, fixed))
                stem = Stemmer.stem(fixed)
                raw[k] = fixed
            }
            if stem == "not", stems.last == "not" { continue }
            stems.append(stem)
            rawIndex.append(k)
        }
        var reading = Reading(raw: raw, intent: intent)
        reading.corrections = corrections
        reading.matches = concepts.matches(stems)
        for m in reading.matches {
            let c = concepts.concepts[m.concept]
            if !c.literal { for p in m.positions { consumed[rawIndex[p]] = true } }
            if let a = c.ages { reading.ages = reading.ages.map { min($0.lowerBound, a.lowerBound)...max($0.upperBound, a.upperBound) } ?? a }
        }
        var kept: [String] = []
        for (k, w) in raw.enumerated() where !consumed[k] { kept.append(w) }
        // What the question and the concepts left may be grammar alone ("of … needs"): then there
        // is nothing for the word index (it would otherwise search the grammar words themselves).
        if consumed.contains(true), kept.allSatisfy({ Normalizer.stopWords.contains($0) || Normalizer.fillerWords.contains($0) }) {
            kept = []
        } else if consumed.contains(true) {
            // Without the question, the rest is read as if typed alone ("annual review", not
            // "at an annual review"), so a title that says it is still recognised. Ages stay.
            kept = kept.filter { !Normalizer.stopWords.contains($0) || Normalizer.ageUnits.contains($0) || ["old", "aged", "age"].contains($0) }
        }
        // A word still being typed stays a prefix: keep the query's last character as typed.
        let typing = !(query.last.map { $0.isWhitespace || $0.isPunctuation } ?? true)
        reading.words = kept
        reading.typing = typing && !(consumed.last ?? false)
        return reading
    }

    /// Eligible entries rank first for a known profile, without dropping the rest.
    public func search(_ query: String, profile: Profile = Profile(), need: NeedArea? = nil, limit: Int? = nil,
                       explain: Bool = false) -> Response {
        let truncated = query.count > SearchEngine.maxQueryCharacters
        let query = truncated ? String(query.prefix(SearchEngine.maxQueryCharacters)) : query
        let entries = content.entries
        let ranked = profile.constrainsEligibility
        let reading = read(query)
        let isWord: (String) -> Bool = { self.isWord($0) }
        let allowed: (Int) -> Bool = { d in need.map { entries[d].needAreas.contains($0) } ?? true }
        let seeds = reading.matches.flatMap { m in concepts.concepts[m.concept].entries.compactMap { docOf[$0.id] } }
        // The query read once: this plan ranks, and --explain reports from it.
        let plan = index.plan(reading.words, typing: reading.typing, isWord: isWord, nounForms: concepts.nounForms)
        let result = index.search(plan, limit: nil, boost: { d in allowed(d) ? 1 : 0 }, seeds: seeds, ranked: false)
        var scratch = scratchPool.take(documents: entries.count)
        defer { scratchPool.give(&scratch) }
        typealias Flag = SearchScratch.Flag

        // Words: BM25F on a fixed scale, not relative to the best match. A title that says what was
        // asked scores high whatever the concepts add; words scattered through body text (what a
        // description of a child finds) stay low, and the concepts decide.
        for h in result.hits {
            if h.score <= 0 { scratch.hide(h.doc); continue }
            scratch.wordScore[h.doc] = min(h.score / RankingWeights.wordScale, RankingWeights.maxWordScore)
            scratch.flags[h.doc] |= Flag.word
            scratch.addCandidate(h.doc)
        }
        // Concepts: the best phrase of each concept, times the entry's weight, summed over concepts.
        var conceptParts: [Int: [Explanation.ConceptPart]] = [:]
        var bestPhrase: [Int: (ConceptIndex.Match, Double)] = [:]
        for m in reading.matches {
            let strength = RankingWeights.phraseStrength(words: m.positions.count)
            if let b = bestPhrase[m.concept], b.1 >= strength { continue }
            bestPhrase[m.concept] = (m, strength)
        }
        for (c, (m, strength)) in bestPhrase.sorted(by: { $0.key < $1.key }) {
            let concept = concepts.concepts[c]
            for (id, weight) in concept.entries {
                guard let d = docOf[id] else { continue }
                if !allowed(d) { scratch.hide(d); continue }
                let s = strength * weight
                scratch.conceptScore[d] += s
                scratch.flags[d] |= Flag.concept
                scratch.addCandidate(d)
                if explain {
                    conceptParts[d, default: []].append(Explanation.ConceptPart(concept: concept.id, label: concept.label,
                                                                               phrase: m.phrase, weight: weight, score: s))
                }
            }
        }
        let intent = reading.intent.map { content.intents[$0] }
        let ageRange = reading.ages ?? result.plan.ageHint.map { $0...$0 }
        // One verdict per entry for this profile, computed once and reused on every keystroke.
        let verdicts = ranked ? verdictCache.verdicts(for: profile, entries: entries) : []
        // Names of two or more words said within the query ("does the disabled children's team take
        // kids with adhd", "can we get family fund if we both work"): the family named what they want.
        // A name is a factor; said among other words, it is also a whole sure match of words, so the
        // rest of the sentence ("…take kids with adhd") cannot outrank the entry named.
        let named = SearchEngine.phraseHashes(reading.raw)
        let contentWords = reading.raw.filter { !Normalizer.stopWords.contains($0) }.count
        // The longest name said wins: "short breaks statement" names the statement, not every entry
        // called "short breaks".
        if !named.isEmpty {
            let filter = SearchIndex.NameFilter(named)
            var said: [(doc: Int, words: Int)] = []
            for doc in scratch.candidates {
                if let n = index.namedWords(Int(doc), named, filter) { said.append((Int(doc), n)) }
            }
            let longest = said.map(\.words).max() ?? 0
            for (d, n) in said {
                let amongOthers = n == longest && n < contentWords
                scratch.flags[d] |= amongOthers ? Flag.named | Flag.namedAmongOthers : Flag.named
                if amongOthers { scratch.wordScore[d] += RankingWeights.namedAmongOthers }
            }
        }
        // A question and nothing else ("what should the school be doing for him"): the question is
        // the topic, and the entries it names answer it.
        if scratch.candidates.isEmpty, let intent {
            for d in entries.indices where allowed(d) {
                let named = intent.preferEntries.contains(entries[d].id) || intent.preferCategories.contains(entries[d].category)
                if named {
                    scratch.wordScore[d] = RankingWeights.questionAlone
                    scratch.addCandidate(d)
                }
            }
        }
        let preference = intent.map { self.preference($0) }
        func preferred(_ d: Int) -> Bool { preference.map { prefers($0, d) } ?? false }
        // Every factor of a document, once: ranking multiplies them (in this order), --explain lists
        // the same ones by name.
        func factors(_ d: Int) -> [(String, Double)] {
            var out: [(String, Double)] = []
            if let intent, preferred(d) { out.append(("intent: \(intent.label)", RankingWeights.intentMatch)) }
            if let r = ageRange, !entries[d].ages.overlaps(r) {
                out.append(("outside the ages \(r.lowerBound) to \(r.upperBound)", RankingWeights.outsideAges))
            }
            if scratch.flags[d] & Flag.named != 0 { out.append(("named in the query", RankingWeights.namedInQuery)) }
            if ranked, d < verdicts.count { out.append(("profile", RankingWeights.profile(verdicts[d]))) }
            return out
        }
        // The same product without naming the factors: a keystroke scores every candidate.
        func score(_ d: Int) -> Double {
            var s = scratch.wordScore[d] + min(scratch.conceptScore[d], RankingWeights.maxConceptScore)
            if preferred(d) { s *= RankingWeights.intentMatch }
            if let r = ageRange, !index.ages[d].overlaps(r) { s *= RankingWeights.outsideAges }
            if scratch.flags[d] & Flag.named != 0 { s *= RankingWeights.namedInQuery }
            if ranked, d < verdicts.count { s *= RankingWeights.profile(verdicts[d]) }
            return s
        }
        var scored: [SearchIndex.Hit] = []
        scored.reserveCapacity(scratch.candidates.count)
        for doc in scratch.candidates { scored.append(SearchIndex.Hit(doc: Int(doc), score: score(Int(doc)))) }
        // Only the page shown is put in order (a partial top-k): ties by document, as a full sort.
        // The question's move below reaches the fifth place, so at least five are kept in order.
        var shown = SearchIndex.top(scored, limit: limit.map { max($0, 5) })
        // The question steers the kind of result; it never pushes the best match for the rest of
        // the query out of the first five.
        if intent != nil, let core = scored.max(by: { a, b in
            let fa = preferred(a.doc) ? a.score / RankingWeights.intentMatch : a.score
            let fb = preferred(b.doc) ? b.score / RankingWeights.intentMatch : b.score
            return fa != fb ? fa < fb : a.doc > b.doc
        }), scored.lazy.filter({ SearchIndex.better($0, core) }).count >= 5 {
            if let at = shown.firstIndex(where: { $0.doc == core.doc }) { shown.remove(at: at) }
            var moved = core
            moved.score = shown[4].score  // a tie with the one it goes before: scores stay in order
            shown.insert(moved, at: 4)
        }
        if let limit, shown.count > limit { shown.removeLast(shown.count - limit) }
        var hidden = 0
        for doc in scratch.hidden where !scratch.isCandidate(Int(doc)) { hidden += 1 }
        let hits = shown.map { h -> Hit in
            var explanation: Explanation?
            if explain {
                var x = Explanation()
                x.terms = index.explain(result.query, doc: h.doc)
                x.wordScore = scratch.wordScore[h.doc]
                x.named = scratch.flags[h.doc] & Flag.namedAmongOthers != 0 ? RankingWeights.namedAmongOthers : 0
                x.concepts = conceptParts[h.doc] ?? []
                x.conceptScore = min(scratch.conceptScore[h.doc], RankingWeights.maxConceptScore)
                x.factors = factors(h.doc)
                explanation = x
            }
            return Hit(doc: h.doc, entries: entries, score: h.score,
                       eligibility: ranked ? verdictCache.eligibility(h.doc, in: content, profile: profile) : nil,
                       explanation: explanation)
        }
        // Words nothing explained: neither the index, a concept nor the question.
        let explained = Set(reading.matches.flatMap { m in concepts.concepts[m.concept].phrases.flatMap { Normalizer.tokens($0) } })
        let unknown = result.plan.unknownWords.filter { !explained.contains($0) && !concepts.knows(surface: $0) }
        var suggestions: [String] = []
        if scored.isEmpty || !unknown.isEmpty {
            for w in unknown where !isWord(w) { suggestions += index.nearestWords(to: w) }
            if scored.isEmpty && unknown.isEmpty {
                for w in result.plan.words { suggestions += index.nearestWords(to: w) }
            }
        }
        var seen = Set<String>()
        suggestions = suggestions.filter { seen.insert($0).inserted }
        var response = Response(query: query, total: scored.count, hits: hits, hidden: hidden,
                                hiddenReason: hidden > 0 ? "\(hidden) more matched but are not for \(need?.label.lowercased() ?? "the chosen need")" : nil,
                                unknownWords: unknown, suggestions: suggestions, ageHint: result.plan.ageHint)
        // Both readings of a typo: toward the concept layer, and toward the index's own words.
        response.corrections = reading.corrections
            + result.plan.corrections.sorted { $0.key < $1.key }.filter { c in !reading.corrections.contains { $0.from == c.key } }
                .map { (from: $0.key, to: $0.value) }
        response.concepts = Array(Set(reading.matches.map { concepts.concepts[$0.concept].id })).sorted()
        response.intent = intent?.id
        response.truncated = truncated
        return response
    }


    /// Hashes of every run of 2 to 6 words of the query, as a naming phrase is hashed, with how many
    /// of the run's words are not grammar words.
    static func phraseHashes(_ words: [String]) -> [Int: Int] {
        var out: [Int: Int] = [:]
        for i in words.indices {
            for n in 2...6 where i + n <= words.count {
                let run = words[i..<(i + n)]
                let content = run.filter { !Normalizer.stopWords.contains($0) }.count
                if content == 0 { continue }
                let h = PhraseHash.of(run.joined(separator: " "))
                out[h] = max(out[h] ?? 0, content)
            }
        }
        return out
    }

    /// What a question's intent prefers: a kind of entry, categories, entries by name. Ranking asks
    /// it of every candidate, so it is kept as numbers.
    struct Preference {
        var kind: EntryKind?
        var categories: [Bool]
        var docs: Set<Int>
    }

    func preference(_ intent: Intent) -> Preference {
        var categories = [Bool](repeating: false, count: categoryNumber.count)
        for c in intent.preferCategories { if let n = categoryNumber[c] { categories[Int(n)] = true } }
        return Preference(kind: intent.preferKind, categories: categories, docs: Set(intent.preferEntries.compactMap { docOf[$0] }))
    }

    /// Whether the intent prefers entry `d`: of its kind, in one of its categories, or one it names.
    func prefers(_ p: Preference, _ d: Int) -> Bool {
        if let k = p.kind, content.entries[d].kind == k { return true }
        let c = Int(categoryOf[d])
        return (c < p.categories.count && p.categories[c]) || p.docs.contains(d)
    }

}
