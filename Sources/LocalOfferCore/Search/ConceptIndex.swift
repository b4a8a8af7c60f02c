/// Matches the concept layer's phrases in a query. A phrase matches when all its meaningful words
/// occur close together, in any order: "covers his ears" matches "she covers her ears at school".
public struct ConceptIndex: Sendable, Codable {
    struct Phrase: Sendable, Codable {
        var concept: Int
        var text: String
        var stems: [String]
    }

    public struct Match: Sendable, Hashable {
        var concept: Int
        public var phrase: String
        /// Positions (among the query's meaningful words) the phrase covered.
        public var positions: [Int]
    }

    public let concepts: [Concept]
    let phrases: [Phrase]
    let byStem: [String: [Int]]
    /// Written forms of every phrase word, for correcting a misspelling toward the concept layer.
    let surfaces: [String: String]
    let surfacesByLength: [[String]]

    static var fillers: Set<String> { Normalizer.fillerWords }
    /// Forms parents write for the noun a phrase uses (content/vocabulary.yaml `noun_forms`): "won't
    /// speak" and "no speech" are one phrase.
    public let nounForms: [String: String]

    /// The meaningful words of a text, stemmed, with the written form: what phrases and queries are compared on.
    public static func words(of text: String, nounForms: [String: String] = [:]) -> [String] {
        analysedWords(text, keepFillers: false, nounForms: nounForms).map(\.stem)
    }

    /// A text's words as this index compares them (its noun forms applied).
    func analysed(_ text: String, keepFillers: Bool = false) -> [(surface: String, stem: String)] {
        ConceptIndex.analysedWords(text, keepFillers: keepFillers, nounForms: nounForms)
    }

    /// `keepFillers`: a phrase whose meaning needs its filler ("breaks things", "lines things up")
    /// keeps it as a word to match, so it never fires on its one other word ("short breaks").
    static func analysedWords(_ text: String, keepFillers: Bool, nounForms: [String: String]) -> [(surface: String, stem: String)] {
        var out: [(String, String)] = []
        for raw in Normalizer.tokens(text) {
            if Normalizer.negations.contains(raw) {
                if out.last?.1 != "not" { out.append((raw, "not")) }
                continue
            }
            if Normalizer.stopWords.contains(raw) || (!keepFillers && fillers.contains(raw)) { continue }
            out.append((raw, Stemmer.stem(nounForms[raw] ?? raw)))
        }
        return out
    }

    /// A phrase's words to match: without fillers, unless that would leave one word of a phrase
    /// written with several (a single word of a phrase is worth no more than the word alone).
    static func phraseWords(_ text: String, nounForms: [String: String]) -> [(surface: String, stem: String)] {
        let words = analysedWords(text, keepFillers: false, nounForms: nounForms)
        if words.filter({ $0.stem != "not" }).count == 1 {
            let full = analysedWords(text, keepFillers: true, nounForms: nounForms)
            if full.count > words.count { return full }
        }
        return words
    }

    public init(concepts: [Concept], nounForms: [String: String] = [:]) {
        self.concepts = concepts
        self.nounForms = nounForms
        var phrases: [Phrase] = []
        var byStem: [String: [Int]] = [:]
        var surfaces: [String: String] = [:]
        for (c, concept) in concepts.enumerated() {
            for text in concept.phrases {
                let words = ConceptIndex.phraseWords(text, nounForms: nounForms)
                // A phrase of a negation alone ("refuses everything" once fillers go) would match any "not".
                guard words.contains(where: { $0.stem != "not" }) else { continue }
                let stems = words.map(\.stem)
                let p = phrases.count
                phrases.append(Phrase(concept: c, text: text, stems: stems))
                for s in Set(stems) { byStem[s, default: []].append(p) }
                for w in words where w.stem != "not" { surfaces[w.surface] = w.stem }
            }
        }
        self.phrases = phrases
        self.byStem = byStem
        self.surfaces = surfaces
        var byLength: [[String]] = []
        for s in surfaces.keys.sorted() {
            while byLength.count <= s.count { byLength.append([]) }
            byLength[s.count].append(s)
        }
        self.surfacesByLength = byLength
    }

