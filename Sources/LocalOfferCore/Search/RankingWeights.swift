/// Every number that ranks search results, in one place, each with why. Tuned on
/// Tests/Evaluation (never on one query); the held-out queries are scored, not tuned on.
enum RankingWeights {
    // MARK: The word index (BM25F)

    /// Title › parent words › summary › body: a title says what an entry is; a parent word is how
    /// families name it; a body mentions many things in passing.
    static let fieldWeights: [Float] = [5.0, 2.5, 1.5, 1.0]
    /// BM25's usual saturation and length normalisation.
    static let k1: Float = 1.2
    public static let b: Float = 0.75
    /// A guide explains; a service provides. A service named as plainly as a guide ranks first.
    static let guideWeight = 0.8
    /// Share of a document's word score it keeps however few of the query's words it has; the rest
    /// grows with the square of the share of the query's weight it covers.
    static let coverageFloor = 0.2

    // MARK: How a query word reached an index word

    /// A glossary synonym means the same, but the parent did not write it.
    static let synonym: Float = 0.8
    /// A prefix of the word being typed: longer prefixes are surer.
    static let prefixLong: Float = 0.8      // 4 letters or more
    static let prefixThree: Float = 0.6
    static let prefixShort: Float = 0.4     // 2 letters
    /// A misspelling, by edit distance.
    static let typoOneEdit: Float = 0.7
    static let typoTwoEdits: Float = 0.5
    /// Spelt as it sounds ("skool"): as sure as one edit.
    static let soundsLike: Float = 0.7
    /// A verb for the noun the content uses ("speak" for speech): nearly the word itself.
    static let wordForm: Float = 0.9
    /// Question and filler words ("between", "problem", "else", "getting") name no topic: they
    /// count this much of a topic word, in the score and in how much of the query a match covers.
    static let weakWord: Float = 0.25

    // MARK: Title and naming-phrase boosts (leading candidates only)

    static let titleExact = 2.0
    static let titleContains = 1.6
    /// A parent word typed whole: surer when it is a phrase than one word another entry may use.
    static let namingPhrase = 1.6
    static let namingWord = 1.3
    /// A name of the entry (a parent phrase or its title, two words or more) said in the query:
    /// the family named what they want, whatever else the sentence says.
    static let namedInQuery = 1.6
    /// The same name said among other words of a topic ("does the disabled children's team take kids
    /// with adhd"): it also counts as a whole sure match of words (`maxWordScore`), so the rest of
    /// the sentence does not outrank the entry named.
    static let namedAmongOthers = 1.5
    /// How many leading candidates the boosts look at (comparing text for every match costs more
    /// than the ranking).
    static let boostedCandidates = 200

    // MARK: Words and concepts together

    /// BM25F points that count as one full match of the words (a good title match scores 6 to 12).
    static let wordScale = 8.0
    /// A word score never outweighs what the concepts can say by more than this.
    static let maxWordScore = 1.5
    /// Concepts summed over a document are capped: many loose phrases are not one sure one.
    static let maxConceptScore = 2.0
    /// A concept phrase of 3 or more words is surer than 2, and 2 than 1 ("covers ears" › "ears").
    static func phraseStrength(words: Int) -> Double {
        words >= 3 ? 1.1 : (words == 2 ? 0.95 : 0.75)
    }

    // MARK: What else is known

    /// The base score of an entry a question names, when the question is all the query says.
    static let questionAlone = 0.5
    /// A question's intent ("how long…" wants a guide) steers the kind of result.
    static let intentMatch = 1.3
    /// An age in the query (or a concept's age) that the entry does not serve.
    static let outsideAges = 0.5
    /// For a known profile: eligible first, "check" close behind, not eligible kept but low.
    public static func profile(_ v: Verdict) -> Double {
        switch v {
        case .eligible: return 1.0
        case .check: return 0.8
        case .notEligible: return 0.3
        }
    }
    /// Words in more than this share of the directory (and more than `commonFloor` documents)
    /// only re-rank what other words found, on a large directory: reading their whole posting
    /// lists would cost a keystroke more than the rest of the query. On a small directory every
    /// word brings in candidates.
    static let commonShare = 8
    static let commonFloor = 4_096
}
