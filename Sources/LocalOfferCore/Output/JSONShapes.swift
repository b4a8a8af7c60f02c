/// The JSON the outside contract fixes (CONTRACT.md), as types: each shape is written in one place,
/// snake_case by the encoder's key strategy, keys sorted by the encoder (the one order that holds
/// on every platform's JSONEncoder, and the order the output had before these types). An optional that is nil is left out, except where the contract says
/// `null` (a flow's `question` and `outcome`).
public enum JSONShape {
    public struct EligibilityJSON: Codable, Sendable, Equatable {
        public var verdict: String
        public var reason: String
        public var instead: [String]?
        /// Where the family's borough does not run it: the way in from there (`ehc-plan`).
        public var openVia: String?
        public init(_ e: Eligibility) {
            verdict = e.verdict.rawValue
            reason = e.reason
            instead = e.instead.isEmpty ? nil : e.instead
            openVia = e.openVia
        }
    }

    public struct RuleJSON: Codable, Sendable, Equatable {
        public var verdict: String
        public var reason: String
        public var instead: [String]?
        public init(_ r: StatusRule) {
            verdict = r.verdict.rawValue
            reason = r.reason
            instead = r.instead.isEmpty ? nil : r.instead
        }
    }

    /// Rules by status, in the contract's order of statuses.
    public struct StatusRulesJSON: Codable, Sendable, Equatable {
        public var none: RuleJSON?
        public var senSupport: RuleJSON?
        public var ehcp: RuleJSON?
        enum CodingKeys: String, CodingKey {
            case none, senSupport = "sen-support", ehcp
        }
        public init(_ rules: [Status: StatusRule]) {
            none = rules[.none].map(RuleJSON.init)
            senSupport = rules[.senSupport].map(RuleJSON.init)
            ehcp = rules[.ehcp].map(RuleJSON.init)
        }
        public var isEmpty: Bool { none == nil && senSupport == nil && ehcp == nil }
    }

    public struct ContactJSON: Codable, Sendable, Equatable {
        public var website: String?
        public var phone: String?
        public var email: String?
        /// Every way to reach them, as `Contact` words it ("Phone: …"): whatever the content holds,
        /// including kinds of contact added after these keys.
        public var lines: [String]
        public init(_ c: Contact) {
            website = c.website
            phone = c.phone
            email = c.email
            lines = c.lines
        }
    }

    /// Each borough in the contract's order.
    public struct ByBorough<T: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        public var richmond: T?
        public var kingston: T?
        public init(_ value: (Borough) -> T?) {
            richmond = value(.richmond)
            kingston = value(.kingston)
        }
        public var isEmpty: Bool { richmond == nil && kingston == nil }
        public subscript(_ b: Borough) -> T? {
            switch b {
            case .richmond: return richmond
            case .kingston: return kingston
            }
        }
    }

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
        public var statusRules: StatusRulesJSON
        public var parentWords: [String]
        public var related: [String]
        public var lastReviewed: String
        public var sources: [String]
        public var notOffered: ByBorough<NotOfferedJSON>?
        public var locatedIn: [String]?
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

    /// One row of `list --json`.
    public struct ListRow: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var boroughs: [String]
        public var category: String
        public var eligibility: EligibilityJSON?
        public init(_ e: Entry, eligibility v: Eligibility?) {
            id = e.id
            title = e.title
            kind = e.kind.rawValue
            boroughs = e.servedIn.map(\.rawValue)
            category = e.category
            eligibility = v.map(EligibilityJSON.init)
        }
    }

    public struct Hidden: Codable, Sendable, Equatable {
        public var count: Int
        public var reason: String
        public init(count: Int, reason: String) {
            self.count = count
            self.reason = reason
        }
    }

    /// `list --json`.
    public struct List: Codable, Sendable, Equatable {
        public var total: Int
        public var results: [ListRow]
        public var hidden: Hidden?
        public init(results: [ListRow], hidden: Hidden?) {
            total = results.count
            self.results = results
            self.hidden = hidden
        }
    }

    public struct GlossaryTermJSON: Codable, Sendable, Equatable {
        public var term: String
        public var meaning: String
        public var aliases: [String]
        public var see: [String]
    }

    /// `glossary --json`.
    public struct Glossary: Codable, Sendable, Equatable {
        public var terms: [GlossaryTermJSON]
        public init(_ terms: [GlossaryTerm]) {
            self.terms = terms.map { GlossaryTermJSON(term: $0.term, meaning: $0.meaning, aliases: $0.aliases, see: $0.see) }
        }
    }

    /// `flow --json`.
    public struct Flow: Codable, Sendable, Equatable {
        public struct Option: Codable, Sendable, Equatable {
            public var value: String
            public var label: String
        }
        public struct Progress: Codable, Sendable, Equatable {
            public var question: Int
            public var ofAbout: Int
        }
        public struct Question: Codable, Sendable, Equatable {
            public var id: String
            public var text: String
            public var type: String
            public var options: [Option]
            public var help: String?
            public var min: Int?
            public var max: Int?
            public var progress: Progress
        }
        public struct OutcomeEntry: Codable, Sendable, Equatable {
            public var id: String
            public var title: String
            public var kind: String
            public var eligibility: EligibilityJSON?
        }
        public struct Outcome: Codable, Sendable, Equatable {
            public var id: String
            public var title: String
            public var text: String
            public var services: [String]
            public var entries: [OutcomeEntry]
        }
        public struct ProfileJSON: Codable, Sendable, Equatable {
            public var borough: String?
            public var age: Int?
            public var status: String?
            public var needs: [String]
            public init(_ p: Profile) {
                borough = p.borough?.rawValue
                age = p.age
                status = p.status?.rawValue
                needs = p.needs.sorted().map(\.rawValue)
            }
        }

        public var flow: String
        public var title: String
        public var complete: Bool
        public var question: Question?
        public var outcome: Outcome?
        public var profile: ProfileJSON
        public var answered: [String]

        enum CodingKeys: String, CodingKey {
            case flow, title, complete, question, outcome, profile, answered
        }

        public init(_ state: FlowState) {
            flow = state.flow.id
            title = state.flow.title
            complete = state.complete
            profile = ProfileJSON(state.profile)
            answered = state.path.map(\.id)
            if let q = state.current {
                let p = state.progress
                question = Question(id: q.id, text: q.text, type: q.type.rawValue,
                                    options: q.options.map { Option(value: $0.value, label: $0.label) },
                                    help: q.help, min: q.min, max: q.max, progress: Progress(question: p.index, ofAbout: p.estimate))
            }
            if let o = state.outcome {
                outcome = Outcome(id: o.node.id, title: o.title, text: o.text, services: o.entries.map(\.id),
                                  entries: o.entries.map { e in
                                      OutcomeEntry(id: e.id, title: e.title, kind: e.kind.rawValue,
                                                   eligibility: o.eligibility[e.id].map(EligibilityJSON.init))
                                  })
            }
        }

        /// `question` and `outcome` are always there, `null` when there is none (the contract).
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(flow, forKey: .flow)
            try c.encode(title, forKey: .title)
            try c.encode(complete, forKey: .complete)
            if let question { try c.encode(question, forKey: .question) } else { try c.encodeNil(forKey: .question) }
            if let outcome { try c.encode(outcome, forKey: .outcome) } else { try c.encodeNil(forKey: .outcome) }
            try c.encode(profile, forKey: .profile)
            try c.encode(answered, forKey: .answered)
        }
    }
}

