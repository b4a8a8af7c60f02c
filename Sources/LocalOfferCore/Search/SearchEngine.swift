/// Search over the Local Offer: the index plus what the content knows (glossary, eligibility, profile).
public struct SearchEngine: Sendable {
    public let content: Content
    public let index: SearchIndex

    public init(content: Content) {
        self.content = content
        let docs = content.entries.map { SearchEngine.document(for: $0, in: content) }
        // The glossary's terms and aliases are synonyms. An entry's parent words are not: they are
        // indexed with the entry (a field of their own), and as synonyms they spread one entry's
        // words to every other entry that shares one of them.
        self.index = SearchIndex(documents: docs, synonymGroups: content.glossary.map { [$0.term] + $0.aliases })
    }

    static func document(for e: Entry, in content: Content) -> SearchDocument {
        var body = [e.description, content.categoryLabel(e.category)]
        for b in Borough.allCases {
            guard let p = e.boroughs[b] else { continue }
            body += [p.provider, p.howToGet, p.differences, p.reason].compactMap { $0 }
        }
        for s in e.steps { body += [s.title, s.text] }
        if let t = e.talkingPoints { body += t.ask + t.bring + t.next }
        return SearchDocument(title: e.title, words: e.parentWords.joined(separator: ". "),
                              summary: e.summary, body: body.joined(separator: "\n"), ages: e.ages,
                              phrases: e.parentWords, weight: e.kind == .guide ? 0.8 : 1)
    }

    public struct Hit: Sendable {
        public var entry: Entry
        public var score: Double
        public var eligibility: Eligibility?
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
        public var ageHint: Int?
    }

    /// Ids nearest to one that does not exist: by spelling, then by meaning.
    public func nearestIds(to id: String, max: Int = 3) -> [String] {
        let near = Suggest.nearest(id, among: content.entries.map(\.id), max: max)
        if !near.isEmpty { return near }
        return search(id.replacingOccurrences(of: "-", with: " ") + " ", limit: max).hits.map(\.entry.id)
    }

    /// Eligible entries rank first for a known profile, without dropping the rest.
    public func search(_ query: String, profile: Profile = Profile(), need: NeedArea? = nil, limit: Int? = nil) -> Response {
        let entries = content.entries
        let ranked = profile.constrainsEligibility
        let allowed: (Int) -> Bool = { d in need.map { entries[d].needAreas.contains($0) } ?? true }
        // The need filter is applied before the cut so `limit` counts only entries shown.
        let result = index.search(query, limit: nil, boost: { d in
            guard allowed(d) else { return 0 }
            guard ranked else { return 1 }
            switch EligibilityEngine.verdict(entries[d], borough: profile.borough, age: profile.age, status: profile.status) {
            case .eligible: return 1.0
            case .check: return 0.8
            case .notEligible: return 0.3
            }
        })
        let visible = result.hits.filter { $0.score > 0 }
        let hidden = result.hits.count - visible.count
        let shown = limit.map { Array(visible.prefix($0)) } ?? visible
        let hits = shown.map { h in
            Hit(entry: entries[h.doc], score: h.score,
                eligibility: ranked ? content.eligibility(of: entries[h.doc], profile: profile) : nil)
        }
        var suggestions: [String] = []
        if visible.isEmpty || !result.plan.unknownWords.isEmpty {
            for w in result.plan.unknownWords { suggestions += index.nearestWords(to: w) }
            if visible.isEmpty && result.plan.unknownWords.isEmpty {
                for w in result.plan.words { suggestions += index.nearestWords(to: w) }
            }
        }
        var seen = Set<String>()
        suggestions = suggestions.filter { seen.insert($0).inserted }
        return Response(query: query, total: visible.count, hits: hits, hidden: hidden,
                        hiddenReason: hidden > 0 ? "\(hidden) more matched but are not for \(need?.label.lowercased() ?? "the chosen need")" : nil,
                        unknownWords: result.plan.unknownWords, suggestions: suggestions, ageHint: result.plan.ageHint)
    }
}
