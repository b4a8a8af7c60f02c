import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Screens as rooms: pages computed once per change, plain mode reading the same rules, the
/// catalogue of words, and the bench reaching every screen it names.
@Suite struct RoomsTests {
    static let shipped: Content = {
        let url = UIFixtures.testsDir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
        return ContentLoader.load(from: url).content
    }()

    @Test func oneDownOnAnEntryDoesNotLayItOutAgain() {
        var s = UIFixtures.state(height: 24)
        s.type("talking")
        s.keys(.enter)
        guard case .entry = s.screen else { Issue.record("no entry opened: \(s.screen)"); return }
        let built = s.pages.built
        let lines = s.numberedEntryLines("talking-therapy").lines
        s.keys(.down, .down, .pageDown, .up)
        _ = s.view()
        #expect(s.pages.built == built, "scrolling must reuse the laid-out entry")
        // A change the layout depends on (the width) does lay it out again, once.
        s.update(.resize(width: 100, height: 24))
        #expect(s.pages.built == built + 1)
        #expect(s.numberedEntryLines("talking-therapy").lines != lines || lines.count < 3)
    }

    @Test func keysOnAFlowOutcomeDoNotRunTheFlowAgain() {
        var s = UIFixtures.state()
        s.startFlow("find-help")
        FlowAutopilot.answerAll(&s)
        #expect(s.keyContext == .flowOutcome)
        let built = s.pages.built
        s.keys(.down, .up, .down, .pageDown, .pageUp)
        _ = s.view()
        #expect(s.pages.built == built, "moving on an outcome page must not run the flow or build the page again")
        // Adding to my list changes the page (a star): the page is built again, the flow is not run again.
        let flowKey = s.pages.flow?.key
        s.update(.text("a"))
        #expect(s.pages.flow?.key == flowKey)
        #expect(s.pages.built == built + 1)
    }

    @Test func scrollingTheGlossaryOrHelpDoesNotLayThemOutAgain() {
        var s = UIFixtures.state(height: 24)
        s.update(.key(.alt("5")))
        #expect(s.keyContext == .glossary)
        let built = s.pages.built
        let all = s.glossaryLines("", entry: nil)
        s.keys(.down, .down, .pageDown, .up)
        _ = s.view()
        #expect(s.pages.built == built, "scrolling the glossary must reuse its page")
        // A word typed is a new page, made from the terms already laid out; its lines are those terms'.
        s.type("e")
        #expect(s.pages.built == built + 1)
        let picked = s.glossaryLines("e", entry: nil)
        let fresh = s.glossaryMatches("e").flatMap { s.termLines($0) }
        #expect(picked == (fresh.isEmpty ? [StyledLine(S.glossaryNone.english)] : fresh))
        #expect(!all.isEmpty)

        s.update(.key(.function(1)))
        #expect(s.keyContext == .help)
        let helpBuilt = s.pages.built
        s.keys(.down, .down, .up)
        _ = s.view()
        #expect(s.pages.built == helpBuilt, "scrolling the help must reuse its lines")
        #expect(s.helpLines() == s.layOutHelp())
    }

    @Test func newContentMakesEveryPageStale() {
        var s = UIFixtures.state()
        s.type("talking")
        s.keys(.enter)
        let gen = s.contentGeneration
        s.content = UIFixtures.content
        #expect(s.contentGeneration == gen + 1)
        #expect(s.pages.entry == nil)
    }

    @Test func theWipeForgetsThePagesToo() {
        var s = UIFixtures.state(.kiosk)
        s.type("talking")
        s.keys(.enter)
        #expect(s.pages.entry != nil)
        s.wipeSession()
        #expect(s.pages.entry == nil && s.pages.flow == nil && s.pages.outcome == nil)
    }

    /// Back in plain mode keeps the answers, as on the full screen: after going back two questions
    /// and answering the first again, the next question asked is the one after the kept answers.
    @Test func plainBackKeepsTheAnswers() {
        let flow = UIFixtures.content.flow("find-help")
        #expect(flow != nil)
        let s = PlainParityTests.Script(["8", "1", "2", "7", "b", "b", "2", "", "", "q"])
        s.session().run()
        let asked = s.out.filter { $0.hasPrefix("Question ") }
        // borough, age, needs; back to age, back to borough; borough again, then needs (age kept).
        #expect(asked.count >= 6, "\(asked)")
        #expect(asked.last?.contains("What do you notice?") == true, "age was forgotten: \(asked)")
        #expect(s.text.contains("Changing an answer"))
    }

    @Test func plainListIsBoundedLikeTheScreen() {
        var input: [String] = []
        // Open every A to Z entry and add it, more times than the cap allows (the fixture is small:
        // the cap is checked through the shared constant instead).
        input += ["4", "1", "a", "", "", "q"]
        let s = PlainParityTests.Script(input)
        s.session().run()
        #expect(s.text.contains("Added to your list (1)"))
        #expect(AppState.maxList == 500)
    }

    @Test func theCatalogueHasEnglishForEveryKeyAndReadsAFile() {
        for k in S.allCases { #expect(!k.english.isEmpty, "\(k.rawValue)") }
        let file = "# Test language\nhome.title = Beth hoffech chi ei wneud?\nsearch.limited = Uchafswm {n} nod.\nno.such.key = x\nbroken line\n"
        let loaded = Catalogue.parse(file, language: "cy", file: "cy.strings")
        #expect(loaded.catalogue[.homeTitle] == "Beth hoffech chi ei wneud?")
        #expect(loaded.catalogue.format(.searchLimited, ["n": "200"]) == "Uchafswm 200 nod.")
        #expect(loaded.catalogue[.menuSearch] == "Search", "a key the file leaves out stays English")
        #expect(loaded.problems.count == 2)
        #expect(loaded.problems.first?.hasPrefix("cy.strings:4:1: error:") == true)
        // The language on screen: the home title comes from the catalogue.
        var s = UIFixtures.state()
        s.config.strings = loaded.catalogue
        #expect(s.view().text.contains("Beth hoffech chi ei wneud?"))
        // A language name is never a path.
        #expect(Catalogue.load(language: "../../etc/passwd", dir: "/tmp").catalogue == .english)
    }

    @Test func theBenchReachesEveryScreenItTimes() {
        let reports = FrameBenchmark.runScreens(content: Self.shipped, scale: 200, frames: 3)
        let reached = Dictionary(uniqueKeysWithValues: reports.map { ($0.name, $0.context) })
        #expect(reached["results"] == "search")
        #expect(reached["entry"] == "entry")
        #expect(reached["list"] == "list")
        #expect(reached["flow_question"]?.hasPrefix("flow") == true && reached["flow_question"] != "flowOutcome")
        #expect(reached["flow_outcome"] == "flowOutcome")
        #expect(reports.allSatisfy { $0.keys == 3 && $0.p99Us > 0 })
    }
}
