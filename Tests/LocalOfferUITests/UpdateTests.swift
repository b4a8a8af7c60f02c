import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

@Suite struct UpdateTests {
    @Test func typingOnHomeStartsASearch() {
        var s = UIFixtures.state()
        s.type("talk")
        #expect(s.screen == .search(query: "talk", selection: 0))
        #expect(s.view().contains("Talking therapy for children"))
    }

    @Test func slashFocusesSearchFromAnyScreen() {
        var s = UIFixtures.state()
        s.keys(.down, .down, .down, .enter)  // A to Z
        guard case .list = s.screen else { Issue.record("not a list: \(s.screen)"); return }
        s.type("/")
        #expect(s.screen == .search(query: "", selection: 0))
    }

    @Test func enterOpensAndEscapeGoesBack() {
        var s = UIFixtures.state()
        s.type("talking")
        s.keys(.enter)
        #expect(s.screen == .entry(id: "talking-therapy", scroll: 0))
        let screen = s.view()
        #expect(screen.contains("Talking therapy for children"))
        s.keys(.escape)
        #expect(s.screen == .search(query: "talking", selection: 0))
        // Backspace on an empty search goes back.
        for _ in 0..<7 { s.keys(.backspace) }
        #expect(s.screen == .search(query: "", selection: 0))
        s.keys(.backspace)
        #expect(s.screen == .home(selection: 0))
    }

    @Test func movesWithArrowsAndJK() {
        var s = UIFixtures.state()
        s.keys(.down, .down)
        #expect(s.screen == .home(selection: 2))
        s.keys(.up, .tab)
        #expect(s.screen == .home(selection: 2))
        s.keys(.backTab, .up)
        #expect(s.screen == .home(selection: 0))
        s.keys(.up)
        #expect(s.screen == .home(selection: 0))
        // On a list, j and k move too.
        s.update(.key(.alt("3")))
        guard case .list(_, _, 0) = s.screen else { Issue.record("\(s.screen)"); return }
        s.type("jjk")
        guard case .list(_, _, 1) = s.screen else { Issue.record("\(s.screen)"); return }
    }

    @Test func qQuitsExceptInAKiosk() {
        var s = UIFixtures.state()
        s.type("talking")
        s.keys(.enter)
        #expect(s.update(.text("q")) == .quit)
        var k = UIFixtures.state(.kiosk)
        for e: Event in [.text("q"), .key(.ctrl("c")), .key(.ctrl("z")), .key(.ctrl("\\")), .key(.ctrl("d")), .key(.escape)]
            + (1...12).map({ .key(.function($0)) }) {
            #expect(k.update(e) != .quit)
            #expect(!k.quit)
        }
    }

    @Test func kioskIdleResetWipesEverything() {
        var s = UIFixtures.state(.kiosk, timeout: 30)
        s.update(.tick(0))
        s.type("talking")
        s.keys(.enter)
        s.type("a")  // added to my list
        #expect(s.session.myList == ["talking-therapy"])
        s.update(.tick(15))
        #expect(!s.view().contains("Still there?"))
        s.update(.tick(21))  // last third of a short timeout
        #expect(s.view().contains("Still there? Starting again in 9 seconds"))
        #expect(s.update(.tick(30.5)) == .idleReset)
        #expect(s.session.myList.isEmpty)
        #expect(s.screen == .home(selection: 0))
        #expect(!s.view().contains("talking"))
    }

    @Test func anyInputCancelsTheIdleReset() {
        var s = UIFixtures.state(.kiosk, timeout: 30)
        s.update(.tick(0))
        s.type("talk")
        s.update(.tick(25))
        s.type("i")  // touch or key
        s.update(.tick(40))
        #expect(s.screen == .search(query: "talki", selection: 0))
    }

    @Test func kioskTouchTargets() {
        var s = UIFixtures.state(.kiosk)
        s.type("talking")
        s.keys(.enter)
        #expect(s.view().row(23).contains("[ Start again ]"))
        #expect(s.view().row(23).contains("[ Back ]"))
        s.update(.mouse(x: 20, y: 23, kind: .click))  // Back
        #expect(s.screen == .search(query: "talking", selection: 0))
        s.update(.mouse(x: 3, y: 23, kind: .click))  // Start again
        #expect(s.screen == .home(selection: 0))
        #expect(s.searchCache == nil)
    }

