/// Ways into the content shared by every front end (full screen, plain mode).
public struct BrowseGroup: Sendable, Hashable {
    public var id: String
    public var label: String
    public var ids: [String]
}

extension Content {
    /// Browsing by type (the content's categories), by need area and by age; empty groups left out.
    public var browseGroups: [BrowseGroup] {
        let sorted = entriesByTitle
        var groups = categories.map { c in BrowseGroup(id: c.id, label: c.label, ids: sorted.filter { $0.category == c.id }.map(\.id)) }
        for a in NeedArea.allCases {
            groups.append(BrowseGroup(id: "need-" + a.rawValue, label: "Need: " + a.label, ids: sorted.filter { $0.needAreas.contains(a) }.map(\.id)))
        }
        for (lo, hi) in [(0, 4), (5, 10), (11, 15), (16, 18), (19, 25)] {
            groups.append(BrowseGroup(id: "age-\(lo)", label: "Age \(lo) to \(hi)", ids: sorted.filter { $0.ages.overlaps(lo...hi) }.map(\.id)))
        }
        return groups.filter { !$0.ids.isEmpty }
    }

    /// Glossary terms for what someone typed: exact term or alias first, then those it begins.
    /// Empty: every term, A to Z.
    public func glossarySearch(_ q: String) -> [GlossaryTerm] {
        let key = Normalizer.fold(q)
        guard !key.isEmpty else { return glossary.sorted { $0.term.lowercased() < $1.term.lowercased() } }
        let exact = glossaryLookup(q)
        let partial = glossary.filter { t in
            !exact.contains(t) && ([t.term] + t.aliases).contains { Normalizer.fold($0).hasPrefix(key) }
        }
        return exact + partial
    }

    /// The glossary terms that appear in an entry, for explaining the words on its page.
    public func glossaryTerms(in e: Entry) -> [GlossaryTerm] {
        let text = Normalizer.fold([e.title, e.summary, e.description].joined(separator: " "))
        let words = Set(text.split(separator: " ").map(String.init))
        return glossary.filter { t in
            ([t.term] + t.aliases).contains { a in
                let f = Normalizer.fold(a)
                return f.contains(" ") ? text.contains(f) : words.contains(f)
            }
        }
    }

    /// "Talk to someone": the entries vocabulary.yaml lists under `talk_to`, in that order.
    public var talkToEntries: [Entry] { talkTo.compactMap { entry($0) } }
}