    public var isEmpty: Bool { phrases.isEmpty }

    /// Whether a stem is one the concept layer knows.
    public func knows(stem: String) -> Bool { byStem[stem] != nil }
    public func knows(surface: String) -> Bool { surfaces[surface] != nil }

    /// The nearest phrase word to a misspelling, within the typo budget, or nil.
    func nearest(_ word: String) -> String? { nearestWithSound(word)?.word }

    /// The nearest phrase word, and its sound distance when it was found by sound (nil by spelling).
    func nearestWithSound(_ word: String) -> (word: String, soundDistance: Int?)? {
        if let near = nearestBySpelling(word) { return (near, nil) }
        // Spelt as it sounds ("skool"): the phrase word with the same sound key, nearest in letters.
        var near: [String] = []
        for length in max(0, word.count - 3)...(word.count + 3) where length < surfacesByLength.count {
            near += surfacesByLength[length]
        }
        return Phonetic.nearest(word, among: near).first.map { ($0.word, $0.distance) }
    }

    func nearestBySpelling(_ word: String) -> String? {
        let budget = Typos.budget(forLength: word.count)
        let q = Array(word.unicodeScalars.map(\.value))
        var best: (String, Int)?
        for length in max(0, q.count - max(budget, 1))...(q.count + max(budget, 1)) where length < surfacesByLength.count {
            for s in surfacesByLength[length] {
                let t = Array(s.unicodeScalars.map(\.value))
                guard Typos.acceptable(q, t, budget: budget) else { continue }
                let d = EditDistance.osa(q, t, limit: max(budget, 1))
                if d <= max(budget, 1), d < (best?.1 ?? Int.max) { best = (s, d) }
            }
        }
        return best?.0
    }

    /// Every phrase whose words all occur in the query within a small window.
    public func matches(_ words: [String]) -> [Match] {
        var positions: [String: [Int]] = [:]
        for (i, w) in words.enumerated() { positions[w, default: []].append(i) }
        var candidates = Set<Int>()
        for w in Set(words) { for p in byStem[w] ?? [] { candidates.insert(p) } }
        var found: [Match] = []
        for p in candidates.sorted() {
            let phrase = phrases[p]
            guard let span = ConceptIndex.tightest(phrase.stems, positions) else { continue }
            if span.max - span.min <= phrase.stems.count + 2 {
                found.append(Match(concept: phrase.concept, phrase: phrase.text, positions: span.chosen))
            }
        }
        // The longest reading of the same words wins: "attendance allowance" (a name for a benefit)
        // is not also "attendance" (school), and "short breaks" not also "breaks".
        let longestFirst = found.enumerated().sorted { a, b in
            a.element.positions.count != b.element.positions.count ? a.element.positions.count > b.element.positions.count : a.offset < b.offset
        }
        var kept: [(Int, Match)] = []
        for (i, m) in longestFirst {
            let inside = kept.contains { k in
                k.1.concept != m.concept && k.1.positions.count > m.positions.count && Set(m.positions).isSubset(of: k.1.positions)
            }
            if !inside { kept.append((i, m)) }
        }
        return kept.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The closest-together choice of one position per phrase word (phrases are short: brute force).
    static func tightest(_ stems: [String], _ positions: [String: [Int]]) -> (min: Int, max: Int, chosen: [Int])? {
        var lists: [[Int]] = []
        for s in stems {
            guard let l = positions[s] else { return nil }
            lists.append(Array(l.prefix(8)))
        }
        var best: (Int, Int, [Int])?
        func walk(_ k: Int, _ chosen: [Int]) {
            if k == lists.count {
                guard let lo = chosen.min(), let hi = chosen.max() else { return }
                if best.map({ hi - lo < $0.1 - $0.0 }) ?? true { best = (lo, hi, chosen) }
                return
            }
            for p in lists[k] where !chosen.contains(p) { walk(k + 1, chosen + [p]) }
        }
        walk(0, [])
        return best.map { (min: $0.0, max: $0.1, chosen: $0.2) }
    }
}
