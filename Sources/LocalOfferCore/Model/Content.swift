import Foundation

/// Everything loaded from one content folder. Immutable once built; a kiosk swaps whole values.
public struct Content: Sendable {
    public var entries: [Entry]
    public var glossary: [GlossaryTerm]
    public var categories: [LabelledValue]
    public var routes: [LabelledValue]
    /// Ways a family can use something run in the other borough (`open_via`), from vocabulary.yaml.
    var crossBorough: [LabelledValue]
    /// The concept layer and question intents that search uses (concepts.yaml, vocabulary.yaml).
    public var concepts: [Concept]
    public var intents: [Intent]
    /// Forms parents write for the noun the content uses ("speak" → "speech"), from vocabulary.yaml:
    /// a query word with a form here is also searched as that noun.
    public var nounForms: [String: String]
    public var postcodes: [PostcodeDistrict]
    public var coverage: [CoverageItem]
    public var flows: [Flow]
    /// Who "Talk to someone" offers first, from vocabulary.yaml.
    var talkTo: [String]
    public var root: URL?
    private var indexById: [String: Int]

    public init(entries: [Entry], glossary: [GlossaryTerm] = [], categories: [LabelledValue] = [],
                routes: [LabelledValue] = [], postcodes: [PostcodeDistrict] = [], coverage: [CoverageItem] = [],
                flows: [Flow] = [], talkTo: [String] = [], crossBorough: [LabelledValue] = [], concepts: [Concept] = [],
                intents: [Intent] = [], nounForms: [String: String] = [:], root: URL? = nil) {
        self.concepts = concepts
        self.nounForms = nounForms
        self.intents = intents
        self.crossBorough = crossBorough
        self.entries = entries
        self.glossary = glossary
        self.categories = categories
        self.routes = routes
        self.postcodes = postcodes
        self.coverage = coverage
        self.flows = flows
        self.talkTo = talkTo
        self.root = root
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() where index[e.id] == nil { index[e.id] = i }
        self.indexById = index
    }

    public func entry(_ id: String) -> Entry? { indexById[id].map { entries[$0] } }
    public func flow(_ id: String) -> Flow? { flows.first { $0.id == id } }
    public func categoryLabel(_ id: String) -> String { categories.first { $0.id == id }?.label ?? id }
    public func routeLabel(_ id: String) -> String { routes.first { $0.id == id }?.label ?? id }
    public func crossBoroughLabel(_ id: String) -> String { crossBorough.first { $0.id == id }?.label ?? id }
    public func title(of id: String) -> String { entry(id)?.title ?? id }

    /// Glossary terms matching a word by term or alias, any case.
    public func glossaryLookup(_ word: String) -> [GlossaryTerm] {
        let key = Normalizer.fold(word)
        return glossary.filter { t in
            Normalizer.fold(t.term) == key || t.aliases.contains { Normalizer.fold($0) == key }
        }
    }

    /// Entries sorted by title, as `list` and A–Z browsing show them.
    public var entriesByTitle: [Entry] {
        entries.sorted { $0.title.localizedCaseInsensitiveCompare($1.title) == .orderedAscending }
    }
}

extension Content {
    /// Where an entry is and whom it serves, in one line: "In Kingston · Richmond families can ask for
    /// it through their EHC plan". Nil when it is simply offered in both boroughs.
    public func placeLine(_ e: Entry) -> String? {
        var parts: [String] = []
        let offered = e.offeredIn
        if !e.locatedIn.isEmpty {
            parts.append(tr(.placeIn, ["boroughs": Catalogue.current.list(e.locatedIn.map(\.name), last: .listAnd)]))
        } else if offered.count == 1, let only = offered.first {
            parts.append(tr(.placeOnly, ["borough": only.name]))
        } else if offered.isEmpty {
            parts.append(tr(.placeNowhere))
        }
        for b in e.openToOthersIn {
            if let via = e.boroughs[b]?.openVia { parts.append(tr(.placeFamiliesVia, ["borough": b.name, "via": crossBoroughLabel(via)])) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
