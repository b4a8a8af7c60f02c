import Testing
@testable import LocalOfferCore

/// Flows ask only what "About your child" does not already say, and rank what they offer.
@Suite struct FlowProfileTests {
    let content = Fixtures.goodContent
    var flow: Flow { content.flow("find-help")! }

    @Test func questionsTheProfileAnswersAreNotAsked() {
        let s = FlowEngine.run(flow, answers: [:], profile: Profile(borough: .kingston, age: 7), content: content)
        #expect(s.current?.id == "needs")
        #expect(s.fromProfile == ["borough": .choice("kingston"), "age": .number(7)])
        #expect(s.path.map(\.id) == ["borough", "age"])
        let done = FlowEngine.run(flow, answers: [:], profile: Profile(borough: .kingston, age: 7, needs: [.communicationInteraction, .sensoryPhysical]), content: content)
        #expect(done.outcome?.node.id == "result")
        #expect(done.fromProfile["needs"] == .multi(["talking", "health"]))
    }

    @Test func anExplicitAnswerWinsAndIsKeptInTheProfile() {
        let s = FlowEngine.run(flow, answers: ["borough": .choice("richmond")], profile: Profile(borough: .kingston, age: 7), content: content)
        #expect(s.fromProfile["borough"] == nil)
        #expect(s.profile.borough == .richmond)
    }

    @Test func withoutTheProfileEverythingIsAsked() {
        let s = FlowEngine.run(flow, answers: [:], profile: Profile(borough: .kingston, age: 7), useProfile: false, content: content)
        #expect(s.current?.id == "borough")
        #expect(s.fromProfile.isEmpty)
    }

    @Test func neverAGuess() {
        // An age outside the question's range, or a need two options could mean, is asked.
        let age = FlowNode(id: "age", type: .number, profile: .age, min: 0, max: 5)
        #expect(FlowEngine.profileAnswer(for: age, profile: Profile(age: 9)) == nil)
        #expect(FlowEngine.profileAnswer(for: age, profile: Profile(age: 4)) == .number(4))
        let notice = FlowNode(id: "notice", type: .multi, options: [
            FlowOption(value: "movement", label: "Moving", set: ProfileAssignment(needs: .sensoryPhysical)),
            FlowOption(value: "senses", label: "Seeing", set: ProfileAssignment(needs: .sensoryPhysical)),
            FlowOption(value: "talking", label: "Talking", set: ProfileAssignment(needs: .communicationInteraction)),
        ])
        #expect(FlowEngine.profileAnswer(for: notice, profile: Profile(needs: [.sensoryPhysical])) == nil)
        #expect(FlowEngine.profileAnswer(for: notice, profile: Profile(needs: [.communicationInteraction])) == .multi(["talking"]))
        #expect(FlowEngine.profileAnswer(for: notice, profile: Profile()) == nil)
        // Every option writes the same value: the answer is not the profile's to give.
        let move = FlowNode(id: "move", type: .choice, options: [
            FlowOption(value: "a", label: "A", set: ProfileAssignment(status: .ehcp)),
            FlowOption(value: "b", label: "B", set: ProfileAssignment(status: .ehcp)),
        ])
        #expect(FlowEngine.profileAnswer(for: move, profile: Profile(status: .ehcp)) == nil)
    }

    @Test func theAnnualReviewEstablishesAnEHCPlan() throws {
        let shipped = Fixtures.shippedResult.content
        let f = try #require(shipped.flow("annual-review"))
        let s = FlowEngine.run(f, answers: ["age": .number(10), "move": .choice("no-move")], content: shipped)
        #expect(s.profile.status == .ehcp)
        let verdicts = s.outcome?.eligibility.values.map(\.verdict) ?? []
        #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0 != .check }, "\(verdicts)")
    }

    /// Social communication (talking and getting on with others): the autism and ADHD assessment is
    /// the first service the ranking offers after the flow's own first steps.
    @Test func worriedAboutSocialCommunicationRanksTheAssessmentHigh() throws {
        let shipped = Fixtures.shippedResult.content
        let f = try #require(shipped.flow("worried-about-my-child"))
        let s = FlowEngine.run(f, answers: ["age": .number(7), "borough": .choice("kingston"), "notice": .multi(["talking", "feelings"])], content: shipped)
        let ids = try #require(s.outcome).entries.map(\.id)
        let fixed = try #require(f.node(s.outcome!.node.id)).entries.count
        let at = try #require(ids.firstIndex(of: "neurodevelopmental-assessment"))
        #expect(at < 8, "autism assessment at \(at + 1) of \(ids.count): \(ids.prefix(12))")
        #expect(at <= fixed + 1)
        // Talking alone: speech and language therapy first; the assessment (communication and
        // social, emotional needs both) follows the services for communication alone, near the top.
        let talking = FlowEngine.run(f, answers: ["age": .number(7), "borough": .choice("kingston"), "notice": .multi(["talking"])], content: shipped)
        let t = try #require(talking.outcome).entries.map(\.id)
        #expect((t.firstIndex(of: "speech-and-language-therapy") ?? 99) < (t.firstIndex(of: "citizens-advice") ?? 0))
        #expect((t.firstIndex(of: "neurodevelopmental-assessment") ?? 99) < 12)
    }

    @Test func rankingPutsTheClosestMatchFirst() {
        let all = Entry(id: "all", kind: .service, title: "A for all", summary: "", description: "", category: "c",
                        needAreas: NeedArea.allCases, ages: 0...25, parentWords: [], eligibility: [:], boroughs: [:])
        var exact = all
        exact.id = "exact"
        exact.title = "Z exact"
        exact.needAreas = [.communicationInteraction]
        let ranked = FlowEngine.rank([all, exact], needs: [.communicationInteraction], profile: Profile(), content: Content(entries: [all, exact]))
        #expect(ranked.map(\.id) == ["exact", "all"])
    }
}
