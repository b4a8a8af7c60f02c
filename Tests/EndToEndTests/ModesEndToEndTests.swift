import Foundation
import Testing

/// Issue 13 end to end: printing that cannot take the program down, modes that combine, whole flow
/// outcomes, plain-mode parity, a kiosk that refuses a dumb terminal, --version.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux and a built localoffer (swift build)"))
struct ModesEndToEndTests {
    static var content: String { Tmux.packageRoot.appendingPathComponent("content").path }

    /// Adds one entry to the list, prints with `command`, and checks the program, the terminal and
    /// the list all survive.
    func printSurvives(_ command: String, says expected: String) {
        let t = Tmux()
        t.start(["--champion", "--print-command", Tmux.quote(command)])
        #expect(t.waitFor("Parent Champion — Ctrl-P: print list").found)
        t.type("portage")
        #expect(t.waitFor("Search: portage").found)
        t.keys("C-t")
        #expect(t.waitFor("Added to your list (1)").found)
        t.keys("C-p")
        let s = t.waitFor(expected, seconds: 15)
        #expect(s.found, "\(s.screen)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(t.exitCode == nil, "the program ended")
        #expect(t.programPID != nil)
        // The list is still there.
        t.keys("Escape", "M-8")
        #expect(t.waitFor("Portage home visiting").found)
        t.keys("C-c")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }

    @Test func printingWithAMissingCommand() {
        printSurvives("nonexistent-lp", says: "Printing failed: nonexistent-lp not found — save it with Ctrl-S instead")
    }

    @Test func printingWithACommandThatStopsReading() {
        // The list is short enough to fit the pipe, so this may look like success; either way the
        // status line says what happened and nothing dies.
        let t = Tmux()
        t.start(["--champion", "--print-command", Tmux.quote("head -c1 >/dev/null")])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("portage")
        t.keys("C-t", "C-p")
        let s = t.waitFor("printer", seconds: 15)
        let told = s.screen.contains("Sent your list to the printer.") || s.screen.contains("Printing failed: head")
        #expect(told, "\(s.screen)")
        #expect(t.programPID != nil)
        printSurvives("false", says: "Printing failed: false ended with an error (1)")
    }

    @Test func sharedAdviserTogether() {
        let t = Tmux()
        t.start(["--shared", "--adviser"])
        #expect(t.waitFor("Shared terminal · Adviser — Ctrl-N: next family").found)
        t.type("send team")
        t.keys("Enter")
        let entry = t.waitFor("Who it is for")
        var seen = entry.screen
        for _ in 0..<8 { t.keys("PageDown"); seen += t.screen() }
        #expect(seen.contains("Statutory basis"), "an adviser sees the statutory basis")
        #expect(t.screen().contains("Shared terminal · Adviser — Ctrl-N: next family"))
        t.keys("C-n")
        #expect(t.waitFor("Session ended. Nothing from it was kept.").found)
        t.keys("C-c")
        #expect(t.waitForExit() == 0)
    }

    @Test func kioskWithAnotherModeIsAUsageError() {
        guard let bin = Tmux.binary else { return }
        let r = Tmux.pipe([bin, "--kiosk", "--shared"], input: "")
        #expect(r.status != 0 && r.status != 1)
        #expect(r.out.contains("--kiosk stands alone"))
    }

    /// The worried flow's outcome at 80×24: every word of its text reaches the screen by scrolling.
    @Test func flowOutcomeShowsItsWholeText() throws {
        guard let bin = Tmux.binary else { return }
        let json = Tmux.pipe([bin, "flow", "worried-about-my-child", "--answer", "age=7", "--answer", "borough=kingston",
                              "--answer", "notice=talking", "--json"], input: "")
        let obj = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let outcome = try #require(obj?["outcome"] as? [String: Any])
        let text = try #require(outcome["text"] as? String)
        let t = Tmux()
        t.start([])
        #expect(t.waitFor("What would you like to do?").found)
        t.keys("Down", "Down", "Enter")
        #expect(t.waitFor("How old is your child?").found)
        t.type("7")
        t.keys("Enter")
        #expect(t.waitFor("Where does your family live?").found)
        t.type("2")
        #expect(t.waitFor("What have you noticed?").found)
        t.type("1")
        t.keys("Enter")
        #expect(t.waitFor("best for your child first").found || t.screen().contains("Services and guides"))
        var seen = t.screen()
        for _ in 0..<50 {
            t.keys("Down")
            seen += t.screen()
        }
        let shown = Set(seen.split(whereSeparator: { $0.isWhitespace }).map(String.init))
        let missing = text.split(whereSeparator: { $0.isWhitespace }).map(String.init).filter { !shown.contains($0) }
        #expect(missing.isEmpty, "words never shown: \(missing.prefix(20))")
        #expect(!seen.contains("open an entry for more"))
        #expect(seen.contains("Autism and ADHD assessment") || seen.contains("See all"))
        t.keys("C-c")
        _ = t.waitForExit()
    }

    @Test func plainModeLinksPagingAndList() {
        guard let bin = Tmux.binary else { return }
        // Search, the next page, open result 11, follow its first link, add it to the list, then the list.
        let script = ["school", "n", "11", "1", "a", "", "", "", "9", "", "q"].joined(separator: "\n") + "\n"
        let r = Tmux.pipe([bin, "--plain", "--content", Self.content], input: script)
        #expect(r.status == 0)
        #expect(r.out.contains("Results 1–10 of"))
        #expect(r.out.contains("Results 11–20 of"))
        #expect(r.out.contains("Links from this page:"))
        #expect(r.out.contains("Added to your list (1)."))
        #expect(r.out.contains("My list (1):"))
        #expect(!r.out.contains("\u{1B}["))
    }

    @Test func plainModeSharedNextWipes() {
        guard let bin = Tmux.binary else { return }
        let script = ["10", "1", "2", "", "portage", "1", "a", "", "", "next", "9", "q"].joined(separator: "\n") + "\n"
        let r = Tmux.pipe([bin, "--plain", "--shared", "--adviser", "--content", Self.content], input: script)
        #expect(r.status == 0)
        #expect(r.out.contains("Shared terminal · Adviser"))
        #expect(r.out.contains("Session ended. Nothing from it was kept."))
        #expect(r.out.contains("Your list is empty."))
    }

    @Test func kioskRefusesADumbTerminal() {
        let t = Tmux()
        t.start(["--kiosk"], env: ["TERM": "dumb"])
        #expect(t.waitForExit() == 1)
        #expect(t.screen().contains("--kiosk needs a full-screen terminal"))
        guard let bin = Tmux.binary else { return }
        let piped = Tmux.pipe([bin, "--kiosk"], input: "q\n")
        #expect(piped.status == 1)
        #expect(piped.out.split(separator: "\n").count == 1, "one line: \(piped.out)")
    }

    @Test func version() {
        guard let bin = Tmux.binary else { return }
        let r = Tmux.pipe([bin, "--version"], input: "")
        #expect(r.status == 0)
        #expect(r.out.range(of: #"^localoffer \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(r.out)")
    }
}
