/// The concept layer (content/concepts.yaml): everyday phrases about a child mapped to the entries
/// that help, with weights, so a description finds the right guide when no entry uses its words.
public struct Concept: Sendable, Hashable {
    public var id: String
    public var label: String
    var domain: String
    public var needAreas: [NeedArea]
    /// An age the words mean ("teenager": 13 to 19), used like an age typed in the query.
    public var ages: ClosedRange<Int>?
    /// False for old names and misleading words: once the phrase matches, its words are not also
    /// searched literally ("statement" must not find the Short Breaks Services Statement).
    public var literal: Bool
    public var entries: [(id: String, weight: Double)]
    var phrases: [String]
    var location: SourceLocation

    public init(id: String, label: String, domain: String = "", needAreas: [NeedArea] = [], ages: ClosedRange<Int>? = nil,
                literal: Bool = true, entries: [(id: String, weight: Double)] = [], phrases: [String] = [],
                location: SourceLocation = SourceLocation(file: "")) {
        self.id = id
        self.label = label
        self.domain = domain
        self.needAreas = needAreas
        self.ages = ages
        self.literal = literal
        self.entries = entries
        self.phrases = phrases
        self.location = location
    }

    public static func == (a: Concept, b: Concept) -> Bool { a.id == b.id && a.location == b.location }
    public func hash(into h: inout Hasher) { h.combine(id) }

    static let domains: [String] = [
        "behaviour", "body", "play", "school", "home", "feelings", "sleep", "eating", "toileting", "senses",
        "learning", "communication", "family", "growing-up", "old-names", "services",
    ]
}

/// What a question asks for (vocabulary.yaml `intents`): "how long…" wants a guide, "who do I talk
/// to…" wants people. It steers the kind of result; it never removes the best match for the rest.
public struct Intent: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    var phrases: [String]
    /// Words that belong to the question once it is recognised ("take" in "how long does X take").
    public var words: [String]
    var preferKind: EntryKind?
    var preferCategories: [String]
    var preferEntries: [String]
    var location: SourceLocation
    public init(id: String, label: String, phrases: [String], words: [String] = [], preferKind: EntryKind? = nil, preferCategories: [String] = [],
                preferEntries: [String] = [], location: SourceLocation = SourceLocation(file: "")) {
        self.id = id
        self.label = label
        self.phrases = phrases
        self.words = words
        self.preferKind = preferKind
        self.preferCategories = preferCategories
        self.preferEntries = preferEntries
        self.location = location
    }
}

/// Codable by hand only because `entries` is a list of tuples; every other field is coded by name,
/// so the content snapshot carries a concept whole.
extension Concept: Codable {
    private enum Keys: String, CodingKey { case id, label, domain, needAreas, ages, literal, entryIds, entryWeights, phrases, location }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let ids = try c.decode([String].self, forKey: .entryIds)
        let weights = try c.decode([Double].self, forKey: .entryWeights)
        guard ids.count == weights.count else {
            throw DecodingError.dataCorruptedError(forKey: .entryWeights, in: c, debugDescription: "one weight per entry")
        }
        self.init(id: try c.decode(String.self, forKey: .id), label: try c.decode(String.self, forKey: .label),
                  domain: try c.decode(String.self, forKey: .domain), needAreas: try c.decode([NeedArea].self, forKey: .needAreas),
                  ages: try c.decodeIfPresent(ClosedRange<Int>.self, forKey: .ages), literal: try c.decode(Bool.self, forKey: .literal),
                  entries: Array(zip(ids, weights)).map { (id: $0.0, weight: $0.1) },
                  phrases: try c.decode([String].self, forKey: .phrases), location: try c.decode(SourceLocation.self, forKey: .location))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(domain, forKey: .domain)
        try c.encode(needAreas, forKey: .needAreas)
        try c.encodeIfPresent(ages, forKey: .ages)
        try c.encode(literal, forKey: .literal)
        try c.encode(entries.map(\.id), forKey: .entryIds)
        try c.encode(entries.map(\.weight), forKey: .entryWeights)
        try c.encode(phrases, forKey: .phrases)
        try c.encode(location, forKey: .location)
    }
}
