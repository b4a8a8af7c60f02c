public enum EntryKind: String, Codable, Sendable, Hashable {
    case service, guide
}

public struct StatusRule: Codable, Sendable, Hashable {
    public var verdict: Verdict
    public var reason: String
    public var instead: [String]
    public init(verdict: Verdict, reason: String, instead: [String] = []) {
        self.verdict = verdict
        self.reason = reason
        self.instead = instead
    }
}

/// How a family reaches a service. Only what a cited source shows: never an invented number,
/// address or email. `askInstead` names another entry (with its own way in) for a service that
/// publishes none, so a family is never left with nothing to do.
public struct Contact: Sendable, Hashable, Codable {
    var website: String?
    public var phone: String?
    var email: String?
    /// A postal or visiting address, as the source gives it.
    public var address: String?
    /// A web address where a family fills in a form (a referral, a request, an application).
    var webForm: String?
    /// The id of an entry that can put the family in touch (SENDIASS, the SEND team).
    var askInstead: String?
    public init(website: String? = nil, phone: String? = nil, email: String? = nil, address: String? = nil,
                webForm: String? = nil, askInstead: String? = nil, askInsteadLines: [String] = []) {
        self.askInsteadLines = askInsteadLines
        self.website = website
        self.phone = phone
        self.email = email
        self.address = address
        self.webForm = webForm
        self.askInstead = askInstead
    }
    public var isEmpty: Bool {
        website == nil && phone == nil && email == nil && address == nil && webForm == nil && askInstead == nil
    }
    /// A way to act on now: a number to ring, an address to write or go to, an email, a form. A
    /// website alone is not one (it may only describe the service).
    var isDirect: Bool { phone != nil || email != nil || address != nil || webForm != nil }

    /// What `askInstead` points to, filled in when the content is loaded (the loader resolves the
    /// id to the other entry's title and its own ways in), so every front end shows a family who
    /// to ask and how, never a bare id.
    var askInsteadLines: [String] = []

    /// The lines every front end shows, in the order a family acts on them.
    public var lines: [String] {
        let via = askInsteadLines.isEmpty ? (askInstead.map { [tr(.contactAskInstead, ["who": $0])] } ?? []) : askInsteadLines
        return lines(askInsteadLines: via)
    }

    /// The direct ways in only (no website, no ask-instead): what another entry's ask-instead shows.
    public var directLines: [String] {
        [(S.contactPhone, phone), (.contactEmail, email), (.contactAddress, address), (.contactForm, webForm)]
            .compactMap { k, v in v.map { tr(k, ["value": $0]) } }
    }

    private func lines(askInsteadLines: [String]) -> [String] {
        directLines + (website.map { [tr(.contactWebsite, ["value": $0])] } ?? []) + askInsteadLines
    }

    /// The same fields for JSON, with the content's own key names.
    public var fields: [(key: String, value: String)] {
        [("phone", phone), ("email", email), ("address", address), ("web_form", webForm), ("website", website),
         ("ask_instead", askInstead)].compactMap { k, v in v.map { (k, $0) } }
    }
}

/// What differs in one borough: a shared entry with a part per borough that overrides or adds.
public struct BoroughPart: Codable, Sendable, Hashable {
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

public struct TalkingPoints: Codable, Sendable, Hashable {
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

public struct Statutory: Codable, Sendable, Hashable {
    public var basis: String?
    public var timescales: String?
    public init(basis: String? = nil, timescales: String? = nil) {
        self.basis = basis
        self.timescales = timescales
    }
}

public struct GuideStep: Codable, Sendable, Hashable {
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
public struct SourceLocation: Codable, Sendable, Hashable, CustomStringConvertible {
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

public struct Entry: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var kind: EntryKind
    public var title: String
    public var summary: String
    public var description: String
    public var category: String
    public var needAreas: [NeedArea]
    public var ages: ClosedRange<Int>
    var parentWords: [String]
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
    var locatedIn: [Borough]
    var location: SourceLocation
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
    var offeredIn: [Borough] {
        Borough.allCases.filter { boroughs[$0]?.offered ?? false }
    }

    /// Boroughs whose families can ask for it by another route although it is not offered there.
    var openToOthersIn: [Borough] {
        Borough.allCases.filter { b in boroughs[b].map { !$0.offered && $0.openVia != nil } ?? false }
    }

    /// Boroughs whose families it serves: where it is offered, and where there is another way in.
    var servedIn: [Borough] {
        Borough.allCases.filter { b in boroughs[b].map { $0.offered || $0.openVia != nil } ?? false }
    }

    /// Whether the borough parts say different things (provider, route, policy, rules).
    public var differsByBorough: Bool {
        let parts = Borough.allCases.map { boroughs[$0] }
        guard let first = parts.first else { return false }
        return parts.contains { $0 != first }
    }
}

public struct GlossaryTerm: Codable, Sendable, Hashable {
    public var term: String
    public var meaning: String
    public var aliases: [String]
    public var see: [String]
    var location: SourceLocation
    public init(term: String, meaning: String, aliases: [String] = [], see: [String] = [],
                location: SourceLocation = SourceLocation(file: "")) {
        self.term = term
        self.meaning = meaning
        self.aliases = aliases
        self.see = see
        self.location = location
    }
}

public struct LabelledValue: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

public struct PostcodeDistrict: Codable, Sendable, Hashable {
    var district: String
    public var boroughs: [Borough]
    public var others: [String]
    public init(district: String, boroughs: [Borough], others: [String] = []) {
        self.district = district
        self.boroughs = boroughs
        self.others = others
    }
}

/// How well one borough's Local Offer answers one item: an assessment, not only a list.
public enum CoverageStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case yes, partly, no
}

public struct CoverageBorough: Sendable, Hashable, Codable {
    public var status: CoverageStatus
    /// Entries that answer it in this borough only (the item's shared `entries` count too).
    public var entries: [String]
    /// For partly / no: what is missing, and who holds it (the provider, the council, a school).
    public var missing: String?
    var heldBy: String?
    public init(status: CoverageStatus, entries: [String] = [], missing: String? = nil, heldBy: String? = nil) {
        self.status = status
        self.entries = entries
        self.missing = missing
        self.heldBy = heldBy
    }
}

public struct CoverageItem: Codable, Sendable, Hashable {
    public var id: String
    public var text: String
    /// Entries that answer it in both boroughs.
    public var entries: [String]
    public var boroughs: [Borough: CoverageBorough]
    var location: SourceLocation
    public init(id: String, text: String, entries: [String], boroughs: [Borough: CoverageBorough] = [:],
                location: SourceLocation = SourceLocation(file: "")) {
        self.id = id
        self.text = text
        self.entries = entries
        self.boroughs = boroughs
        self.location = location
    }

    /// Every entry that answers it in one borough: the shared ones, then the borough's own.
    public func entries(in borough: Borough) -> [String] {
        var seen = Set<String>()
        return (entries + (boroughs[borough]?.entries ?? [])).filter { seen.insert($0).inserted }
    }
}
