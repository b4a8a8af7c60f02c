import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Plain mode (screen readers, braille, pipes) reaches everything the full screen does.
@Suite struct PlainParityTests {
    final class Script {
        var input: [String]
        var out: [String] = []
        var saved: [(String, String)] = []
        var printed: [String] = []
        init(_ input: [String]) { self.input = input }
        var text: String { out.joined(separator: "\n") }

        func session(_ content: Content = UIFixtures.content, mode: UsageMode = .family) -> PlainSession {
            PlainSession(content: content, mode: mode, readLine: { [self] in input.isEmpty ? nil : input.removeFirst() },
                         write: { [self] in out.append($0) },
                         save: { [self] name, text in saved.append((name, text)); return "Saved your list to \(name)." },
                         print: { [self] text in printed.append(text); return "Sent your list to the printer." })
        }
    }

    static var many: Content {
        let base = UIFixtures.content
        let template = base.entries.first { $0.id == "advice-line" } ?? base.entries[0]
        var entries = base.entries
        for i in 1...25 {
            var e = template
            e.id = "zebra-\(i)"
            e.title = "Zebra crossing help \(i)"
            e.parentWords = ["zebra"]
            entries.append(e)
        }
        return Content(entries: entries, categories: base.categories, flows: base.flows)
    }

    @Test func everyResultAPageAtATime() {
        let s = Script(["zebra", "n", "n", "n", "b", "15", "", "", "q"])
        s.session(Self.many).run()
        #expect(s.text.contains("25 results for \"zebra\""))
        #expect(s.text.contains("Results 1–10 of 25:"))
        #expect(s.text.contains("Results 11–20 of 25:"))
        #expect(s.text.contains("Results 21–25 of 25:"))
        #expect(s.text.contains("That was the last page."))
        #expect(s.text.contains("n for the next 5,"))
        for i in 1...25 { #expect(s.text.contains("Zebra crossing help \(i):"), "result \(i) never listed") }
        // Number 15 opens, though it was on another page.
        let opened = s.out.filter { $0 == "Zebra crossing help 15" || $0.hasPrefix("Zebra crossing help 15 ") }
        #expect(!opened.isEmpty, "\(s.text)")
    }

    @Test func linksFromAnEntryOpenByNumber() {
        let s = Script(["talking", "1", "1", "", "", "", "q"])
        s.session().run()
        #expect(s.text.contains("Links from this page:"))
        #expect(s.out.contains("1. Advice line"))
        // The link opened the related entry: its own summary is shown.
        #expect(s.text.contains("Free advice for every family."))
    }

    @Test func myListSaveAndRemove() {
        let s = Script(["talking", "1", "a", "", "", "9", "s", "family.txt", "r 1", "", "q"])
        s.session().run()
        #expect(s.text.contains("Added to your list (1)."))
        #expect(s.out.contains("1. Talking therapy for children"))
        #expect(s.saved.count == 1)
        #expect(s.saved.first?.0 == "family.txt")
        #expect(s.saved.first?.1.contains("Talking therapy for children") == true)
        #expect(s.saved.first?.1.contains("Made on") == true)
        #expect(s.text.contains("Saved your list to family.txt."))
        #expect(s.text.contains("Removed from your list (0 left)."))
    }

    @Test func printingOnlyForChampions() {
        let champion = Script(["talking", "1", "a", "", "", "9", "p", "", "q"])
        champion.session(mode: UsageMode(shared: true, role: .champion)).run()
        #expect(champion.printed.count == 1)
        let family = Script(["talking", "1", "a", "", "", "print", "q"])
        family.session().run()
        #expect(family.printed.isEmpty)
        #expect(family.text.contains("Printing is for Parent Champions"))
    }

    @Test func aboutYourChildIsSetOnceAndUsedByFlows() {
        let s = Script(["10", "1", "2", "2", "7", "3", "2", "4", "1", "", "8", "1", "1", "", "q"])
        let p = s.session()
        p.run()
        #expect(p.profile.borough == .kingston && p.profile.age == 7 && p.profile.status == .senSupport)
        // The flow did not ask borough or age; it said where they came from.
        #expect(s.text.contains("From About your child: Kingston · age 7"), "\(s.text)")
        #expect(!s.text.contains("Question 1 of about 3: Where do you live?"))
        #expect(s.text.contains("What can help"))
    }

    @Test func changingWhatCameFromTheProfile() {
        let s = Script(["10", "1", "2", "2", "7", "", "8", "1", "c", "1", "1", "", "q"])
        let p = s.session()
        p.run()
        #expect(s.text.contains("Changing an answer from About your child:"))
        #expect(p.profile.borough == .richmond)
    }

    @Test(arguments: [UsageMode.shared, UsageMode(shared: true, role: .adviser), UsageMode(shared: true, role: .champion)])
    func nextFamilyWipesEverything(_ mode: UsageMode) {
        let s = Script(["10", "1", "1", "", "talking", "1", "a", "", "", "next", "9", "q"])
        let p = s.session(mode: mode)
        p.run()
        #expect(s.text.contains("Shared terminal"))
        #expect(s.text.contains("Session ended. Nothing from it was kept."))
        #expect(p.profile.isEmpty && p.myList.isEmpty)
        #expect(s.text.contains("Your list is empty."))
    }
}

/// Plain mode reads the pages the full screen draws: the same caps, the same outcome page, the
/// same way back through a flow.
@Suite struct PlainPageModelTests {
    typealias Script = PlainParityTests.Script

