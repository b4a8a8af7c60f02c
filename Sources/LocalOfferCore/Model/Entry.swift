public enum EntryKind: String, Sendable, Hashable {
    case service, guide
}

public struct StatusRule: Sendable, Hashable {
    public var verdict: Verdict
    public var reason: String
    public var instead: [String]
    public init(verdict: Verdict, reason: String, instead: [String] = []) {
        self.verdict = verdict
        self.reason = reason
        self.instead = instead
    }
}

public struct Contact: Sendable, Hashable {
    public var website: String?
    public var phone: String?
    public var email: String?
    public init(website: String? = nil, phone: String? = nil, email: String? = nil) {
        self.website = website
        self.phone = phone
        self.email = email
    }
    public var isEmpty: Bool { website == nil && phone == nil && email == nil }
    public var lines: [String] {
        var out: [String] = []
        if let website { out.append("Website: \(website)") }
        if let phone { out.append("Phone: \(phone)") }
        if let email { out.append("Email: \(email)") }
        return out
    }
}

/// What differs in one borough: a shared entry with a part per borough that overrides or adds.
public struct BoroughPart: Sendable, Hashable {
    public var offered: Bool
    public var provider: String?
    public var howToGet: String?
    public var routes: [String]
    public var differences: String?
    public var eligibility: [Status: StatusRule]
    public var contact: Contact?
    public var reason: String?
    public var instead: [String]
    /// Where `offered` is false: a way families of this borough can still use it (a `cross_borough`
    /// id from vocabulary.yaml, such as `ehc-plan` for a school in the other borough). Where a
    /// service is and who it serves are different things.
    public var openVia: String?

    public init(offered: Bool = true, provider: String? = nil, howToGet: String? = nil, routes: [String] = [],
                differences: String? = nil, eligibility: [Status: StatusRule] = [:], contact: Contact? = nil,
                reason: String? = nil, instead: [String] = [], openVia: String? = nil) {
        self.openVia = openVia
        self.offered = offered
        self.provider = provider
        self.howToGet = howToGet
        self.routes = routes
        self.differences = differences
        self.eligibility = eligibility
        self.contact = contact
        self.reason = reason
        self.instead = instead
    }
}

public struct TalkingPoints: Sendable, Hashable {
    public var ask: [String]
    public var bring: [String]
    public var next: [String]
    public init(ask: [String] = [], bring: [String] = [], next: [String] = []) {
        self.ask = ask
        self.bring = bring
        self.next = next
    }
    public var isEmpty: Bool { ask.isEmpty && bring.isEmpty && next.isEmpty }
}

public struct Statutory: Sendable, Hashable {
    public var basis: String?
    public var timescales: String?
    public init(basis: String? = nil, timescales: String? = nil) {
        self.basis = basis
        self.timescales = timescales
    }
}

public struct GuideStep: Sendable, Hashable {
    public var title: String
    public var text: String
    public var entries: [String]
    public init(title: String, text: String, entries: [String] = []) {
        self.title = title
        self.text = text
        self.entries = entries
    }
}

/// Where something was read from, so every later problem can name FILE:LINE:COL.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        return s
    }
}

public struct Entry: Sendable, Hashable, Identifiable {
    public var id: String
    public var kind: EntryKind
    public var title: String
    public var summary: String
    public var description: String
    public var category: String
    public var needAreas: [NeedArea]
    public var ages: ClosedRange<Int>
    public var parentWords: [String]
    public var cost: String?
    /// Shared rule per status; guides may have none (a guide is for everyone).
    public var eligibility: [Status: StatusRule]
    public var boroughs: [Borough: BoroughPart]
    public var contact: Contact?
    public var related: [String]
    public var talkingPoints: TalkingPoints?
    public var statutory: Statutory?
    public var steps: [GuideStep]
    public var lastReviewed: String
    public var sources: [String]
    /// Where it physically is (a school, a unit, a building), when that is one borough; empty when
    /// it is not tied to a place or not said.
    public var locatedIn: [Borough]
    public var location: SourceLocation
    /// Imported and not yet reviewed (`draft: true`): checked like any entry, but shown to no family
    /// (search, list, flows, the navigator and the export leave it out) until `localoffer review` clears it.
    public var draft: Bool = false

    public init(id: String, kind: EntryKind = .service, title: String, summary: String, description: String = "",
                category: String = "", needAreas: [NeedArea] = NeedArea.allCases, ages: ClosedRange<Int> = 0...25,
                parentWords: [String] = [], cost: String? = nil, eligibility: [Status: StatusRule] = [:],
                boroughs: [Borough: BoroughPart] = [.richmond: BoroughPart(), .kingston: BoroughPart()],
                contact: Contact? = nil, related: [String] = [], talkingPoints: TalkingPoints? = nil,
                statutory: Statutory? = nil, steps: [GuideStep] = [], lastReviewed: String = "2026-11-29",
                sources: [String] = [], locatedIn: [Borough] = [], location: SourceLocation = SourceLocation(file: "")) {
        self.locatedIn = locatedIn
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.description = description
        self.category = category
        self.needAreas = needAreas
        self.ages = ages
        self.parentWords = parentWords
        self.cost = cost
        self.eligibility = eligibility
        self.boroughs = boroughs
        self.contact = contact
        self.related = related
        self.talkingPoints = talkingPoints
        self.statutory = statutory
        self.steps = steps
        self.lastReviewed = lastReviewed
        self.sources = sources
        self.location = location
    }

    /// Boroughs where the entry is offered, in contract order.
    public var offeredIn: [Borough] {
        Borough.allCases.filter { boroughs[$0]?.offered ?? false }
    }

    /// Boroughs whose families can ask for it by another route although it is not offered there.
    public var openToOthersIn: [Borough] {
        Borough.allCases.filter { b in boroughs[b].map { !$0.offered && $0.openVia != nil } ?? false }
    }

    /// Boroughs whose families it serves: where it is offered, and where there is another way in.
    public var servedIn: [Borough] {
        Borough.allCases.filter { b in boroughs[b].map { $0.offered || $0.openVia != nil } ?? false }
    }

    /// Whether the borough parts say different things (provider, route, policy, rules).
    public var differsByBorough: Bool {
        let parts = Borough.allCases.map { boroughs[$0] }
        guard let first = parts.first else { return false }
        return parts.contains { $0 != first }
    }
}

public struct GlossaryTerm: Sendable, Hashable {
    public var term: String
    public var meaning: String
    public var aliases: [String]
    public var see: [String]
    public var location: SourceLocation
    public init(term: String, meaning: String, aliases: [String] = [], see: [String] = [],
                location: SourceLocation = SourceLocation(file: "")) {
        self.term = term
        self.meaning = meaning
        self.aliases = aliases
        self.see = see
        self.location = location
    }
}

public struct LabelledValue: Sendable, Hashable {
    public var id: String
    public var label: String
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

public struct PostcodeDistrict: Sendable, Hashable {
    public var district: String
    public var boroughs: [Borough]
    public var others: [String]
    public init(district: String, boroughs: [Borough], others: [String] = []) {
        self.district = district
        self.boroughs = boroughs
        self.others = others
    }
}

public struct CoverageItem: Sendable, Hashable {
    public var id: String
    public var text: String
    public var entries: [String]
    public var location: SourceLocation
    public init(id: String, text: String, entries: [String], location: SourceLocation = SourceLocation(file: "")) {
        self.id = id
        self.text = text
        self.entries = entries
        self.location = location
    }
}
