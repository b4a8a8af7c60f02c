import Foundation

/// A flow's outcome: its text for the family's borough, and the services listed usable first, ranked
/// by the same eligibility and relevance as search.
extension FlowEngine {
    static func makeOutcome(_ node: FlowNode, profile: Profile, content: Content,
                                   search: SearchEngine? = nil, words: String = "") -> FlowOutcome {
        var text = node.text
        if let b = profile.borough, let extra = node.boroughText[b] {
            text += text.isEmpty ? extra : "\n\n" + extra
        } else if profile.borough == nil, !node.boroughText.isEmpty {
            for b in Borough.allCases {
                if let extra = node.boroughText[b] { text += (text.isEmpty ? "" : "\n\n") + "In \(b.name): " + extra }
            }
        }
        var candidates: [Entry] = node.entries.compactMap { content.entry($0) }
        var seen = Set(candidates.map(\.id))
        var needs: Set<NeedArea> = []
        if let q = node.query {
            let asked: Set<NeedArea>? = {
                switch q.needs {
                case .profile: return profile.needs
                case .areas(let a): return Set(a)
                case nil: return nil
                }
            }()
            needs = asked ?? []
            for e in content.entries where !seen.contains(e.id) {
                if let kind = q.kind, e.kind != kind { continue }
                if !q.categories.isEmpty && !q.categories.contains(e.category) { continue }
                if let asked, !asked.isEmpty, asked.isDisjoint(with: e.needAreas) { continue }
                if let asked, asked.isEmpty, case .profile = q.needs { continue }
                let v = content.verdict(of: e, profile: profile)
                guard v == .eligible || (q.includeCheck && v == .check) else { continue }
                candidates.append(e)
                seen.insert(e.id)
            }
        }
        // One rule decides who can use what (the same as search and show): what the child can use
        // comes first, best match first; what is not for this child only where it points to
        // something the child can use instead, after all of them.
        var verdicts: [String: Eligibility] = [:]
        for e in candidates { verdicts[e.id] = content.eligibility(of: e, profile: profile) }
        let usable = candidates.filter { verdicts[$0.id]?.verdict != .notEligible }
        let usableIds = Set(usable.map(\.id))
        let pointers = candidates.filter { e in
            guard let v = verdicts[e.id], v.verdict == .notEligible else { return false }
            return v.instead.contains { id in
                usableIds.contains(id) || content.entry(id).map { content.verdict(of: $0, profile: profile) != .notEligible } ?? false
            }
        }
        let ranked = rank(usable, needs: needs, profile: profile, content: content, search: search, words: words,
                          authored: node.entries)
        let entries = ranked + pointers
        // A set, not a scan of the list per verdict: at 100,000 services that scan was most of a flow's outcome.
        let kept = Set(entries.map(\.id))
        verdicts = verdicts.filter { id, _ in kept.contains(id) }
        return FlowOutcome(node: node, title: node.title ?? "", text: text, entries: entries, eligibility: verdicts)
    }

    /// The words of the answers that say what the child finds hard ("Talking and understanding
    /// others"): the options chosen on the path that set a need area. Search reads them as a
    /// parent's description, so the outcome ranks services as a search for them would.
    static func needWords(path: [FlowNode], answers: [String: Answer]) -> String {
        var words: [String] = []
        for node in path {
            let chosen: [String]
            switch answers[node.id] {
            case .choice(let v)?: chosen = [v]
            case .multi(let vs)?: chosen = vs
            default: continue
            }
            for v in chosen {
                if let o = node.options.first(where: { $0.value == v }), o.set.needs != nil { words.append(o.label) }
            }
        }
        return words.joined(separator: ". ")
    }

    /// Best first. Relevance: how closely a service's need areas match the ones asked about
    /// (Jaccard: shared areas over all areas of either, so a service for exactly these needs comes
    /// before one for every need) and, when a search engine and the answers' words are given, how
    /// well search ranks it for those words (its score over the best one's), half each. Times
    /// search's own factor for the verdict (less when whether the child can use it depends on
    /// something, "? check"): a relevant service the family must ask about still comes before a
    /// general one they can use. Ties: the
    /// flow's own list order (`authored`), then the content's category order, then title.
    static func rank(_ entries: [Entry], needs: Set<NeedArea>, profile: Profile, content: Content,
                            search: SearchEngine? = nil, words: String = "", authored: [String] = []) -> [Entry] {
        let order = Dictionary(content.categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let listed = Dictionary(authored.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var textScore: [String: Double] = [:]
        if let search, !words.isEmpty {
            let wanted = Set(entries.map(\.id))
            let hits = search.search(words, profile: profile).hits.filter { wanted.contains($0.entry.id) }
            let best = hits.map(\.score).max() ?? 0
            if best > 0 { for h in hits { textScore[h.entry.id] = h.score / best } }
        }
        func needFit(_ e: Entry) -> Double {
            guard !needs.isEmpty else { return 1 }
            let areas = Set(e.needAreas)
            let union = areas.union(needs).count
            return union == 0 ? 0 : Double(areas.intersection(needs).count) / Double(union)
        }
        let keyed = entries.map { e -> (entry: Entry, score: Double, listed: Int, category: Int) in
            let fit = textScore.isEmpty ? needFit(e) : (needFit(e) + (textScore[e.id] ?? 0)) / 2
            return (e, fit * SearchEngine.profileFactor(e, profile), listed[e.id] ?? Int.max, order[e.category] ?? Int.max)
        }
        return keyed.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.listed != b.listed { return a.listed < b.listed }
            if a.category != b.category { return a.category < b.category }
            return a.entry.title.localizedCaseInsensitiveCompare(b.entry.title) == .orderedAscending
        }.map(\.entry)
    }
}
