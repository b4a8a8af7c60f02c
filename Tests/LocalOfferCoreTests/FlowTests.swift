import Testing
@testable import LocalOfferCore

@Suite struct FlowEngineTests {
    let content = Fixtures.goodContent
    var flow: Flow { content.flow("find-help")! }

    func run(_ raw: [String: String]) throws -> FlowState {
        var answers: [String: Answer] = [:]
        for (k, v) in raw { answers[k] = try FlowEngine.parse(v, for: flow.node(k)!, postcodes: content.postcodes) }
        return FlowEngine.run(flow, answers: answers, content: content)
    }

    @Test func asksTheFirstQuestion() throws {
        let s = try run([:])
        #expect(s.current?.id == "borough")
        #expect(!s.complete)
    }

    @Test func reachesOutcomeAndFillsProfile() throws {
        let s = try run(["borough": "kingston", "age": "7", "needs": "talking,health"])
        #expect(s.outcome?.node.id == "result")
        #expect(s.profile.borough == .kingston)
        #expect(s.profile.age == 7)
        #expect(s.profile.needs == [.communicationInteraction, .sensoryPhysical])
        let ids = s.outcome?.entries.map(\.id) ?? []
        #expect(ids.contains("kingston-nurses"))
        #expect(ids.contains("talking-therapy"))
        #expect(s.outcome?.text.contains("Kingston has nurses") == true)
    }

    @Test func neverSendsRichmondToKingstonOnly() throws {
        let s = try run(["borough": "richmond", "age": "7", "needs": "health"])
        let ids = s.outcome?.entries.map(\.id) ?? []
        #expect(s.complete)
        #expect(ids.contains("kingston-nurses") == false)
    }

    @Test func changingAnEarlierAnswerKeepsLaterOnes() throws {
        let a = try run(["borough": "kingston", "age": "7", "needs": "talking"])
        let b = try run(["borough": "richmond", "age": "7", "needs": "talking"])
        #expect(a.complete && b.complete)
        #expect(b.profile.borough == .richmond && b.profile.age == 7)
    }

    @Test func numberRules() throws {
        #expect(try run(["borough": "kingston", "age": "20"]).outcome?.node.id == "older")
        #expect(try run(["borough": "kingston", "age": "19"]).outcome?.node.id == "older")
        #expect(try run(["borough": "kingston", "age": "18"]).current?.id == "needs")
    }

    @Test func refusesBadAnswers() {
        #expect(throws: FlowError.self) { try FlowEngine.parse("sutton", for: flow.node("borough")!, postcodes: []) }
        #expect(throws: FlowError.self) { try FlowEngine.parse("26", for: flow.node("age")!, postcodes: []) }
        #expect(throws: FlowError.self) { try FlowEngine.parse("ten", for: flow.node("age")!, postcodes: []) }
        #expect(throws: FlowError.self) { try FlowEngine.parse("talking,not-sure", for: flow.node("needs")!, postcodes: []) }
        #expect(throws: FlowError.self) { try FlowEngine.parse("QQ", for: flow.node("postcode")!, postcodes: []) }
    }

    @Test func optionsByNumber() throws {
        #expect(try FlowEngine.parse("2", for: flow.node("borough")!, postcodes: []) == .choice("kingston"))
    }

    @Test func postcodes() throws {
        #expect(Postcodes.district(of: "tw9 1aa") == "TW9")
        #expect(Postcodes.district(of: "KT1") == "KT1")
        #expect(Postcodes.district(of: "SW14 8AB") == "SW14")
        #expect(Postcodes.district(of: "W1A 1AA") == "W1A")
        #expect(Postcodes.district(of: "hello") == nil)
        #expect(try run(["borough": "not-sure", "postcode": "TW9 1AA"]).profile.borough == .richmond)
        let shared = try run(["borough": "not-sure", "postcode": "KT1 1AA"])
        #expect(shared.outcome?.node.id == "shared")
        #expect(shared.profile.borough == nil, "a shared district is never guessed")
        #expect(try run(["borough": "not-sure", "postcode": "E1 6AN"]).outcome?.node.id == "outside")
    }