    @Test func staffLeaveTheKioskWithThePIN() {
        var s = UIFixtures.state(.kiosk, pin: "432198")
        s.keys(.ctrl("]"))
        s.type("1111")
        s.keys(.enter)
        #expect(!s.quit)
        #expect(s.screen == .home(selection: 0))
        s.keys(.ctrl("]"))
        s.type("432198")
        #expect(!s.view().contains("432198"), "the PIN is never shown")
        #expect(s.update(.key(.enter)) == .quit)
        // Without a PIN file the kiosk cannot be left from the keyboard.
        var locked = UIFixtures.state(.kiosk)
        locked.keys(.ctrl("]"))
        locked.type("")
        locked.keys(.enter)
        #expect(!locked.quit)
    }

    @Test func endSessionWipesProfileListAndSearch() {
        var s = UIFixtures.state(.shared)
        s.session.profile = Profile(borough: .kingston, age: 7, status: .senSupport)
        s.type("talking")
        s.keys(.ctrl("t"))
        #expect(s.session.myList == ["talking-therapy"])
        s.keys(.ctrl("n"))
        #expect(s.session.profile.isEmpty)
        #expect(s.session.myList.isEmpty)
        #expect(s.screen == .home(selection: 0))
        #expect(s.view().contains("Session ended"))
    }

    @Test func tooSmallSaysSo() {
        var s = UIFixtures.state()
        s.update(.resize(width: 60, height: 20))
        #expect(s.view().contains("Please make the window bigger"))
        s.update(.resize(width: 80, height: 24))
        #expect(!s.view().contains("Please make the window bigger"))
    }

    @Test func flowOnScreenAsksThenTailors() {
        var s = UIFixtures.state()
        s.keys(.down, .down, .down, .down, .down, .down, .down, .enter)  // More guided questions
        s.keys(.enter)  // the only flow: find-help
        var v = s.view()
        #expect(v.contains("Question 1 of about"))
        #expect(v.contains("Where do you live?"))
        s.type("2")  // Kingston, by number
        #expect(s.view().contains("How old is your child?"))
        s.type("7")
        s.keys(.enter)
        v = s.view()
        #expect(v.contains("What do you notice?"))
        s.type(" ")  // tick Talking
        s.keys(.down)
        s.type(" ")  // tick Health
        s.keys(.enter)
        v = s.view()
        #expect(v.contains("What can help"))
        #expect(v.contains("Kingston children's nurses"))
        #expect(s.session.profile.borough == .kingston)
        #expect(s.session.profile.age == 7)
        // Back a question and change an answer: later answers are kept where they still apply.
        s.keys(.escape)
        #expect(s.view().contains("What do you notice?"))
        s.keys(.escape)
        s.keys(.escape)
        #expect(s.view().contains("Where do you live?"))
        #expect(s.view().contains("changing an answer"))
        s.type("1")  // Richmond instead: age and needs are kept, so the outcome comes straight back
        let after = s.view()
        #expect(after.contains("What can help"))
        #expect(after.contains("Richmond differs."))
        #expect(!after.contains("Kingston children's nurses"), "a Richmond family is not sent to a Kingston-only service")
        #expect(s.session.profile.borough == .richmond)
        #expect(s.session.profile.age == 7)
    }

    @Test func badNumberIsRefusedWithAMessage() {
        var s = UIFixtures.state()
        s.keys(.down, .down, .down, .down, .down, .down, .down, .enter, .enter)
        s.type("1")
        s.type("40")
        s.keys(.enter)
        #expect(s.view().contains("must be at most 25"))
    }

    @Test func verdictsShowWordsAndSymbols() {
        var s = UIFixtures.state()
        s.session.profile = Profile(borough: .richmond, age: 6, status: .senSupport)
        s.type("talking")
        let v = s.view()
        #expect(v.contains("✗ not for this child"))
        s.session.profile = Profile(borough: .kingston, age: 6, status: .senSupport)
        #expect(s.view().contains("✓ can use"))
    }

