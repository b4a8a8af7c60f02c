import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Flows on screen use "About your child", and outcomes show everything they have to say.
@Suite struct FlowScreenTests {
    @Test func askedOnlyWhatTheProfileDoesNotSay() {
        var s = UIFixtures.state()
        s.session.profile = Profile(borough: .kingston, age: 7)
        s.startFlow("find-help")
        guard case .flow(let fs) = s.screen else { Issue.record("no flow"); return }
        #expect(s.flowQuestion(fs).question?.id == "needs")
        let v = s.view()
        #expect(v.contains("From About your child: Kingston · age 7 — c to change"), "\(v.text)")
        // c opens the borough question with Kingston chosen; choosing Richmond changes it.
        s.type("c")
        guard case .flow(let editing) = s.screen else { Issue.record("no flow"); return }
        #expect(editing.editing == "borough")
        #expect(editing.selection == 1)
        s.type("1")
        s.type("1")
        s.keys(.enter)  // needs: talking
        guard case .flow(let done) = s.screen else { Issue.record("no flow"); return }
        #expect(s.flowQuestion(done).state?.complete == true)
        #expect(s.session.profile.borough == .richmond)
        #expect(s.session.profile.needs == [.communicationInteraction])
        #expect(s.view().contains("Richmond differs."))
    }

    /// A long outcome with many services: an outcome page made in memory.
    static func longOutcome() -> AppState {
        let base = UIFixtures.content
        var entries = base.entries
        let template = base.entries.first { $0.id == "advice-line" } ?? base.entries[0]
        for i in 1...12 {
            var e = template
            e.id = "extra-\(i)"
            e.title = "Extra service number \(i)"
            entries.append(e)
        }
        let words = (1...140).map { "word\($0)" }.joined(separator: " ")
        let flow = Flow(id: "long", title: "Long", start: "q", nodes: [
            FlowNode(id: "q", type: .choice, text: "Which?", options: [FlowOption(value: "x", label: "X")], next: [FlowRule(goto: "end")]),
            FlowNode(id: "end", type: .outcome, text: words + "\n\n" + words.replacingOccurrences(of: "word", with: "more"),
                     title: "Everything", boroughText: [.richmond: "richmondonly advice.", .kingston: "kingstononly advice."],
                     entries: entries.map(\.id)),
        ])
        let content = Content(entries: entries, flows: [flow])
        var s = AppState(content: content, config: AppConfig(theme: .mono))
        s.update(.resize(width: 80, height: 24))
        s.startFlow("long")
        s.type("1")
        return s
    }

    @Test func theWholeOutcomeIsReachableByScrolling() {
        var s = Self.longOutcome()
        let total = s.content.entries.count
        var seen = s.view().text
        #expect(total > 8)
        for _ in 0..<40 {
            s.keys(.down)
            seen += s.view().text
        }
        for n in 1...140 {
            #expect(seen.contains("word\(n) ") || seen.contains("word\(n)\n"), "word\(n) never shown")
            #expect(seen.contains("more\(n) ") || seen.contains("more\(n)\n"), "more\(n) never shown")
        }
        // No borough known: both boroughs' own advice.
        #expect(seen.contains("richmondonly advice.") && seen.contains("kingstononly advice."))
        #expect(!seen.contains("open an entry for more"))
        #expect(seen.contains("(8 of \(total), best for your child first)"))
        #expect(seen.contains("See all \(total) →"))
        // The last Down lands on "see all"; Enter opens every service.
        s.keys(.end, .enter)
        guard case .list(_, let ids, _) = s.screen else { Issue.record("see all did not open a list: \(s.screen)"); return }
        #expect(ids.count == total)
    }

    @Test func pageDownAndBackUp() {
        var s = Self.longOutcome()
        let first = s.view().row(3)
        s.keys(.pageDown)
        #expect(s.view().row(3) != first)
        s.keys(.pageUp)
        #expect(s.view().row(3) == first)
        // Reading with Down moves the text before any service is focused.
        s.keys(.down)
        guard case .flow(let fs) = s.screen else { Issue.record("no flow"); return }
        #expect(fs.scroll == 1 && fs.selection == 0)
    }

    @Test func theOutcomeUsesTheProfilesBorough() {
        var s = Self.longOutcome()
        s.session.profile = Profile(borough: .kingston)
        var seen = ""
        for _ in 0..<40 { seen += s.view().text; s.keys(.down) }
        #expect(seen.contains("kingstononly advice."))
        #expect(!seen.contains("richmondonly advice."))
    }
}
