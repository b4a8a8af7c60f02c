import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

extension UIFixtures {
    static let realRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
    static let real: Content = ContentLoader.load(from: realRoot).content
    static let realEngine = SearchEngine(content: real)
}

@Suite struct EscapeParserTests {
    static func parse(_ bytes: [UInt32], flush: Bool = true) -> [Event] {
        var p = EscapeParser()
        var out: [Event] = []
        for b in bytes { out += p.feed(code: b) }
        if flush { out += p.flush() }
        return out
    }
    static func esc(_ s: String) -> [UInt32] { [27] + s.unicodeScalars.map(\.value) }

    /// A touch screen behind a terminal ncurses thinks has no mouse (TERM=linux) still reports: the
    /// report is a touch, not text, and never a key.
    @Test func mouseReportsNcursesDidNotTakeAreTouches() {
        #expect(Self.parse(Self.esc("[<0;20;6M") + Self.esc("[<0;20;6m")) == [.mouse(x: 19, y: 5, kind: .click)])
        #expect(Self.parse(Self.esc("[<0;20;6M")) == [], "a press waits for its release")
        #expect(Self.parse(Self.esc("[<64;3;4M")) == [.mouse(x: 2, y: 3, kind: .wheelUp)])
        #expect(Self.parse(Self.esc("[<65;3;4M")) == [.mouse(x: 2, y: 3, kind: .wheelDown)])
        #expect(Self.parse(Self.esc("[<32;3;4M")) == [], "a drag is not a touch")
        #expect(Self.parse(Self.esc("[<2;3;4m")) == [], "the right button is not a touch")
        // X10 form: button byte 32+3 is a release; positions offset by 33.
        #expect(Self.parse(Self.esc("[M") + [32, 33 + 19, 33 + 5] + Self.esc("[M") + [35, 33 + 19, 33 + 5]) == [.mouse(x: 19, y: 5, kind: .click)])
        for bad in ["[<0;0;6m", "[<0;99999999999999999999;6m", "[<0;;6m", "[<0;1m", "[<0;-3;6m", "[<0;1;2;3m"] {
            #expect(Self.parse(Self.esc(bad)) == [], "\(bad)")
        }
    }

