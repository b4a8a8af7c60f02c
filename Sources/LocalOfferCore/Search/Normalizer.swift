/// Turns what people type into comparable tokens: case, accents, apostrophes, punctuation, word endings.
enum Normalizer {
    /// Lower-case, accents removed, apostrophes dropped (`doesn't` = `doesnt`), other punctuation to spaces.
    public static func fold(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 >= 0x80 }) { return foldASCII(text) }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        var lastWasSpace = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            if scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "`" { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                for l in scalar.properties.lowercaseMapping.unicodeScalars { out.append(l) }
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        var s = String(out)
        if s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// The same fold for plain ASCII (nearly all content), byte by byte: the index is built from it.
    static func foldASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for var b in text.utf8 {
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") { continue }
            if b >= 65 && b <= 90 { b += 32 }
            if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) {
                out.append(b)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(32)
                lastWasSpace = true
            }
        }
        if out.last == 32 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Tokens of folded text; letters and digits are split apart ("2yr" → "2", "yr").
    static func tokens(_ text: String) -> [String] {
        if !text.utf8.contains(where: { $0 >= 0x80 }) {
            var fast: [String] = []
            Tokenizer.forEachToken(text) { fast.append($0) }
            return fast
        }
        var result: [String] = []
        for word in fold(text).split(separator: " ") {
            var current = ""
            var currentIsDigit = false
            for ch in word {
                let isDigit = ch.isASCII && ch.isNumber
                if !current.isEmpty && isDigit != currentIsDigit {
                    result.append(current)
                    current = ""
                }
                current.append(ch)
                currentIsDigit = isDigit
            }
            if !current.isEmpty { result.append(current) }
        }
        return result
    }

    /// Words that carry no meaning in a query ("my son doesn't talk yet, who can help").
    /// Only grammar words: anything that could name a need or a service stays.
    static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being",
        "but", "by", "can", "could", "did", "do", "does", "for", "from", "get",
        "got", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "im", "in", "into", "is",
        "it", "its", "ive", "just", "me", "might", "my", "need", "needs", "of", "on", "or", "our", "please",
        "she", "should", "so", "some", "than", "that", "the", "their", "them", "then", "there", "they", "this",
        "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why",
        "will", "with", "would", "yet", "you", "your", "want", "wants", "know", "find", "looking", "look", "there",
        "anyone", "someone", "something", "tell", "much", "many", "also", "still", "really", "help", "helps",
        "support", "service", "services", "child", "childs", "children", "son", "daughter", "kid", "kids", "year",
        "years", "old", "yr", "yrs", "aged", "age", "every", "other", "others", "both", "either",
    ]

    /// Fillers and intensifiers: they carry nothing in a description of a child ("keeps", "always",
    /// "getting", "things"). The concept layer drops them; the word index weighs them little.
    static let fillerWords: Set<String> = [
        "always", "keeps", "keep", "constantly", "every", "quite", "sometimes", "often", "ever", "even", "lot", "lots",
        "bit", "gets", "getting", "going", "goes", "go", "went", "got", "be", "being", "now", "again", "doing",
        "thing", "things", "like", "seems", "seem", "ok", "okay", "etc", "anymore",
        "someone", "everyone", "everything", "anything", "nothing",
    ]

    /// Words of a question that name no topic ("what is the difference between", "anything else",
    /// "a problem with"). With the fillers, they weigh `RankingWeights.weakWord` of a topic word.
    static let questionWords: Set<String> = [
        "between", "difference", "different", "differ", "else", "problem", "problems", "issue", "issues", "way",
        "ways", "best", "able", "happen", "happens", "happening", "mean", "means", "explain", "info", "information",
        "question", "questions", "around", "anywhere", "somewhere", "options", "option", "possible", "same",
        "start", "right", "wrong", "new", "sure", "ask", "asking", "trying", "try", "tried", "worried", "worry",
        "near", "list", "kind", "type", "sort", "whether", "instead",
        // A particle of a question ("find out", "sort out"); the concept layer still reads it in its
        // phrases ("lashes out", "pulls out his hair").
        "out",
        // Eligibility questions: who may use it is the profile's and the verdict's business, not a topic.
        "eligible", "eligibility", "entitled", "qualify", "qualifies", "allowed", "take", "takes", "accept",
        "accepts", "without", "myself", "himself", "herself", "themselves", "yourself",
    ]

    static func isWeak(_ word: String) -> Bool { fillerWords.contains(word) || questionWords.contains(word) }

    /// Words that make a number an age: "2 year old", "7 yrs", "18 months".
    static let ageUnits: Set<String> = ["year", "years", "yr", "yrs", "yo", "month", "months"]

    /// "doesn't talk", "can't walk", "not talking", "no talk", "refuses to eat" all mean the same
    /// worry: every negation is read as "not", by the index, the query and the concept layer alike
    /// (the one list), so "won't sleep" and "never sleeps" meet.
    static let negations: Set<String> = [
        "not", "no", "cannot", "wont", "hasnt", "havent", "never", "arent", "wasnt", "cant", "dont", "doesnt", "didnt",
        "isnt", "wouldnt", "couldnt", "refuses", "refuse", "refusing", "unable",
    ]
    @inline(__always) public static func negated(_ token: String) -> String { negations.contains(token) ? "not" : token }

    /// Stop words for the query. "help", "support", "child" also appear in nearly every entry, so they
    /// only add noise; they are dropped from queries but a query made of nothing else keeps them.
    static func queryTokens(_ text: String) -> [String] {
        let all = tokens(text).map(negated)
        let kept = all.filter { !stopWords.contains($0) }
        return kept.isEmpty ? all : kept
    }
}