    @Test func myListAndTakeaway() {
        var s = UIFixtures.state()
        s.type("advice")
        s.keys(.ctrl("t"))
        #expect(s.session.myList == ["advice-line"])
        let t = s.takeaway()
        #expect(t.contains("Advice line"))
        #expect(t.contains("Call them."))
        s.keys(.ctrl("s"))
        guard case .save = s.screen else { Issue.record("no save prompt"); return }
        #expect(s.update(.key(.enter)) == .saveTakeaway(path: "my-local-offer-list.txt"))
        var k = UIFixtures.state(.kiosk)
        k.type("advice")
        k.keys(.ctrl("t"), .ctrl("s"))
        if case .save = k.screen { Issue.record("a kiosk never saves files") }
    }

    @Test func clicksOpen() {
        var s = UIFixtures.state()
        s.update(.mouse(x: 3, y: 9, kind: .click))  // 4th home item: A to Z
        guard case .list(let title, _, _) = s.screen else { Issue.record("\(s.screen)"); return }
        #expect(title == "A to Z")
        s.update(.mouse(x: 3, y: 3, kind: .click))
        guard case .entry = s.screen else { Issue.record("\(s.screen)"); return }
    }

    @Test func cursorRestsOnTheFocusedItem() {
        var s = UIFixtures.state()
        s.keys(.down, .down)
        #expect(s.view().cursor == Point(x: 1, y: 7))
        s.type("/")
        s.type("ab")
        #expect(s.view().cursor == Point(x: 11, y: 1))
    }

    @Test func profileIsSetOnceAndChangeableAnywhere() {
        var s = UIFixtures.state()
        s.type("talking")
        s.keys(.enter)
        s.keys(.function(2))  // from an entry
        #expect(s.screen == .profile(selection: 0))
        s.keys(.right)  // Richmond
        s.keys(.down)
        s.type("6")
        s.keys(.down, .right, .right)  // SEN Support
        s.keys(.down, .enter)  // communication
        #expect(s.session.profile == Profile(borough: .richmond, age: 6, status: .senSupport, needs: [.communicationInteraction]))
        s.keys(.escape)
        let v = s.view()
        #expect(v.contains("Richmond · age 6 · SEN Support"))
        #expect(v.contains("For your child"))
        s.keys(.escape)  // back to the search: verdicts now shown
        #expect(s.view().contains("✗ not for this child"))
    }

    @Test func browseByNeedAndAge() {
        var s = UIFixtures.state()
        s.update(.key(.alt("4")))
        guard case .categories = s.screen else { Issue.record("\(s.screen)"); return }
        let groups = s.content.browseGroups.map(\.label)
        #expect(groups.contains("Need: Sensory and/or physical"))
        #expect(groups.contains("Age 19 to 25"))
        let adults = s.content.browseGroups.first { $0.label == "Age 19 to 25" }?.ids ?? []
        #expect(!adults.contains("talking-therapy"))
        #expect(adults.contains("advice-line"))
    }

    @Test func linksInAnEntryOpen() {
        var s = UIFixtures.state()
        s.session.profile = Profile(borough: .kingston, age: 6, status: .senSupport)
        s.type("talking")
        s.keys(.enter)
        #expect(s.screen == .entry(id: "talking-therapy", scroll: 0))
        let (lines, links) = s.numberedEntryLines("talking-therapy")
        #expect(links.first == "advice-line")
        #expect(lines.contains { $0.text.contains("[1] → ") })
        s.type("1")
        #expect(s.screen == .entry(id: "advice-line", scroll: 0))
        s.keys(.escape)
        #expect(s.screen == .entry(id: "talking-therapy", scroll: 0))
    }

    @Test func glossaryExplainsWords() {
        var s = UIFixtures.state()
        s.keys(.down, .down, .down, .down, .down, .enter)
        s.type("salt")
        #expect(s.view().contains("Help with talking."))
    }
}