    @Test func homeAndEndInEveryForm() {
        for s in ["[1~", "[7~", "[H", "OH", "[1;5H"] {
            let e = Self.parse(Self.esc(s))
            #expect(e == [.key(.home)] || e == [.key(.ctrlHome)], "\(s): \(e)")
        }
        for s in ["[4~", "[8~", "[F", "OF"] { #expect(Self.parse(Self.esc(s)) == [.key(.end)], "\(s)") }
        #expect(Self.parse(Self.esc("[1;5H")) == [.key(.ctrlHome)])
        #expect(Self.parse(Self.esc("[7^")) == [.key(.ctrlHome)])
    }

    @Test func pagesDeleteAndFunctionKeys() {
        #expect(Self.parse(Self.esc("[5~")) == [.key(.pageUp)])
        #expect(Self.parse(Self.esc("[6~")) == [.key(.pageDown)])
        #expect(Self.parse(Self.esc("[3~")) == [.key(.delete)])
        let f: [(String, Int)] = [("OP", 1), ("OQ", 2), ("OR", 3), ("OS", 4), ("[11~", 1), ("[15~", 5), ("[17~", 6), ("[21~", 10),
                                  ("[23~", 11), ("[24~", 12), ("[[A", 1), ("[[E", 5), ("[1;2P", 1), ("[15;5~", 5)]
        for (s, n) in f { #expect(Self.parse(Self.esc(s)) == [.key(.function(n))], "\(s)") }
    }

    @Test func modifiedArrowsAltAndAltBackspace() {
        #expect(Self.parse(Self.esc("[1;5C")) == [.key(.wordRight)])
        #expect(Self.parse(Self.esc("[1;3D")) == [.key(.wordLeft)])
        #expect(Self.parse(Self.esc("[1;2A")) == [.key(.up)])
        #expect(Self.parse(Self.esc("Od")) == [.key(.wordLeft)])
        #expect(Self.parse(Self.esc("[A")) == [.key(.up)])
        #expect(Self.parse(Self.esc("h")) == [.key(.alt("h"))])
        #expect(Self.parse(Self.esc("3")) == [.key(.alt("3"))])
        #expect(Self.parse([27, 127]) == [.key(.altBackspace)])
        #expect(Self.parse([27, 8]) == [.key(.altBackspace)])
        #expect(Self.parse([27]) == [.key(.escape)])
        #expect(Self.parse([27, 27]) == [.key(.escape), .key(.escape)])
        #expect(Self.parse(Self.esc("[Z")) == [.key(.backTab)])
    }

    @Test func unknownSequencesAreDroppedWhole() {
        for s in ["[99z", "[200~", "[201~", "[?1;2c", "[<0;3;4M", "[I", "[O", "[1;2;3;4;5;6;7;8;9R", "]0;title\u{7}", "]52;c;aGVsbG8=\u{1B}\\", "Pq#0\u{1B}\\"] {
            let e = Self.parse(Self.esc(s) + [0x78])  // then an x, which must survive
            #expect(e == [.text("x")], "\(s.debugDescription): \(e)")
        }
        // A runaway sequence is cut, and what follows still works.
        let long = Self.parse(Self.esc("[" + String(repeating: "1", count: 100) + "~") + [0x61])
        #expect(!long.contains(.text("[")))
    }

    @Test func plainCharactersAndControls() {
        #expect(Self.parse([0x71, 0x6A]) == [.text("q"), .text("j")])
        #expect(Self.parse([3, 14, 9, 13, 127, 29]) == [.key(.ctrl("c")), .key(.ctrl("n")), .key(.tab), .key(.enter), .key(.backspace), .key(.ctrl("]"))])
        #expect(Self.parse([0x9B, 0x85]).isEmpty, "C1 controls are never text")
        #expect(Self.parse([0x660]) == [.text("٠")])
    }

    @Test func terminfoNamesAndFunctionKeyVariants() {
        #expect(EscapeParser.key(terminfoName: "kLFT5") == .wordLeft)
        #expect(EscapeParser.key(terminfoName: "kRIT3") == .wordRight)
        #expect(EscapeParser.key(terminfoName: "kHOM5") == .ctrlHome)
        #expect(EscapeParser.key(terminfoName: "kEND") == .end)
        #expect(EscapeParser.key(terminfoName: "kUP2") == .up)
        #expect(EscapeParser.key(terminfoName: "kxIN") == nil)
        #expect(EscapeParser.functionKey(13) == .function(1))
        #expect(EscapeParser.functionKey(24) == .function(12))
        #expect(EscapeParser.functionKey(0) == nil)
    }
}

@Suite struct SearchBoxTests {
    @Test func typingOnHomeNeverMisfires() {
        for query in ["quick help", "jobs", "kingston transport", "2 year old not talking", "0 to 25", "?", "p", "é", "٣ أطفال"] {
            var s = UIFixtures.state()
            s.type(query)
            #expect(s.screen == .search(query: query, selection: 0), "\(query)")
            #expect(!s.quit)
        }
        var k = UIFixtures.state(.kiosk)
        k.type("quiet")
        #expect(k.screen == .search(query: "quiet", selection: 0))
    }

    @Test func menuByArrowsTabAltAndClick() {
        var s = UIFixtures.state()
        s.keys(.tab, .enter)
        #expect(s.context(of: s.screen) == .flowChoice || s.message != nil)
        s = UIFixtures.state()
        s.keys(.alt("5"))
        guard case .glossary = s.screen else { Issue.record("\(s.screen)"); return }
        s = UIFixtures.state()
        s.keys(.enter)
        #expect(s.screen == .search(query: "", selection: 0))
        #expect(s.view().cursor == Point(x: 9, y: 1))
    }

    @Test func editingKeys() {
        var s = UIFixtures.state()
        s.type("speech therapy")
        s.keys(.wordLeft)
        s.type("and ")
        #expect(s.fieldText == "speech and therapy")
        s.keys(.ctrl("a"))
        s.type("x")
        #expect(s.fieldText == "xspeech and therapy")
        #expect(s.view().cursor == Point(x: 10, y: 1), "the hardware cursor sits at the insertion point")
        s.keys(.delete, .ctrl("e"), .ctrl("w"))
        #expect(s.fieldText == "xpeech and ")
        s.keys(.altBackspace)
        #expect(s.fieldText == "xpeech ")
        s.keys(.left, .left, .ctrl("u"))
        #expect(s.fieldText == "h ")
        s.keys(.home, .ctrl("k"))
        #expect(s.fieldText == "")
        s.type("ab")
        s.keys(.left, .left, .right, .end, .backspace)
        #expect(s.fieldText == "a")
    }

    /// A 2,000-character paste through the real loop: one search, the cap shown, Ctrl-N not delayed.
    @Test func longPasteCostsOneSearch() {
        var s = UIFixtures.state()
        let paste = (0..<2000).map { i in Event.text(Array("zebra crossing ")[i % 15]) }
        let backend = FakeBackend(paste, burst: true)
        Loop.run(&s, backend: backend)
        #expect(s.searchesRun == 1)
        #expect(s.fieldText.count == 200)
        #expect(backend.frames.count == 2, "one frame before, one after the paste")
        #expect(backend.frames.last?.contains("Search is limited to 200 characters") == true)

        var k = UIFixtures.state(.kiosk)
        let kb = FakeBackend(paste + [.key(.ctrl("n"))], burst: true)
        Loop.run(&k, backend: kb)
        #expect(k.searchesRun == 0, "the paste was wiped before any search ran")
        #expect(k.screen == .home(selection: 0))
        #expect(kb.frames.last?.contains("zebra") == false)
    }
}

@Suite struct NextFamilyTests {
    /// Ctrl-N on every screen, prompts included: the last family's list, searches, typed file
    /// name and profile are gone.
    @Test(arguments: [UsageMode.shared, .kiosk])
    func ctrlNWipesFromEveryScreen(_ mode: UsageMode) {
        for ctx in KeyContext.allCases {
            guard var s = UIFixtures.reach(ctx, mode) else { continue }
            s.session.myList = ["talking-therapy"]
            s.session.profile = Profile(borough: .richmond, age: 9, status: .ehcp)
            if ctx == .save { s.type("smith-family") }
            if ctx == .staffExit { s.type("12") }
            s.keys(.ctrl("n"))
            #expect(s.session.stack == [.home(selection: 0)], "\(ctx)")
            #expect(s.session.myList.isEmpty && s.session.profile.isEmpty, "\(ctx)")
            #expect(s.searchCache == nil && s.fieldCursor == nil)
            let v = s.view().text
            #expect(!v.contains("smith") && !v.contains("talking") && !v.contains("Richmond ·"), "\(ctx): \(v)")
        }
    }
}

@Suite struct EntryReachTests {
    @Test func scrollingIsClampedAndHomeEndWork() {
        var s = UIFixtures.reach(.entry)!
        for _ in 0..<30 { s.keys(.pageDown) }
        guard case .entry(let id, let bottom) = s.screen else { Issue.record("\(s.screen)"); return }
        let lines = s.numberedEntryLines(id).lines.count
        #expect(bottom == lines - s.entryRows)
        s.keys(.pageUp)
        guard case .entry(_, let up) = s.screen else { return }
        #expect(up == max(0, bottom - s.entryPage), "one PageUp moves the view at once")
        s.keys(.home)
        #expect(s.screen == .entry(id: id, scroll: 0))
        s.keys(.end)
        #expect(s.screen == .entry(id: id, scroll: bottom))
        s.keys(.home)
        s.update(.mouse(x: 3, y: 5, kind: .wheelDown))
        #expect(s.screen == .entry(id: id, scroll: 3), "the wheel scrolls three lines a notch")
    }

    @Test func linksTenAndBeyondByKeyboard() {
        var s = AppState(content: UIFixtures.real, engine: UIFixtures.realEngine, config: AppConfig(theme: .mono))
        s.update(.resize(width: 80, height: 24))
        let withMost = UIFixtures.real.entries.map { e -> (String, Int) in
            s.session.stack = [.home(selection: 0), .entry(id: e.id, scroll: 0)]
            return (e.id, s.entryLinks.count)
        }.max { $0.1 < $1.1 }
        guard let (id, count) = withMost, count >= 10 else { Issue.record("no entry with 10 links: \(String(describing: withMost))"); return }
        s.session.stack = [.home(selection: 0), .entry(id: id, scroll: 0)]
        let links = s.entryLinks
        let all = s.numberedEntryLines(id).lines.map(\.text).joined(separator: "\n")
        #expect(all.contains("[10] "), "link 10 is numbered on screen")
        s.type("1")
        #expect(s.screen == .entry(id: id, scroll: 0), "1 waits: it could be 10")
        #expect(s.view().contains("Link 1: press Enter"))
        s.type("0")
        #expect(s.screen == .entry(id: links[9], scroll: 0))
        s.keys(.escape)
        s.type("1")
        s.keys(.enter)
        #expect(s.screen == .entry(id: links[0], scroll: 0))
    }

    @Test func wordsOnThisPageDoNotSearchForTheId() {
        var s = UIFixtures.reach(.entry)!
        s.type("g")
        guard case .glossary(let q, _, let entry) = s.screen else { Issue.record("\(s.screen)"); return }
        #expect(q.isEmpty && entry == "talking-therapy")
        #expect(!s.view().contains("talking-therapy"))
        s.type("s")
        #expect(s.fieldText == "s")
    }
}

@Suite struct TextLayoutTests {
    @Test func wrapNeverLosesACharacter() {
        let text = "an EHC plan and https://www.afcinfo.org.uk/local_offer/richmond/send-information-advice-and-support and Supercalifragilisticexpialidociousnessandmore 日本語のテキスト"
        for width in [8, 13, 20, 37, 78] {
            let lines = Wrap.lines(text, width: width)
            #expect(lines.allSatisfy { DisplayWidth.cells($0) <= width }, "\(width)")
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "\(width)")
            #expect(lines.contains { $0.hasSuffix("EHC") || $0.contains("EHC ") }, "EHC whole at \(width)")
        }
        // A web address breaks after a slash.
        let url = Wrap.lines("See https://www.afcinfo.org.uk/local_offer/richmond/send-information-advice-and-support", width: 40)
        #expect(url.dropLast().allSatisfy { $0.hasSuffix("/") || $0 == "See" }, "\(url)")
    }

    /// Every word of every real entry, rendered at 80×24 and scrolled through, is on screen whole.
    @Test func everyWordOfEveryEntryIntactAt80x24() {
        var s = AppState(content: UIFixtures.real, engine: UIFixtures.realEngine, config: AppConfig(theme: .mono))
        s.session.profile = Profile(borough: .kingston, age: 8, status: .ehcp)
        s.update(.resize(width: 80, height: 24))
        var failures: [String] = []
        for e in UIFixtures.real.entries {
            s.session.stack = [.home(selection: 0), .entry(id: e.id, scroll: 0)]
            let total = s.numberedEntryLines(e.id).lines.count
            var rows: [Int: String] = [:]
            var top = 0
            while true {
                s.screen = .entry(id: e.id, scroll: top)
                let b = s.view()
                let shownTop = s.entryTop(total, top)
                for i in 0..<s.entryRows where shownTop + i < total { rows[shownTop + i] = b.row(1 + i) }
                if shownTop + s.entryRows >= total { break }
                top += s.entryRows
            }
            let screenText = (0..<total).compactMap { rows[$0] }.joined(separator: "\n")
                .replacingOccurrences(of: #"\[[0-9]+\] "#, with: "", options: .regularExpression)
            let plain = EntryText.lines(for: e, in: UIFixtures.real, profile: s.session.profile, width: 5000).map(\.text).joined(separator: "\n")
            if screenText.filter({ !$0.isWhitespace }) != plain.filter({ !$0.isWhitespace }) {
                failures.append("\(e.id): characters differ from the plain rendering")
            }
            let tokens = Set(screenText.split(whereSeparator: \.isWhitespace))
            for w in plain.split(whereSeparator: \.isWhitespace) where !w.contains("/") && DisplayWidth.cells(String(w)) <= 70 && !tokens.contains(w) {
                failures.append("\(e.id): '\(w)' cut")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }
}

@Suite struct GlyphAndThemeTests {
    /// Under the ASCII set, the only non-ASCII characters on screen come from the content itself.
    @Test func asciiChromeOnEveryScreen() throws {
        var contentChars = Set<Character>()
        let files = FileManager.default.enumerator(at: UIFixtures.good, includingPropertiesForKeys: nil)
        while let u = files?.nextObject() as? URL {
            guard u.pathExtension == "yaml" else { continue }
            contentChars.formUnion(try String(contentsOf: u, encoding: .utf8).filter { !$0.isASCII })
        }
        var failures: [String] = []
        for mode in UsageMode.all {
            for ctx in KeyContext.allCases {
                guard var s = UIFixtures.reach(ctx, mode) else { continue }
                s.config.glyphs = .ascii
                // `--ascii`: no block elements either (TERM=linux alone keeps them for the QR code).
                s.config.blocks = false
                s.session.myList = ["talking-therapy"]
                s.message = "Added to your list (1)."
                for screen in [s, { var h = s; h.push(.help(scroll: 0)); return h }()] {
                    let extra = Set(screen.view().text.filter { !$0.isASCII }).subtracting(contentChars)
                    if !extra.isEmpty { failures.append("\(mode) \(ctx): \(String(extra))") }
                }
            }
        }
        var k = UIFixtures.state(.kiosk, timeout: 30)
        k.config.glyphs = .ascii
        k.update(.tick(0))
        k.update(.tick(25))
        if k.view().text.contains(where: { !$0.isASCII }) { failures.append("kiosk warning") }
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
        #expect(Glyphs.forTerminal(term: "linux", asciiFlag: false) == .ascii)
        #expect(Glyphs.forTerminal(term: "xterm-256color", asciiFlag: false) == .unicode)
        #expect(Glyphs.forTerminal(term: "xterm-256color", asciiFlag: true) == .ascii)
    }

    @Test func oneSecondIsSingular() {
        var k = UIFixtures.state(.kiosk, timeout: 30)
        k.update(.tick(0))
        k.update(.tick(29.5))
        let v = k.view()
        #expect(v.contains("Starting again in 1 second "))
        #expect(!v.contains("1 seconds"))
    }

    @Test func highContrastDrawsItsOwnBackground() {
        let s = UIFixtures.state(theme: .highContrast)
        let b = s.view()
        for y in 0..<b.height {
            for x in 0..<b.width { #expect(b[x, y].style.bg != .none, "cell \(x),\(y) on the terminal's own background") }
        }
    }
}
