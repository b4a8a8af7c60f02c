import Foundation

/// Which words of a search may be kept: only words the content itself uses (its index, concept
/// layer and glossary) or English words of the system word list. A whole chunk of the query that
/// holds a digit, `@`, or looks like a web address is dropped before that (postcodes, phone
/// numbers, emails, house numbers, dates of birth), so no part of it survives as a "word".
public struct FeedbackVocabulary: Sendable {
    /// At most this many words of one search are kept.
    static let maxWords = 8
    static let wordLength = 2...24

    let entryIds: Set<String>
    let contentWord: @Sendable (String) -> Bool
    let lexicon: Lexicon

    public init(engine: SearchEngine, lexicon: Lexicon = .system) {
        self.entryIds = Set(engine.content.entries.map(\.id))
        self.contentWord = { w in
            engine.index.surfaceToTerm[w] != nil || engine.concepts.knows(surface: w) || engine.glossaryWords.contains(w)
        }
        self.lexicon = lexicon
    }

    /// For tests: a vocabulary of these words and entry ids.
    public init(words: Set<String>, entryIds: Set<String>, lexicon: Lexicon = Lexicon(words: [])) {
        self.entryIds = entryIds
        self.contentWord = { words.contains($0) }
        self.lexicon = lexicon
    }

    func knowsEntry(_ id: String) -> Bool { entryIds.contains(id) }

    /// The words of `query` that may be kept, in one canonical form (sorted, each once), so that
    /// searches made of the same words count together whatever their order.
    func keptWords(_ query: String) -> [String] {
        var kept = Set<String>()
        let text = String(query.prefix(SearchEngine.maxQueryCharacters))
        for chunk in text.split(whereSeparator: { $0.isWhitespace }) {
            if FeedbackVocabulary.identifying(chunk) { continue }
            for word in Normalizer.tokens(String(chunk)) where isKeepable(word) {
                kept.insert(word)
            }
        }
        return Array(kept.sorted().prefix(FeedbackVocabulary.maxWords))
    }

    /// A chunk that may be (part of) a postcode, phone number, email, address or date.
    static func identifying(_ chunk: Substring) -> Bool {
        if chunk.unicodeScalars.contains(where: { $0.properties.numericType != nil || $0 == "@" }) { return true }
        let lower = chunk.lowercased()
        return lower.contains("://") || lower.hasPrefix("www.") || lower.contains(".co") || lower.contains(".org")
            || lower.contains(".net") || lower.contains(".uk")
    }

    func isKeepable(_ word: String) -> Bool {
        guard FeedbackVocabulary.wordLength.contains(word.utf8.count),
              word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }),
              !Normalizer.stopWords.contains(word) else { return false }
        return contentWord(word) || lexicon.contains(word)
    }
}
