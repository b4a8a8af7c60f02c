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