    /// The fixture's services many times over: enough for every cap to bite.
    static let big = Benchmark.syntheticContent(from: UIFixtures.content, count: 120)

    /// The outcome page the screen draws for find-help, Richmond, age 7, talking.
    static func screenOutcome(_ content: Content) -> (page: OutcomePage, entries: Int)? {
        var s = AppState(content: content, config: AppConfig(mode: .family, theme: .mono))
        s.update(.resize(width: 80, height: 24))
        var fs = FlowScreen(id: "find-help")
        fs.answers = ["borough": .choice("richmond"), "age": .number(7), "needs": .multi(["talking"])]
        s.push(.flow(fs))
        s.refreshPages()
        guard let page = s.pages.outcome?.page, let o = s.pages.flow?.state.outcome else { return nil }
        return (page, o.entries.count)
    }

    static let findHelp = ["8", "1", "1", "7", "1"]

    @Test func outcomeListsTheShortListTheScreenDraws() throws {
        let (page, total) = try #require(Self.screenOutcome(Self.big))
        let ids = page.items.compactMap { item -> String? in if case .entry(let id) = item { return id } else { return nil } }
        #expect(ids.count == OutcomePage.shortList && total > ids.count, "the fixture must overflow the short list")
        let s = Script(Self.findHelp + ["", "q"])
        s.session(Self.big).run()
        for (i, id) in ids.enumerated() {
            let title = Self.big.title(of: id)
            #expect(s.out.contains { $0.hasPrefix("\(i + 1). \(title):") }, "item \(i + 1) is not \(title):\n\(s.text)")
        }
        #expect(s.out.contains("\(ids.count + 1). See all \(total)"))
        // Nothing past the short list is numbered on the outcome itself.
        let outcome = s.out.drop { $0 != "What can help" }.prefix { !$0.hasPrefix("Type a number to open it") }
        #expect(!outcome.contains { $0.hasPrefix("\(ids.count + 2). ") })
        #expect(outcome.filter { $0.first?.isNumber == true }.count == ids.count + 1, "\(outcome)")
    }

    @Test func seeAllListsEveryEntryOfTheOutcome() throws {
        let (_, total) = try #require(Self.screenOutcome(Self.big))
        let s = Script(Self.findHelp + ["\(OutcomePage.shortList + 1)", "", "", "q"])
        s.session(Self.big).run()
        let pages = (total + PlainSession.pageSize - 1) / PlainSession.pageSize
        #expect(s.text.contains("Results 1–\(min(total, PlainSession.pageSize)) of \(total):"), "\(s.text)")
        #expect(pages > 1)
    }

    @Test func backFromTheOutcomeKeepsEveryAnswer() {
        // b on the outcome goes back to the last question; another answer there reaches an outcome
        // again without asking borough or age a second time.
        let s = Script(Self.findHelp + ["b", "2", "", "q"])
        s.session().run()
        #expect(s.text.contains("Changing an answer (the others are kept): it was \"talking\"."), "\(s.text)")
        #expect(s.out.filter { $0.hasPrefix("Question 1 of about") }.count == 1, "\(s.text)")
        #expect(s.out.filter { $0 == "What can help" }.count == 2, "\(s.text)")
    }

