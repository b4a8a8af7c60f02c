import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Every word a person reads comes from the catalogue: in the pseudo-language (each entry's English
/// between ⟦ ⟧), every screen, the plain mode and the take-away are drawn, and nothing outside the
/// brackets may be English the catalogue does not hold: only content (titles, summaries, options)
/// and what the family typed. An English literal added to a screen fails here.
@Suite struct PseudoLanguageTests {
    /// The pseudo-language, written as a strings file and read the way `LOCALOFFER_LANG=qps` reads it.
    static let strings: Catalogue = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("localoffer-pseudo-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? Pseudo.file.write(to: dir.appendingPathComponent("qps.strings"), atomically: true, encoding: .utf8)
        return Catalogue.load(language: "qps", dir: dir.path).catalogue
    }()

    /// Words that may stand outside the brackets: the content's own, the boroughs' names (a place
    /// keeps its name in every language) and the keys' names.
    static let allowed: Set<String> = Pseudo.words(contentText).union(Pseudo.keyNames)
        .union(Borough.allCases.flatMap { Pseudo.words($0.fullName) })
    static let contentText = Pseudo.strings(in: UIFixtures.content).joined(separator: "\n")

    /// The English left outside the brackets of `text`, or nil when there is none.
    static func leaks(_ text: String, typed: [String] = []) -> String? {
        Pseudo.leaks(text, content: contentText, allowed: allowed.union(typed.flatMap(Pseudo.words))).map { $0 + "\n" + text }
    }

    static func check(_ text: String, _ name: String, typed: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(text.contains(Pseudo.open), "\(name): nothing drawn in the pseudo-language\n\(text)", sourceLocation: sourceLocation)
        if let l = leaks(text, typed: typed) { Issue.record("\(name): English outside the catalogue: \(l)", sourceLocation: sourceLocation) }
    }

    /// The file holds every key and reads back without a problem.
    @Test func thePseudoLanguageCoversEveryKey() {
        let loaded = Catalogue.parse(Pseudo.file, language: "qps", file: "qps.strings")
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        for k in S.allCases { #expect(loaded.catalogue[k] == "⟦\(k.english)⟧", "\(k.rawValue)") }
        // The check itself finds English: a bare literal and a catalogue phrase are both caught.
        #expect(Self.leaks("⟦Search: ⟧ Press zqxw now") != nil)
        #expect(Self.leaks("x " + S.saveOnlyThis.english) != nil)
        #expect(Self.leaks("⟦Added to your list (⟦1⟧).⟧") == nil)
    }

    /// Every screen, each scrolled to its end, in every mode that has it.
    @Test(arguments: KeyContext.allCases) func everyScreen(_ ctx: KeyContext) {
        var reached = 0
        for mode in [UsageMode(), UsageMode(shared: true), UsageMode(kiosk: true)] {
            guard var s = UIFixtures.reach(ctx, mode, strings: Self.strings) else { continue }
            reached += 1
            var seen: Set<String> = []
            for _ in 0..<12 {
                let text = s.view().text
                guard seen.insert(text).inserted else { break }
                Self.check(text, "\(ctx) \(mode)", typed: ["talking"])
                s.update(.key(.pageDown))
            }
        }
        #expect(reached > 0, "\(ctx) not reached")
    }

    /// Messages and states no screen starts in: a list added to, a search that found nothing, the
    /// idle warning, a window too small, a wrong PIN, the glossary with a word typed.
    @Test func messagesAndStates() {
        var s = UIFixtures.state(strings: Self.strings)
        s.type("talking"); s.keys(.enter); s.type("a")
        Self.check(s.view().text, "added to my list", typed: ["talking"])
        s.keys(.alt("9"))
        Self.check(s.view().text, "my list")
        s.keys(.ctrl("s"))
        Self.check(s.view().text, "save")
        s.type("/x"); s.keys(.enter)
        Self.check(s.view().text, "save: bad name", typed: ["/x"])

        var n = UIFixtures.state(strings: Self.strings)
        n.type("zzqx wobble")
        Self.check(n.view().text, "nothing found", typed: ["zzqx", "wobble"])

        var g = UIFixtures.state(strings: Self.strings)
        g.keys(.alt("5")); g.type("ehcp")
        Self.check(g.view().text, "glossary word", typed: ["ehcp"])

        var k = UIFixtures.state(.init(kiosk: true), timeout: 60, pin: "4321", strings: Self.strings)
        k.update(.tick(45))
        Self.check(k.view().text, "idle warning")
        k.keys(.ctrl("]")); k.type("1111"); k.keys(.enter)
        Self.check(k.view().text, "wrong PIN", typed: ["1111"])

        var small = UIFixtures.state(width: 40, height: 10, strings: Self.strings)
        small.update(.resize(width: 40, height: 10))
        Self.check(small.view().text, "too small")
    }

    /// The plain mode, through search, an entry, the list, the profile, a flow to its outcome and
    /// the glossary; and the take-away it saves.
    @Test func plainMode() {
        var input = ["1", "talking", "1", "a", "", "", "9", "save", "list.txt", "", "10", "1", "2", "2", "7", "",
                     "2", "2", "7", "1", "", "", "6", "ehcp", "", "7", "", "zzqx", "", "q"]
        var out: [String] = []
        var saved = ""
        PlainSession(content: UIFixtures.content, mode: UsageMode(), strings: Self.strings,
                     readLine: { input.isEmpty ? nil : input.removeFirst() }, write: { out.append($0) },
                     save: { _, text in saved = text; return "⟦saved⟧" }).run()
        Self.check(out.joined(separator: "\n"), "plain mode", typed: ["talking", "ehcp", "zzqx", "list", "txt"])
        Self.check(saved, "take-away")
    }
}