@Suite struct SnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: [0, 1])
    func everyScreen(_ sizeIndex: Int) {
        let (w, h) = Self.sizes[sizeIndex]
        let tag = "\(w)x\(h)"
        var s = UIFixtures.state(width: w, height: h)
        assertSnapshot(s.view(), named: "home-\(tag)")
        s.type("talking")
        assertSnapshot(s.view(), named: "search-\(tag)")
        s.keys(.enter)
        assertSnapshot(s.view(), named: "entry-\(tag)")
        s = UIFixtures.state(width: w, height: h)
        s.session.profile = Profile(borough: .richmond, age: 6, status: .senSupport)
        s.type("help")
        assertSnapshot(s.view(), named: "search-profile-\(tag)")
        s = UIFixtures.state(width: w, height: h)
        s.keys(.down, .down, .down, .down, .down, .down, .down, .enter, .enter)
        assertSnapshot(s.view(), named: "flow-question-\(tag)")
        s.type("2")
        s.type("7")
        s.keys(.enter)
        s.type("1")
        s.keys(.enter)
        assertSnapshot(s.view(), named: "flow-outcome-\(tag)")
        s = UIFixtures.state(width: w, height: h)
        s.keys(.function(1))
        assertSnapshot(s.view(), named: "help-\(tag)")
        s = UIFixtures.state(width: w, height: h)
        s.keys(.down, .down, .down, .down, .enter)
        assertSnapshot(s.view(), named: "categories-\(tag)")
        s = UIFixtures.state(.kiosk, width: w, height: h, timeout: 60)
        s.update(.tick(0))
        s.update(.tick(45))
        assertSnapshot(s.view(), named: "kiosk-warning-\(tag)")
    }

    @Test func tooSmall() {
        let s = UIFixtures.state(width: 40, height: 10)
        assertSnapshot(s.view(), named: "too-small")
    }
}

@Suite struct LoopTests {
    @Test func scriptedSessionThroughTheRealLoop() {
        var s = UIFixtures.state()
        let backend = FakeBackend([.text("t"), .text("a"), .text("l"), .text("k"), .key(.enter), .key(.escape), .key(.escape), .key(.ctrl("c"))])
        Loop.run(&s, backend: backend)
        #expect(s.quit == true)
        #expect(backend.frames.contains { $0.contains("Talking therapy for children") })
        // Redraws only what changed: after the first frame, far fewer cells than the screen.
        #expect(backend.changedCells.first == 80 * 24)
        #expect(backend.changedCells.dropFirst().allSatisfy { $0 < 80 * 24 })
    }

    @Test func endOfInputEndsCleanly() {
        var s = UIFixtures.state(.kiosk)
        let backend = FakeBackend([.text("x")])
        Loop.run(&s, backend: backend)
        #expect(backend.inputEnded)
    }

    @Test func resizeRedrawsEverything() {
        var s = UIFixtures.state()
        let backend = FakeBackend([.resize(width: 100, height: 30), .text("q")])
        Loop.run(&s, backend: backend)
        #expect(backend.frames.contains { $0.width == 100 && $0.height == 30 })
    }

    @Test func idleResetThroughTheLoop() {
        var s = UIFixtures.state(.kiosk, timeout: 10)
        var effects: [Effect] = []
        let backend = FakeBackend([.text("z"), .text("z"), .tick(30), .text("a")])
        Loop.run(&s, backend: backend) { _, e in effects.append(e) }
        #expect(effects.contains(.idleReset))
        #expect(backend.frames.last.map { !$0.contains("Search: zz") } ?? false)
    }
}

@Suite struct PlainModeTests {
    @Test func scriptedSessionThroughAPipe() {
        var input = ["1", "talking", "1", "", "", "8", "1", "2", "7", "1", "", "7", "", "6", "salt", "q"]
        var out: [String] = []
        let p = PlainSession(content: UIFixtures.content, readLine: { input.isEmpty ? nil : input.removeFirst() }, write: { out.append($0) })
        p.run()
        let text = out.joined(separator: "\n")
        #expect(text.contains("results for \"talking\""))
        #expect(text.contains("Talking therapy for children"))
        #expect(text.contains("Richmond upon Thames"))
        #expect(text.contains("Question 1 of about"))
        #expect(text.contains("What can help"))
        #expect(text.contains("Help with talking."))
        #expect(text.hasSuffix("Goodbye."))
        #expect(p.profile.borough == .kingston)
    }

    @Test func endOfInputEndsCleanly() {
        var out: [String] = []
        let p = PlainSession(content: UIFixtures.content, readLine: { nil }, write: { out.append($0) })
        p.run()
        #expect(out.last == "Goodbye.")
    }

    @Test func badFlowAnswerIsExplained() {
        var input = ["8", "1", "9", "q"]
        var out: [String] = []
        PlainSession(content: UIFixtures.content, readLine: { input.isEmpty ? nil : input.removeFirst() }, write: { out.append($0) }).run()
        #expect(out.contains { $0.contains("is not an answer") })
    }
}