    @Test func backAtAQuestionKeepsTheLaterAnswers() {
        // Back from "needs" to "age", the same age again: "needs" is asked with nothing lost before it.
        let s = Script(["8", "1", "1", "7", "b", "7", "1", "", "q"])
        s.session().run()
        #expect(s.text.contains("Changing an answer (the others are kept): it was \"7\"."), "\(s.text)")
        #expect(s.out.filter { $0.hasPrefix("Question 1 of about") }.count == 1, "\(s.text)")
        #expect(s.out.contains("What can help"))
    }

    @Test func searchIsCappedAsOnTheScreen() {
        var entries = UIFixtures.content.entries
        let template = entries.first { $0.id == "advice-line" } ?? entries[0]
        for i in 1...(AppState.resultsShown + 12) {
            var e = template
            e.id = "zebra-\(i)"
            e.title = "Zebra crossing help \(i)"
            e.parentWords = ["zebra"]
            entries.append(e)
        }
        let content = Content(entries: entries, categories: UIFixtures.content.categories, flows: UIFixtures.content.flows)
        var screen = AppState(content: content, config: AppConfig(mode: .family, theme: .mono))
        screen.update(.resize(width: 80, height: 24))
        screen.type("zebra")
        for _ in 0..<30 { screen.update(.key(.pageDown)) }
        guard case .search(_, let last) = screen.screen else { Issue.record("not on the results"); return }
        let shown = last + 1
        #expect(shown == AppState.resultsShown)
        let s = Script(["zebra"] + Array(repeating: "n", count: 8) + ["", "q"])
        s.session(content).run()
        #expect(s.text.contains("Results \(shown - 9)–\(shown) of \(shown):"), "\(s.text)")
        #expect(s.text.contains("The best \(shown) are listed here"))
        #expect(s.text.contains("That was the last page."))
    }
}

/// A second language is a strings file: the same file changes the full screen and plain mode.
@Suite struct SecondLanguageTests {
    static let file = """
    # A few keys only: the rest stays English.
    home.title = Beth hoffech chi ei wneud?
    menu.search = Chwilio
    plain.choose = Dewiswch rif, neu teipiwch eiriau i chwilio:
    plain.goodbye = Hwyl fawr.
    keys.short.to_search = i chwilio
    keys.home.1 = Y bysellau hyn: teipiwch unrhyw beth.
    """

    @Test func aStringsFileChangesTheScreenAndPlainMode() {
        let loaded = Catalogue.parse(Self.file, language: "cy", file: "cy.strings")
        #expect(loaded.problems.isEmpty)
        var config = AppConfig(mode: .family, theme: .mono)
        config.strings = loaded.catalogue
        var s = AppState(content: UIFixtures.content, engine: UIFixtures.engine, config: config)
        s.update(.resize(width: 80, height: 24))
        let screen = s.view().text
        #expect(screen.contains("Beth hoffech chi ei wneud?"))
        #expect(!screen.contains(S.homeTitle.english))
        // A key the file leaves out stays English.
        #expect(screen.contains(S.menuFindSupport.english))
        // The keys' words too: the hint bar, and the help screen.
        #expect(s.keyHint.contains("i chwilio"), "\(s.keyHint)")
        s.update(.key(.function(1)))
        #expect(s.helpLines().contains { $0.text.contains("Y bysellau hyn") }, "\(s.helpLines().map(\.text))")

        var out: [String] = []
        var input = ["q"]
        PlainSession(content: UIFixtures.content, strings: loaded.catalogue, readLine: { input.isEmpty ? nil : input.removeFirst() },
                     write: { out.append($0) }).run()
        #expect(out.contains("1. Chwilio"))
        #expect(out.contains("Dewiswch rif, neu teipiwch eiriau i chwilio:"))
        #expect(out.contains("Hwyl fawr."))
        #expect(out.contains("2. " + S.menuFindSupport.english))
    }
}

/// Every key's words on the screens this file's owner keeps come from the catalogue, so a strings
/// file translates the hint bar and the help screen: none is an English literal.
@Suite struct KeyWordsInTheCatalogueTests {
    /// Every screen's bindings are written with catalogue keys: none is exempt.
    static let others: Set<KeyContext> = []

    @Test func bindingsTakeCatalogueKeys() {
        var checked = 0
        for b in KeyMap.all {
            if let c = b.contexts, !c.isDisjoint(with: Self.others) { continue }
            checked += 1
            #expect(b.helpKey != nil, "\(b.label): help \"\(b.help)\" is a literal, not in the catalogue")
            #expect((b.short == nil) == (b.shortKey == nil), "\(b.label): short \"\(b.short ?? "")\" is a literal")
        }
        #expect(checked > 40)
    }
}
