/// A guided question flow, read from content/flows/. Nodes are questions or outcomes; which node
/// follows a question is a declarative rule on the answers so far, never code per flow.
public enum QuestionType: String, Codable, Sendable, Hashable, CaseIterable {
    case choice, multi, number, postcode, outcome
}

/// A value written into the profile by an option (`set:`) or a question (`profile:`).
public enum ProfileField: String, Codable, Sendable, Hashable, CaseIterable {
    case borough, age, status, needs
}

public struct ProfileAssignment: Codable, Sendable, Hashable {
    public var borough: Borough?
    public var age: Int?
    public var status: Status?
    public var needs: NeedArea?
    public init(borough: Borough? = nil, age: Int? = nil, status: Status? = nil, needs: NeedArea? = nil) {
        self.borough = borough
        self.age = age
        self.status = status
        self.needs = needs
    }
    public var isEmpty: Bool { borough == nil && age == nil && status == nil && needs == nil }
}

public struct FlowOption: Codable, Sendable, Hashable {
    public var value: String
    public var label: String
    public var next: String?
    public var exclusive: Bool
    public var set: ProfileAssignment
    var location: SourceLocation
    public init(value: String, label: String, next: String? = nil, exclusive: Bool = false,
                set: ProfileAssignment = ProfileAssignment(), location: SourceLocation = SourceLocation(file: "")) {
        self.value = value
        self.label = label
        self.next = next
        self.exclusive = exclusive
        self.set = set
        self.location = location
    }
}

/// One `when` condition: what a question's answer (or the profile) must be.
public enum Condition: Codable, Sendable, Hashable {
    case anyOf([String])
    case range(min: Int?, max: Int?)
}

public struct FlowRule: Codable, Sendable, Hashable {
    /// key (question id or `profile.FIELD`) → condition; all must hold. Empty: the default rule.
    public var when: [String: Condition]
    var goto: String
    var location: SourceLocation
    public init(when: [String: Condition] = [:], goto: String, location: SourceLocation = SourceLocation(file: "")) {
        self.when = when
        self.goto = goto
        self.location = location
    }
}

public struct OutcomeQuery: Codable, Sendable, Hashable {
    public enum Needs: Codable, Sendable, Hashable {
        case profile
        case areas([NeedArea])
    }
    public var needs: Needs?
    public var categories: [String]
    public var kind: EntryKind?
    var includeCheck: Bool
    public init(needs: Needs? = nil, categories: [String] = [], kind: EntryKind? = nil, includeCheck: Bool = true) {
        self.needs = needs
        self.categories = categories
        self.kind = kind
        self.includeCheck = includeCheck
    }
}

public struct FlowNode: Codable, Sendable, Hashable {
    public var id: String
    public var type: QuestionType
    public var text: String
    public var help: String?
    public var profile: ProfileField?
    public var options: [FlowOption]
    public var min: Int?
    public var max: Int?
    public var next: [FlowRule]
    // Outcome fields.
    public var title: String?
    var boroughText: [Borough: String]
    public var entries: [String]
    public var query: OutcomeQuery?
    var location: SourceLocation

    public init(id: String, type: QuestionType, text: String = "", help: String? = nil, profile: ProfileField? = nil,
                options: [FlowOption] = [], min: Int? = nil, max: Int? = nil, next: [FlowRule] = [],
                title: String? = nil, boroughText: [Borough: String] = [:], entries: [String] = [],
                query: OutcomeQuery? = nil, location: SourceLocation = SourceLocation(file: "")) {
        self.id = id
        self.type = type
        self.text = text
        self.help = help
        self.profile = profile
        self.options = options
        self.min = min
        self.max = max
        self.next = next
        self.title = title
        self.boroughText = boroughText
        self.entries = entries
        self.query = query
        self.location = location
    }

    public var isOutcome: Bool { type == .outcome }

    /// Every node this one can lead to, for validation and the Graphviz view.
    var successors: [String] {
        var out: [String] = options.compactMap(\.next)
        out += next.map(\.goto)
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}

public struct Flow: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String
    public var start: String
    public var nodes: [FlowNode]
    /// The pages its facts (timescales, dates, rules) come from, and when they were last checked:
    /// a flow states the law as much as an entry does.
    public var sources: [String]
    public var lastReviewed: String
    var location: SourceLocation

    public init(id: String, title: String, summary: String = "", start: String, nodes: [FlowNode],
                sources: [String] = [], lastReviewed: String = "",
                location: SourceLocation = SourceLocation(file: "")) {
        self.sources = sources
        self.lastReviewed = lastReviewed
        self.id = id
        self.title = title
        self.summary = summary
        self.start = start
        self.nodes = nodes
        self.location = location
        self.index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Where each node is in `nodes`: walking a long flow must not scan it once per step.
    private var index: [String: Int] = [:]

    public func node(_ id: String) -> FlowNode? {
        // `nodes` is a var: trust the index only while it still points at the right node.
        if let i = index[id], i < nodes.count, nodes[i].id == id { return nodes[i] }
        return nodes.first { $0.id == id }
    }
}
