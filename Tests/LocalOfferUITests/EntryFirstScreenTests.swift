import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Issue 18: an entry answers the family first. At 80×24, with the borough known, the verdict for
/// this child, a way to get it in this borough and a way to reach them are on the first screen,
/// for every service the content ships.
@Suite struct EntryFirstScreenTests {
    static func state(_ profile: Profile, width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) -> AppState {
        var config = AppConfig(theme: .mono)
        config.glyphs = glyphs
        var s = AppState(content: UIFixtures.real, engine: UIFixtures.realEngine, config: config)
        s.update(.resize(width: width, height: height))
        s.session.profile = profile
        return s
    }

    static func open(_ id: String, _ profile: Profile) -> (AppState, Buffer) {
        var s = state(profile)
        s.push(.entry(id: id, scroll: 0))
        s.refreshPages()
        return (s, s.view())
    }

    /// The row of `heading` on rows 2...20 whose next row starts with the first word of `line`:
    /// a section's heading with its first line under it, on the first screen.
    static func row(_ b: Buffer, heading: String, then line: String) -> Int? {
        let first = line.split(separator: " ").first.map(String.init) ?? line
        return (2...20).first { b.row($0).trimmingCharacters(in: .whitespaces) == heading
            && b.row($0 + 1).trimmingCharacters(in: .whitespaces).hasPrefix(first) }
    }

    @Test func everyServiceAnswersOnTheFirstScreenForEveryBoroughAndStatus() {
        let content = UIFixtures.real
        let services = content.entries.filter { $0.kind == .service }
        #expect(services.count >= 100, "only \(services.count) services")
        var failures: [String] = []
        for e in services {
            let age = min(max(8, e.ages.lowerBound), e.ages.upperBound)
            for b in Borough.allCases {
                for status in Status.allCases {
                    let p = Profile(borough: b, age: age, status: status)
                    let (_, screen) = Self.open(e.id, p)
                    let answer = EntryAnswer(entry: e, borough: b, profile: p, content: content)
                    let tag = "\(e.id) \(b.rawValue) \(status.rawValue)"
                    guard let verdict = (2...21).first(where: { screen.row($0).contains("For your child (") }) else {
                        failures.append("\(tag): no verdict on rows 2-21"); continue
                    }
                    let how = answer.sections.first { $0.role == .howToGet }?.lines.first
                    let reach = answer.sections.first { $0.role == .reach }?.lines.first
                    if let how, Self.row(screen, heading: "How to get it in \(b.fullName)", then: how.label + how.text).map({ $0 > verdict }) != true {
                        failures.append("\(tag): no how-to-get line after the verdict on rows 2-21")
                    } else if how == nil { failures.append("\(tag): no how-to-get line at all") }
                    if let reach, Self.row(screen, heading: "How to reach them", then: reach.label + reach.text).map({ $0 > verdict }) != true {
                        failures.append("\(tag): no way to reach them on rows 2-21")
                    } else if reach == nil { failures.append("\(tag): no way to reach them at all") }
                    // The hardware cursor on what is read first.
                    if screen.cursor?.y != verdict { failures.append("\(tag): cursor at \(String(describing: screen.cursor)), verdict on row \(verdict)") }
                }
            }
        }
        #expect(failures.count == 0, Comment(rawValue: "\(failures.count) failures:\n" + failures.prefix(40).joined(separator: "\n")))
    }

    @Test func theOtherBoroughComesAfterTheAnswer() {
        // An entry that differs by borough: Kingston's way in first, Richmond's after it.
        let content = UIFixtures.real
        guard let e = content.entries.first(where: { $0.kind == .service && $0.differsByBorough && $0.boroughs[.richmond]?.offered == true
            && $0.boroughs[.kingston]?.offered == true }) else { Issue.record("no entry differs by borough"); return }
        let (s, _) = Self.open(e.id, Profile(borough: .kingston, status: .senSupport))
        let text = s.numberedEntryLines(e.id).lines.map(\.text)
        let here = text.firstIndex { $0.hasPrefix("How to get it in Kingston upon Thames") }
        let other = text.firstIndex { $0.hasPrefix("In Richmond upon Thames") }
        #expect(here != nil && other != nil && (here ?? 0) < (other ?? 0), "\(text.joined(separator: "\n"))")
    }

    @Test func withoutABoroughOneKeyOrOneTouchChoosesIt() {
        let id = "speech-and-language-therapy"
        var (s, screen) = Self.open(id, Profile())
        guard let row = (1...21).first(where: { screen.row($0).contains("Where do you live?") }) else {
            Issue.record("no borough choice:\n\(screen.text)"); return
        }
        #expect(screen.cursor?.y == row, "the cursor is on the choice")
        // Scrolled down, k scrolls up as ever; at the top it is Kingston.
        s.update(.text("j"))
        s.update(.text("k"))
        #expect(s.session.profile.borough == nil)
        #expect(s.screen == .entry(id: id, scroll: 0))
        s.update(.text("k"))
        #expect(s.session.profile.borough == .kingston)
        #expect(s.view().contains("How to get it in Kingston upon Thames"))
        #expect(!s.view().contains("Where do you live?"))

        // A touch on [ r Richmond ].
        var t = Self.open(id, Profile()).0
        let line = t.view().row(row)
        guard let r = line.range(of: "[ r Richmond ]") else { Issue.record(Comment(rawValue: line)); return }
        let x = line.distance(from: line.startIndex, to: r.lowerBound) + 3
        t.update(.mouse(x: x, y: row, kind: .click))
        #expect(t.session.profile.borough == .richmond)
        #expect(t.view().contains("How to get it in Richmond upon Thames"))
        // A borough chosen here is the session's: Ctrl-N forgets it.
        t.update(.key(.ctrl("n")))
        #expect(t.session.profile.borough == nil)
    }

