import Foundation
import Testing

/// Keys as a real terminal sends them, through ncurses and the escape parser, to the screen.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux and a built localoffer (swift build)"))
struct KeysEndToEndTests {
    func started(_ args: [String] = [], term: String = "xterm-256color") -> Tmux {
        let t = Tmux()
        t.start(args + ["--content", Tmux.packageRoot.appendingPathComponent("content").path], term: term)
        #expect(t.waitFor("What would you like to do?").found)
        return t
    }

    func stop(_ t: Tmux) {
        if let pid = t.programPID { kill(pid, SIGTERM) }
        _ = t.waitForExit()
    }

    @Test(arguments: ["quiet room", "jigsaw", "kingston transport", "2 year old not talking"])
    func homeTypingGoesIntoTheSearch(_ words: String) {
        let t = started()
        t.type(words)
        let s = t.waitFor("Search: \(words)")
        #expect(s.found, "\(s.screen)")
        #expect(t.exitCode == nil, "typing must not quit")
        stop(t)
    }

    @Test func homeEndAsRawSequencesAndUnknownOnesDropped() {
        let t = started()
        t.type("respite")
        #expect(t.waitFor("Search: respite").found)
        t.hex([0x1B, 0x5B, 0x31, 0x7E])  // Home as ESC [ 1 ~
        t.type("x")
        #expect(t.waitFor("Search: xrespite").found, "\(t.screen())")
        t.hex([0x1B, 0x4F, 0x46])  // End as ESC O F
        t.type("y")
        #expect(t.waitFor("Search: xrespitey").found, "\(t.screen())")
        t.hex([0x1B, 0x5B, 0x34, 0x7E])  // End as ESC [ 4 ~
        t.hex([0x1B, 0x5B, 0x39, 0x39, 0x3B, 0x39, 0x7A])  // unknown: ESC [ 99;9 z
        t.type("z")
        let s = t.waitFor("Search: xrespiteyz")
        #expect(s.found, "\(s.screen)")
        #expect(!s.screen.contains("[1~") && !s.screen.contains("99;9"))
        t.hex([0x1B, 0x7F])  // Alt-Backspace deletes the word
        #expect(t.waitFor("Search: \n").found || !t.screen().contains("xrespiteyz"))
        stop(t)
    }

    @Test func entryHomeAndEnd() {
        let t = started()
        t.type("SEND Information, Advice and Support")
        t.keys("Enter")
        #expect(t.waitFor("Who it is for").found)
        t.hex([0x1B, 0x5B, 0x34, 0x7E])  // End
        Thread.sleep(forTimeInterval: 0.3)
        let end = t.screen()
        #expect(end.contains("Where this comes from") || end.contains("Source:"), "\(end)")
        t.hex([0x1B, 0x5B, 0x31, 0x7E])  // Home: the top of the entry, not the search box
        #expect(t.waitFor("Who it is for").found)
        #expect(!t.screen().contains("[1~"))
        stop(t)
    }

    @Test func everyWordIntactAt80x24() throws {
        guard let bin = Tmux.binary else { return }
        let content = Tmux.packageRoot.appendingPathComponent("content").path
        let id = "sendiass"
        let plain = Tmux.pipe([bin, "show", id, "--content", content], input: "")
        guard plain.status == 0 else { return }  // the id is content's; skip if it was renamed
        let t = started()
        t.type("sendiass")
        t.keys("Enter")
        #expect(t.waitFor("Who it is for").found)
        var seen = t.screen()
        for _ in 0..<12 {
            t.keys("PageDown")
            seen += t.screen()
        }
        let tokens = Set(seen.split(whereSeparator: \.isWhitespace).map(String.init))
        let cut = plain.out.split(whereSeparator: \.isWhitespace).map(String.init)
            .filter { !$0.contains("/") && $0.count < 60 && $0.allSatisfy { $0.isLetter } && $0.count > 3 }
            .filter { w in !tokens.contains(w) && !tokens.contains { $0.hasPrefix(w) || $0.hasSuffix(w) } }
        #expect(cut.isEmpty, "cut at the edge: \(cut.prefix(10))")
        stop(t)
    }

    @Test func linuxConsoleShowsNoTicksCrossesOrStars() {
        let t = started(term: "linux")
        t.type("speech")
        #expect(t.waitFor("Search: speech").found)
        t.keys("C-t")
        t.keys("F2", "Right", "Down", "Right", "Right", "Right", "Escape")
        Thread.sleep(forTimeInterval: 0.5)
        let s = t.screen()
        #expect(!s.contains("✓") && !s.contains("✗") && !s.contains("★") && !s.contains("…"), "\(s)")
        #expect(s.contains("[ok]") || s.contains("[no]") || s.contains("check"), "\(s)")
        stop(t)
    }

    @Test func ctrlNOnTheSavePromptInShared() {
        let t = started(["--shared"])
        t.type("portage")
        t.keys("C-t", "C-s")
        #expect(t.waitFor("Save my list as a text file").found)
        t.type("smith-family")
        #expect(t.waitFor("smith-family").found)
        t.keys("C-n")
        let home = t.waitFor("What would you like to do?")
        #expect(home.found)
        #expect(!home.screen.contains("smith") && !home.screen.contains("My list (1)"), "\(home.screen)")
        t.keys("Enter")  // the search box: empty
        #expect(!t.screen().contains("portage"))
        stop(t)
    }
}
