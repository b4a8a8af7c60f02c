/// `list`, `glossary` and `flow --json` (CONTRACT.md).
extension JSONShape {
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
            var ofAbout: Int
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
        @NullWhenNone public var question: Question? = nil
        @NullWhenNone public var outcome: Outcome? = nil
        public var profile: ProfileJSON
        public var answered: [String]

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
    }
}
