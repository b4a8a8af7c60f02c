/// `search --json` and `--explain` (CONTRACT.md).
extension JSONShape {
    /// Scores to three decimals: enough to rank by, stable to compare.
    public static func rounded(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : 0 }

    /// `search --explain`: why a result ranks where it does.
    public struct Explain: Codable, Sendable, Equatable {
        public struct Word: Codable, Sendable, Equatable {
            public var word: String
            public var matched: String
            public var how: String
            public var score: Double
        }
        public struct ConceptJSON: Codable, Sendable, Equatable {
            var concept: String
            public var label: String
            public var phrase: String
            public var weight: Double
            public var score: Double
        }
        public struct Factor: Codable, Sendable, Equatable {
            public var why: String
            var factor: Double
        }
        public var words: [Word]
        public var wordScore: Double
        public var concepts: [ConceptJSON]
        public var conceptScore: Double
        public var factors: [Factor]
        public init(_ x: SearchEngine.Explanation) {
            words = x.terms.map { Word(word: $0.word, matched: $0.matched, how: $0.kind.description, score: rounded($0.score)) }
            wordScore = rounded(x.wordScore)
            concepts = x.concepts.map { ConceptJSON(concept: $0.concept, label: $0.label, phrase: $0.phrase, weight: $0.weight, score: rounded($0.score)) }
            conceptScore = rounded(x.conceptScore)
            factors = x.factors.map { Factor(why: $0.0, factor: $0.1) }
        }
    }

    public struct SearchResult: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var score: Double
        public var summary: String
        public var boroughs: [String]
        var locatedIn: [String]?
        public var eligibility: EligibilityJSON?
        public var explain: Explain?
        public init(_ h: SearchEngine.Hit) {
            id = h.entry.id
            title = h.entry.title
            kind = h.entry.kind.rawValue
            score = rounded(h.score)
            summary = h.entry.summary
            boroughs = h.entry.servedIn.map(\.rawValue)
            locatedIn = h.entry.locatedIn.isEmpty ? nil : h.entry.locatedIn.map(\.rawValue)
            eligibility = h.eligibility.map(EligibilityJSON.init)
            explain = h.explanation.map(Explain.init)
        }
    }

    public struct Correction: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public struct ReadAs: Codable, Sendable, Equatable {
        public var corrections: [Correction]
        public var concepts: [String]
        /// `null` when no question was read, as before.
        @NullWhenNone public var intent: String? = nil
        public var unknownWords: [String]
    }

    public struct Help: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// `search --json`.
    public struct Search: Codable, Sendable, Equatable {
        public var query: String
        public var total: Int
        public var results: [SearchResult]
        var readAs: ReadAs?
        public var hidden: Hidden?
        public var suggestions: [String]?
        public var help: Help?
        var ageHint: Int?
        public init(_ r: SearchEngine.Response, query: String, explain: Bool, help: Help?) {
            self.query = query
            total = r.total
            results = r.hits.map(SearchResult.init)
            if explain {
                readAs = ReadAs(corrections: r.corrections.map { Correction(from: $0.from, to: $0.to) }, concepts: r.concepts,
                                intent: r.intent, unknownWords: r.unknownWords)
            }
            hidden = r.hidden > 0 ? Hidden(count: r.hidden, reason: r.hiddenReason ?? "") : nil
            suggestions = r.suggestions.isEmpty ? nil : r.suggestions
            self.help = r.total == 0 ? help : nil
            ageHint = r.ageHint
        }
    }
}
