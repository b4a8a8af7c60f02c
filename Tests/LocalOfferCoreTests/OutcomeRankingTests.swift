import Testing
@testable import LocalOfferCore

/// Flow outcomes: what the child can use first, ranked as search ranks; "not for this child" only
/// after them, and only where it points to something the child can use instead.
@Suite struct OutcomeRankingTests {
    static let shipped = Fixtures.shippedResult.content
    static let engine = SearchEngine(content: shipped)

    func outcome(_ flowId: String, _ raw: [String: String], search: SearchEngine? = OutcomeRankingTests.engine) throws -> FlowOutcome {
        let flow = try #require(Self.shipped.flow(flowId))
        var answers: [String: Answer] = [:]
        for (k, v) in raw { answers[k] = try FlowEngine.parse(v, for: try #require(flow.node(k)), postcodes: Self.shipped.postcodes) }
        return try #require(FlowEngine.run(flow, answers: answers, content: Self.shipped, search: search).outcome)
    }

    /// The case from the user trial: a Kingston 4-year-old with talking needs.
    @Test(arguments: ["none", "sen-support", "ehcp", "not-sure"])
    func kingstonFourYearOldWithTalkingNeeds(_ status: String) throws {
        for search in [Self.engine, nil] {
            let o = try outcome("find-support", ["borough": "kingston", "age": "4", "status": status, "needs": "talking"], search: search)
            let ids = o.entries.map(\.id)
            let slt = try #require(ids.firstIndex(of: "speech-and-language-therapy"), "\(status): SLT listed")
            #expect(slt < 8, "\(status): speech and language therapy at \(slt + 1), outside the 8 shown")
            let verdicts = o.entries.map { o.eligibility[$0.id]?.verdict }
            if let portage = ids.firstIndex(of: "portage") {
                #expect(verdicts[portage] != .notEligible || !verdicts[..<portage].contains(.notEligible) && !verdicts[portage...].contains { $0 != .notEligible },
                        "\(status): Portage (ages 0 to 3) above services the child can use")
            }
        }
    }

    /// A Richmond family with an EHC plan can ask for Kingston's Dysart School to be named in it:
    /// the outcome lists it as "check", with that way in.
    @Test func dysartIsOfferedToARichmondFamilyWithAPlan() throws {
        let o = try outcome("find-support", ["borough": "richmond", "age": "7", "status": "ehcp", "needs": "learning"])
        #expect(o.entries.contains { $0.id == "dysart-school" })
        let v = try #require(o.eligibility["dysart-school"])
        #expect(v.verdict == .check)
        #expect(v.openVia == "ehc-plan")
        #expect(v.reason.hasPrefix("Dysart is a special school"), "the way in comes first: \(v.reason)")
        // Without a plan it is not for this child, and it is not listed above what the child can use.
        let noPlan = try outcome("find-support", ["borough": "richmond", "age": "7", "status": "sen-support", "needs": "learning"])
        if let at = noPlan.entries.firstIndex(where: { $0.id == "dysart-school" }) {
            #expect(noPlan.entries[at...].allSatisfy { noPlan.eligibility[$0.id]?.verdict == .notEligible })
        }
    }

    /// Fixtures: an authored list whose first entry is not for this child and has no alternative,
    /// a second that is not for this child but points to one it can use, and two the child can use.
    @Test func usableFirstPointersAfterDeadEndsDropped() {
        let rule = { (v: Verdict, instead: [String]) in [Status.none: StatusRule(verdict: v, reason: "r", instead: instead)] }
        let tooYoung = Entry(id: "too-young", title: "Baby group", summary: "s", needAreas: [.communicationInteraction], ages: 0...2)
        let pointer = Entry(id: "pointer", title: "Plan school", summary: "s", needAreas: [.communicationInteraction],
                            eligibility: rule(.notEligible, ["talk-group"]))
        let general = Entry(id: "general", title: "Advice", summary: "s", eligibility: rule(.eligible, []))
        let exact = Entry(id: "talk-group", title: "Talk group", summary: "s", needAreas: [.communicationInteraction],
                          eligibility: rule(.eligible, []))
        let node = FlowNode(id: "end", type: .outcome, title: "Help", entries: ["too-young", "pointer", "general"],
                            query: OutcomeQuery(needs: .profile))
        let content = Content(entries: [tooYoung, pointer, general, exact])
        let o = FlowEngine.makeOutcome(node, profile: Profile(borough: .kingston, age: 5, status: Status.none, needs: [.communicationInteraction]),
                                       content: content)
        #expect(o.entries.map(\.id) == ["talk-group", "general", "pointer"])
        #expect(o.eligibility["too-young"] == nil)
    }
}
