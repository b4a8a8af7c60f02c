/// `show --json` (CONTRACT.md): the entry, each borough's part and the answer for this family.
extension JSONShape {
    /// What a borough's part of `show` holds: where it is offered, what differs there; where it is
    /// not but its families have another way in, that way (`open_via`).
    public struct BoroughJSON: Codable, Sendable, Equatable {
        public var offered: Bool
        public var provider: String?
        public var howToGet: String?
        public var routes: [String]?
        public var differences: String?
        public var eligibility: StatusRulesJSON?
        public var contact: ContactJSON?
        public var openVia: String?
        public var summary: String?
        public var instead: [String]?

        public init?(_ p: BoroughPart, borough b: Borough, content: Content) {
            offered = p.offered
            if p.offered {
                provider = p.provider
                howToGet = p.howToGet
                routes = p.routes.isEmpty ? nil : p.routes
                differences = p.differences
                let rules = StatusRulesJSON(p.eligibility)
                eligibility = rules.isEmpty ? nil : rules
                contact = p.contact.map(ContactJSON.init)
            } else if let via = p.openVia {
                // Not run there, but open to its families another way: it serves them.
                openVia = via
                howToGet = p.reason ?? ""
                summary = "\(b.name) families \(content.crossBoroughLabel(via))"
                instead = p.instead
            } else {
                return nil
            }
        }
    }

    public struct NotOfferedJSON: Codable, Sendable, Equatable {
        public var reason: String
        public var instead: [String]
    }

    public struct AgesJSON: Codable, Sendable, Equatable {
        public var from: Int
        public var to: Int
    }

    public struct TalkingPointsJSON: Codable, Sendable, Equatable {
        public var ask: [String]
        public var bring: [String]
        public var next: [String]
    }

    public struct StatutoryJSON: Codable, Sendable, Equatable {
        public var basis: String
        public var timescales: String
    }

    public struct StepJSON: Codable, Sendable, Equatable {
        public var title: String
        public var text: String
        public var entries: [String]
    }

    /// `show --borough`: the answer for this family, in the order it is read (`EntryAnswer`).
    public struct AnswerJSON: Codable, Sendable, Equatable {
        public struct Section: Codable, Sendable, Equatable {
            public var role: String
            public var heading: String
            public var lines: [Line]
        }
        public struct Line: Codable, Sendable, Equatable {
            public var label: String?
            public var text: String
            public var target: String?
        }
        public var borough: String
        public var sections: [Section]
        public init(_ a: EntryAnswer) {
            borough = a.borough.rawValue
            sections = a.sections.map { s in
                Section(role: s.role.rawValue, heading: s.heading,
                        lines: s.lines.map { Line(label: $0.label.isEmpty ? nil : $0.label, text: $0.text, target: $0.target) })
            }
        }
    }

    /// `show --json`.
    public struct Show: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
        public var title: String
        public var summary: String
        public var description: String
        public var category: String
        public var needAreas: [String]
        public var ages: AgesJSON
        public var boroughs: ByBorough<BoroughJSON>
        public var eligibility: EligibilityJSON
        var statusRules: StatusRulesJSON
        var parentWords: [String]
        public var related: [String]
        public var lastReviewed: String
        public var sources: [String]
        var notOffered: ByBorough<NotOfferedJSON>?
        var locatedIn: [String]?
        public var contact: ContactJSON?
        public var cost: String?
        public var talkingPoints: TalkingPointsJSON?
        public var statutory: StatutoryJSON?
        public var steps: [StepJSON]?
        public var answer: AnswerJSON?

        public init(_ entry: Entry, eligibility e: Eligibility, answer: EntryAnswer?, content: Content) {
            id = entry.id
            kind = entry.kind.rawValue
            title = entry.title
            summary = entry.summary
            description = entry.description
            category = entry.category
            needAreas = entry.needAreas.map(\.rawValue)
            ages = AgesJSON(from: entry.ages.lowerBound, to: entry.ages.upperBound)
            boroughs = ByBorough { b in entry.boroughs[b].flatMap { BoroughJSON($0, borough: b, content: content) } }
            eligibility = EligibilityJSON(e)
            statusRules = StatusRulesJSON(entry.eligibility)
            parentWords = entry.parentWords
            related = entry.related
            lastReviewed = entry.lastReviewed
            sources = entry.sources
            let no = ByBorough { b -> NotOfferedJSON? in
                guard let p = entry.boroughs[b], !p.offered, p.openVia == nil else { return nil }
                return NotOfferedJSON(reason: p.reason ?? "", instead: p.instead)
            }
            notOffered = no.isEmpty ? nil : no
            locatedIn = entry.locatedIn.isEmpty ? nil : entry.locatedIn.map(\.rawValue)
            contact = entry.contact.map(ContactJSON.init)
            cost = entry.cost
            talkingPoints = entry.talkingPoints.map { TalkingPointsJSON(ask: $0.ask, bring: $0.bring, next: $0.next) }
            statutory = entry.statutory.map { StatutoryJSON(basis: $0.basis ?? "", timescales: $0.timescales ?? "") }
            steps = entry.steps.isEmpty ? nil : entry.steps.map { StepJSON(title: $0.title, text: $0.text, entries: $0.entries) }
            self.answer = answer.map(AnswerJSON.init)
        }
    }
}
