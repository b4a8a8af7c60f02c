import Foundation

/// What `SearchEngine.init(content:)` builds from the content: the word index, the concept index,
/// the intents' phrases, the id table and the glossary's words. The content snapshot keeps it, so
/// a one-shot `search` restores the engine instead of tokenizing every entry again (at 136 entries
/// building it was a third of a whole `search`; at 100,000 services, seconds).
///
/// The index and the concept index are coded by their own synthesized `Codable`: a stored field
/// added to either round-trips with nothing to change here (give it a bounds check in
/// `checkRestored` when it holds positions into another array). A stored field added to
/// `SearchEngine` itself goes into this struct and both initialisers below.
struct SearchEngineState: Codable {
    var index: SearchIndex
    var concepts: ConceptIndex
    var intentOf: [Int]
    var intentWords: [[String]]
    var docOf: [String: Int]
    var glossaryWords: Set<String>
}

extension SearchEngine {
    var state: SearchEngineState {
        SearchEngineState(index: index, concepts: concepts, intentOf: intentPhrases.map(\.intent),
                          intentWords: intentPhrases.map(\.words), docOf: docOf, glossaryWords: glossaryWords)
    }

    /// The engine `init(content:)` would build for `content`, from its saved state. Every position
    /// the state holds is checked against what it points into: a state that does not fit this
    /// content (a crafted snapshot) throws, and the caller builds the engine afresh.
    init(content: Content, state: SearchEngineState) throws {
        try state.index.checkRestored(documents: content.entries.count)
        try state.concepts.checkRestored(concepts: content.concepts.count)
        guard state.intentOf.count == state.intentWords.count,
              state.intentOf.allSatisfy({ $0 >= 0 && $0 < content.intents.count }),
              state.docOf.values.allSatisfy({ $0 >= 0 && $0 < content.entries.count }) else {
            throw BinaryCoding.Failure("the search state does not fit the content")
        }
        self.content = content
        self.index = state.index
        self.concepts = state.concepts
        self.intentPhrases = zip(state.intentOf, state.intentWords).map { (intent: $0, words: $1) }
        self.docOf = state.docOf
        self.glossaryWords = state.glossaryWords
        (self.categoryOf, self.categoryNumber) = SearchEngine.categoryNumbers(content)
    }
}

/// A stable hash of a naming phrase: the index stores them, so they must be the same in the
/// process that built the index and in the one that restored it (Swift's `hashValue` is seeded
/// afresh in every process). FNV-1a over the UTF-8, 64 bits.
enum PhraseHash {
    static func of(_ s: String) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h)
    }
}

extension SearchIndex.Posting: Codable, RawElement {
    enum CodingKeys: String, CodingKey { case doc, score }
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(doc: try c.decode(Int32.self, forKey: .doc), score: try c.decode(Float.self, forKey: .score))
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(score, forKey: .score)
    }
}

extension SearchIndex {
    /// Every position into another array is inside it, every list of starts rises within its
    /// array, and every count agrees with the documents': search then never indexes outside.
    func checkRestored(documents: Int) throws {
        func fail(_ why: String) -> BinaryCoding.Failure { BinaryCoding.Failure("search index: \(why)") }
        let t = terms.count, s = surfaces.count
        func inTerms(_ x: Int32) -> Bool { x >= 0 && Int(x) < t }
        func rising(_ starts: [Int32], total: Int) -> Bool {
            guard starts.first == 0, starts.last.map({ Int($0) == total }) ?? false else { return false }
            var last: Int32 = 0
            for x in starts {
                if x < last { return false }
                last = x
            }
            return true
        }
        guard titleStart.count == documents + 1, phraseStart.count == documents + 1,
              ages.count == documents, weights.count == documents else { throw fail("document counts differ") }
        guard rising(titleStart, total: titleBytes.count), rising(phraseStart, total: phraseHashes.count) else {
            throw fail("a list of starts is out of order")
        }
        guard postings.count == t, idf.count == t, termIndex.count <= t, termIndex.values.allSatisfy(inTerms) else {
            throw fail("term tables differ")
        }
        for list in postings {
            for p in list where p.doc < 0 || Int(p.doc) >= documents || !p.score.isFinite { throw fail("a posting is out of range") }
        }
        guard surfaceTerm.count == s, surfaceMasks.count == s, surfaceTerm.allSatisfy(inTerms),
              surfaceToTerm.values.allSatisfy(inTerms),
              surfacesByLength.allSatisfy({ $0.allSatisfy { $0 >= 0 && Int($0) < s } }) else {
            throw fail("word tables differ")
        }
        guard synonymKeys.values.allSatisfy({ $0 >= 0 && $0 < synonymAlternatives.count }),
              synonymAlternatives.allSatisfy({ $0.allSatisfy { $0.allSatisfy(inTerms) } }),
              maxPhrase >= 0, maxPhrase <= 64, idf.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite) else {
            throw fail("synonym tables differ")
        }
    }
}

extension ConceptIndex {
    func checkRestored(concepts count: Int) throws {
        guard concepts.count == count, phrases.allSatisfy({ $0.concept >= 0 && $0.concept < count }),
              byStem.values.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0 < phrases.count } }) else {
            throw BinaryCoding.Failure("concept index: positions out of range")
        }
    }
}