    @Test func notSureLeadsSomewhereUseful() throws {
        let s = try run(["borough": "kingston", "age": "4", "needs": "not-sure"])
        #expect(s.outcome?.entries.map(\.id) == ["advice-line"])
    }

    @Test func graphIsDot() {
        let dot = FlowEngine.graph(flow)
        #expect(dot.hasPrefix("digraph"))
        #expect(dot.contains("\"borough\" -> \"postcode\""))
    }
}

/// Every shipped flow, every path: each completes, every outcome is produced, no borough mix-ups.
@Suite struct ShippedFlowTests {
    static let content = Fixtures.shippedResult.content
    static let required = ["find-support", "worried-about-my-child", "request-ehc-assessment", "annual-review",
                           "preparing-for-adulthood", "which-borough", "disagree-with-a-decision"]

    @Test func requiredFlowsExist() {
        for id in Self.required { #expect(Self.content.flow(id) != nil, "\(id)") }
    }

    static func sampleAnswers(_ node: FlowNode) -> [Answer] {
        switch node.type {
        case .choice: return node.options.map { .choice($0.value) }
        case .multi:
            var out = node.options.map { Answer.multi([$0.value]) }
            let inclusive = node.options.filter { !$0.exclusive }.map(\.value)
            if inclusive.count > 1 { out.append(.multi(inclusive)) }
            return out
        case .number:
            let lo = node.min ?? 0, hi = node.max ?? 25
            return Array(Set([lo, hi, (lo + hi) / 2] + (lo...hi).filter { [0, 2, 4, 5, 11, 13, 14, 15, 16, 18, 19, 25].contains($0) })).sorted().map { .number($0) }
        case .postcode:
            // Real districts from the table, plus one answer of each kind so every branch is walked
            // whatever the table says today.
            let districts = content.postcodes.map(\.district)
            let real = (districts.prefix(40) + ["E1"]).map { d in Answer.postcode(district: d, result: Postcodes.classify(d, in: content.postcodes).0) }
            let kinds: [Answer] = [.richmond, .kingston, .shared, .outside].map { .postcode(district: "ZZ9", result: $0) }
            return real + kinds
        case .outcome: return []
        }
    }

    @Test(arguments: required)
    func everyPathCompletes(_ id: String) {
        guard let flow = Self.content.flow(id) else { return }
        var outcomes = Set<String>()
        var stack: [[String: Answer]] = [[:]]
        var runs = 0
        for borough in [nil, Borough.richmond, Borough.kingston] {
            stack = [[:]]
            while let answers = stack.popLast(), runs < 20_000 {
                runs += 1
                let state = FlowEngine.run(flow, answers: answers, profile: Profile(borough: borough), content: Self.content)
                if let o = state.outcome {
                    outcomes.insert(o.node.id)
                    if let b = state.profile.borough {
                        // A family is sent where its borough runs it, or where its families have
                        // another way in (then "check", with that way in), never elsewhere.
                        for e in o.entries where o.eligibility[e.id]?.verdict != .notEligible {
                            let part = e.boroughs[b]
                            #expect(part?.offered == true || part?.openVia != nil, "\(id)/\(o.node.id) sends \(b) to \(e.id)")
                        }
                    }
                    // What the child can use first; "not for this child" only after, with its alternative.
                    let verdicts = o.entries.map { o.eligibility[$0.id]?.verdict }
                    if let firstNo = verdicts.firstIndex(of: .notEligible) {
                        #expect(!verdicts[firstNo...].contains { $0 != .notEligible }, "\(id)/\(o.node.id): usable after not-for-this-child")
                    }
                    for e in o.entries where o.eligibility[e.id]?.verdict == .notEligible {
                        #expect(o.eligibility[e.id]?.instead.isEmpty == false, "\(id)/\(o.node.id): \(e.id) listed without an alternative")
                    }
                    continue
                }
                guard let q = state.current else {
                    Issue.record("\(id): dead end after \(answers)")
                    continue
                }
                for a in Self.sampleAnswers(q) {
                    var next = answers
                    next[q.id] = a
                    stack.append(next)
                }
            }
        }
        let all = Set(flow.nodes.filter(\.isOutcome).map(\.id))
        #expect(outcomes == all, "\(id): never produced \(all.subtracting(outcomes))")
    }
}
