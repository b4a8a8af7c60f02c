import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// "Tell the Local Offer team": reachable by key and by touch from an entry and from a search, fixed
/// choices only, and the choice leaves the screen only as an effect for the front end to record.
@Suite struct FeedbackScreenTests {
    func entryState(_ mode: UsageMode = .kiosk) -> (AppState, String) {
        var s = UIFixtures.state(mode)
        let id = UIFixtures.content.entries[0].id
        s.push(.entry(id: id, scroll: 0))
        s.update(.tick(0))
        return (s, id)
    }

    @Test(arguments: [UsageMode.kiosk, .family])
    func aKeyOnAnEntryGivesFixedChoicesAndAnEffect(_ mode: UsageMode) {
        var (s, id) = entryState(mode)
        s.update(.text("f"))
        #expect(s.keyContext == .feedback)
        let text = s.view().text
        for c in FeedbackChoice.allCases { #expect(text.contains(c.label)) }
        s.update(.key(.down))
        let effect = s.update(.key(.enter))
        #expect(effect == .feedback(entry: id, query: nil, choice: FeedbackChoice.allCases[1]))
        #expect(s.screen == .entry(id: id, scroll: 0))
        // The thanks is the whole status line: nothing of what was there before shows through.
        let status = s.view().text.split(separator: "\n", omittingEmptySubsequences: false)[s.height - 2]
        #expect(status.trimmingCharacters(in: .whitespaces) == s.tr(.feedbackThanks))
    }

    @Test func theTouchTargetIsWhereItIsDrawn() {
        var (s, id) = entryState()
        guard let t = s.feedbackTarget else { Issue.record("no touch target on an entry"); return }
        let row = s.view().text.split(separator: "\n", omittingEmptySubsequences: false)[t.y]
        #expect(row.contains(s.tr(.feedbackTarget)))
        s.update(.mouse(x: t.x.lowerBound + 2, y: t.y, kind: .click))
        #expect(s.keyContext == .feedback)
        // Each answer is touched where it is drawn.
        let list = s.feedbackList
        let effect = s.update(.mouse(x: 5, y: list.y(of: 3), kind: .click))
        #expect(effect == .feedback(entry: id, query: nil, choice: FeedbackChoice.allCases[3]))
    }

    @Test func aSearchThatFoundNothingUsefulCanBeReported() {
        var s = UIFixtures.state(.kiosk)
        s.type("zzqx wobble")
        #expect(s.keyContext == .search)
        #expect(s.feedbackTarget != nil)
        s.update(.key(.ctrl("f")))
        #expect(s.keyContext == .feedback)
        #expect(s.feedbackChoices == FeedbackChoice.forSearch)
        let effect = s.update(.text("1"))
        #expect(effect == .feedback(entry: nil, query: "zzqx wobble", choice: .couldNotFind))
        #expect(s.keyContext == .search)
    }

    @Test func escGoesBackWithoutAnEffectAndADigitOutOfRangeDoesNothing() {
        var (s, id) = entryState()
        s.update(.text("f"))
        #expect(s.update(.text("9")) == .none)
        #expect(s.keyContext == .feedback)
        #expect(s.update(.key(.escape)) == .none)
        #expect(s.screen == .entry(id: id, scroll: 0))
    }

    @Test func startingAgainTellsTheFrontEndItIsANewVisitor() {
        var (s, _) = entryState()
        #expect(s.update(.key(.ctrl("n"))) == .newSession)
    }
}