/// A light English stemmer: enough that therapist/therapy, assessments/assessment, talking/talk meet.
/// Both the index and the query go through it, so consistency matters more than linguistics.
enum Stemmer {
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 3 else { return word }
        var w = Array(word.utf8)
        guard w.allSatisfy({ $0 >= 97 && $0 <= 122 }) else {
            // Not plain a–z (digits, other scripts): left as it is.
            return word
        }
        @inline(__always) func ends(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard w.count >= n + 2 else { return false }
            let p = s.utf8Start
            for i in 0..<n where w[w.count - n + i] != p[i] { return false }
            return true
        }
        func drop(_ n: Int, add: [UInt8] = []) {
            w.removeLast(n)
            w.append(contentsOf: add)
        }
        // Plurals and verb endings.
        if ends("ies") { drop(3, add: [121]) }
        else if ends("sses") || ends("xes") || ends("ches") || ends("shes") { drop(2) }
        else if ends("s") && !ends("ss") && !ends("us") && !ends("is") { drop(1) }
        if ends("ing") && w.count > 5 { drop(3) }
        else if ends("ied") { drop(3, add: [121]) }
        else if ends("ed") && w.count > 4 { drop(2) }
        // Derivations, one of them.
        for (suffix, replacement) in Stemmer.derivations where ends(suffix) {
            drop(suffix.utf8CodeUnitCount, add: replacement)
            break
        }
        // Doubled consonant left by -ing/-ed ("travelled" → "travel", "running" → "run").
        if w.count > 3, let last = w.last, w[w.count - 2] == last, ![97, 101, 105, 111, 117].contains(last) { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    static let derivations: [(StaticString, [UInt8])] = [
        ("ational", []), ("ation", []), ("ility", [108]), ("ments", []), ("ment", []), ("ists", []), ("ist", []),
        ("ical", []), ("ally", []), ("ness", []), ("ful", []), ("al", []), ("er", []), ("ic", []), ("y", []), ("e", []),
    ]
}

public enum Suggest {
    /// The nearest candidates by edit distance (ids, words), best first.
    public static func nearest(_ word: String, among candidates: [String], max: Int = 3) -> [String] {
        let limit = Swift.max(2, word.count / 3)
        let scored = candidates.compactMap { c -> (String, Int)? in
            let d = EditDistance.osa(word, c, limit: limit)
            if d <= limit { return (c, d) }
            if c.hasPrefix(word) || (word.count >= 4 && c.contains(word)) { return (c, limit) }
            return nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(max).map(\.0)
    }

    /// ": did you mean 'x'?" or nothing.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        let near = nearest(word, among: candidates)
        guard !near.isEmpty else { return "" }
        return " (did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?)"
    }
}