extension JSONShape {
    /// Scores to three decimals: enough to rank by, stable to compare.
    public static func rounded(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : 0 }

    /// `search --explain`: why a result ranks where it does.
    public struct Explain: Codable, Sendable, Equatable {
        public struct Word: Codable, Sendable, Equatable {
            public var word: String
            public var matched: String
            public var how: String
            public var score: Double
        }
        public struct ConceptJSON: Codable, Sendable, Equatable {
            public var concept: String
            public var label: String
            public var phrase: String
            public var weight: Double
            public var score: Double
        }
        public struct Factor: Codable, Sendable, Equatable {
            public var why: String
            public var factor: Double
        }
        public var words: [Word]
        public var wordScore: Double
        public var concepts: [ConceptJSON]
        public var conceptScore: Double
        public var factors: [Factor]
        public init(_ x: SearchEngine.Explanation) {
            words = x.terms.map { Word(word: $0.word, matched: $0.matched, how: $0.kind.description, score: rounded($0.score)) }
            wordScore = rounded(x.wordScore)
            concepts = x.concepts.map { ConceptJSON(concept: $0.concept, label: $0.label, phrase: $0.phrase, weight: $0.weight, score: rounded($0.score)) }
            conceptScore = rounded(x.conceptScore)
            factors = x.factors.map { Factor(why: $0.0, factor: $0.1) }
        }
    }

    public struct SearchResult: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var score: Double
        public var summary: String
        public var boroughs: [String]
        public var locatedIn: [String]?
        public var eligibility: EligibilityJSON?
        public var explain: Explain?
        public init(_ h: SearchEngine.Hit) {
            id = h.entry.id
            title = h.entry.title
            kind = h.entry.kind.rawValue
            score = rounded(h.score)
            summary = h.entry.summary
            boroughs = h.entry.servedIn.map(\.rawValue)
            locatedIn = h.entry.locatedIn.isEmpty ? nil : h.entry.locatedIn.map(\.rawValue)
            eligibility = h.eligibility.map(EligibilityJSON.init)
            explain = h.explanation.map(Explain.init)
        }
    }

    public struct Correction: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public struct ReadAs: Codable, Sendable, Equatable {
        public var corrections: [Correction]
        public var concepts: [String]
        public var intent: String?
        public var unknownWords: [String]
        enum CodingKeys: String, CodingKey { case corrections, concepts, intent, unknownWords }
        /// `intent` is `null` when no question was read, as before.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(corrections, forKey: .corrections)
            try c.encode(concepts, forKey: .concepts)
            if let intent { try c.encode(intent, forKey: .intent) } else { try c.encodeNil(forKey: .intent) }
            try c.encode(unknownWords, forKey: .unknownWords)
        }
    }

    public struct Help: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// `search --json`.
    public struct Search: Codable, Sendable, Equatable {
        public var query: String
        public var total: Int
        public var results: [SearchResult]
        public var readAs: ReadAs?
        public var hidden: Hidden?
        public var suggestions: [String]?
        public var help: Help?
        public var ageHint: Int?
        public init(_ r: SearchEngine.Response, query: String, explain: Bool, help: Help?) {
            self.query = query
            total = r.total
            results = r.hits.map(SearchResult.init)
            if explain {
                readAs = ReadAs(corrections: r.corrections.map { Correction(from: $0.from, to: $0.to) }, concepts: r.concepts,
                                intent: r.intent, unknownWords: r.unknownWords)
            }
            hidden = r.hidden > 0 ? Hidden(count: r.hidden, reason: r.hiddenReason ?? "") : nil
            suggestions = r.suggestions.isEmpty ? nil : r.suggestions
            self.help = r.total == 0 ? help : nil
            ageHint = r.ageHint
        }
    }
}