    @Test func answerFirstPageSnapshot() {
        var s = UIFixtures.state()
        s.session.profile = Profile(borough: .kingston, age: 7, status: .senSupport)
        s.type("talking")
        s.keys(.enter)
        assertSnapshot(s.view(), named: "entry-answer-80x24")
        // Without a borough the bar still has its way home (the choice names its own keys).
        s.session.profile = Profile()
        s.refreshPages()
        #expect(s.view().row(23).contains("F10 home"))
    }

    /// The wrap oddity seen in tmux: a numbered link ("[1] → instead: …") broke its indent when it
    /// wrapped. Every line of a wrapped link hangs under the link's own text.
    @Test func numberedLinksWrapUnderTheirOwnText() {
        let content = UIFixtures.real
        var failures: [String] = []
        let profiles = [Profile(), Profile(borough: .richmond, age: 15, status: .none), Profile(borough: .kingston, age: 4, status: .ehcp)]
        for e in content.entries {
            for p in profiles {
                let (s, _) = Self.open(e.id, p)
                let lines = s.numberedEntryLines(e.id).lines
                var i = 0
                while i < lines.count {
                    guard let t = lines[i].target, let arrow = lines[i].text.range(of: "→") else { i += 1; continue }
                    let textStart = lines[i].text.distance(from: lines[i].text.startIndex, to: arrow.lowerBound) + 2
                    var j = i + 1
                    while j < lines.count, lines[j].target == t, !lines[j].text.contains("→") {
                        let lead = lines[j].text.prefix { $0 == " " }.count
                        if lead < textStart - 2 || lines[j].text.trimmingCharacters(in: .whitespaces).isEmpty {
                            failures.append("\(e.id): '\(lines[i].text)' / '\(lines[j].text)'")
                        }
                        j += 1
                    }
                    i = j
                }
                for l in lines where DisplayWidth.of(l.text) > 78 { failures.append("\(e.id): too wide: \(l.text)") }
            }
        }
        #expect(failures.count == 0, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }

    @Test func linkNumbersOpenTheLinkShown() {
        let content = UIFixtures.real
        guard let e = content.entries.first(where: { !$0.related.isEmpty }) else { Issue.record("no related links"); return }
        var (s, _) = Self.open(e.id, Profile(borough: .richmond, age: 8, status: .senSupport))
        let (lines, links) = s.numberedEntryLines(e.id)
        guard let first = lines.first(where: { $0.text.contains("[1] ") }) else { Issue.record("no [1]"); return }
        #expect(first.target == links.first)
        s.update(.text("1"))
        if links.count >= 10 { s.update(.key(.enter)) }
        #expect(s.screen == .entry(id: links[0], scroll: 0))
    }
}

/// Plain mode (a screen reader) reads an entry in the same order: the verdict first.
@Suite struct PlainEntryOrderTests {
    @Test func plainModeReadsTheVerdictFirst() {
        let s = PlainParityTests.Script(["10", "1", "2", "", "talking", "1", "", "", "q"])
        s.session().run()
        let text = s.text
        let order = ["For your child (Kingston", "How to get it in Kingston upon Thames", "How to reach them", "In Richmond upon Thames"]
        let at = order.map { text.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil }, "\(text)")
        #expect(zip(at, at.dropFirst()).allSatisfy { ($0 ?? text.endIndex) < ($1 ?? text.startIndex) }, "\(text)")
    }

    /// Without a borough, plain mode offers what the screen offers: r or k, then the same page
    /// answers for that borough, verdict first.
    @Test func plainModeChoosesTheBoroughOnTheEntry() {
        let s = PlainParityTests.Script(["talking", "1", "k", "", "", "q"])
        s.session().run()
        let text = s.text
        #expect(text.contains("Type r for Richmond or k for Kingston"), "\(text)")
        guard let set = text.range(of: "This page now answers for Kingston upon Thames") else {
            Issue.record("k did not choose Kingston:\n\(text)")
            return
        }
        let after = text[set.upperBound...]
        let order = ["For your child (Kingston", "How to get it in Kingston upon Thames", "How to reach them"]
        let at = order.map { after.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil }, "\(after)")
        #expect(zip(at, at.dropFirst()).allSatisfy { ($0 ?? after.endIndex) < ($1 ?? after.startIndex) }, "\(after)")
    }
}
