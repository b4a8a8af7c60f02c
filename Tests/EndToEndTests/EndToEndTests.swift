import Foundation
import Testing

/// The real binary in a real terminal (tmux). Skipped where tmux or the built binary is missing;
/// CI installs tmux and builds first.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux and a built localoffer (swift build)"))
struct EndToEndTests {
    @Test func searchOpenBothBoroughsBackResizeQuit() {
        let t = Tmux()
        t.start([])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("speech and language therapy")
        let results = t.waitFor("Children's speech and language therapy")
        #expect(results.found, "\(results.screen)")
        t.keys("Enter")
        #expect(t.waitFor("Who it is for").found)
        // Page through the entry: both boroughs are shown.
        var seen = t.screen()
        for _ in 0..<6 {
            t.keys("PageDown")
            seen += t.screen()
        }
        #expect(seen.contains("Richmond upon Thames"))
        #expect(seen.contains("Kingston upon Thames"))
        t.keys("Escape")
        #expect(t.waitFor("Search: speech and language therapy").found)
        t.resize(60, 20)
        #expect(t.waitFor("Please make the window bigger").found)
        t.resize(80, 24)
        #expect(t.waitFor("Search: speech").found)
        t.keys("Escape", "Escape")
        #expect(t.waitFor("What would you like to do?").found)
        t.keys("C-c")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }

    @Test func kioskCannotBeEscaped() {
        let t = Tmux()
        t.start(["--kiosk"])
        #expect(t.waitFor("What would you like to do?").found)
        for k in ["C-c", "C-z", "C-\\", "C-d", "q", "Escape"] + (1...12).map({ "F\($0)" }) {
            t.keys(k)
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(t.exitCode == nil, "the kiosk ended")
        #expect(t.programPID != nil)
        let s = t.screen()
        #expect(s.contains("localoffer · Richmond and Kingston"), "\(s)")
        kill(t.programPID ?? 0, SIGTERM)
        _ = t.waitForExit()
    }

    @Test func kioskIdleTimeoutWipesWhatWasTyped() {
        let t = Tmux()
        t.start(["--kiosk", "--idle-timeout", "6"])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("wheelchair")
        #expect(t.waitFor("Search: wheelchair").found)
        t.keys("Enter")  // open a result
        t.type("a")      // and add it to the list
        #expect(t.waitFor("Still there? Starting again in").found)
        let home = t.waitFor("What would you like to do?", seconds: 10)
        #expect(home.found)
        #expect(!home.screen.contains("wheelchair"))
        #expect(!home.screen.contains("My list (1)"))
        kill(t.programPID ?? 0, SIGTERM)
        _ = t.waitForExit()
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGSEGV, SIGABRT])
    func signalsAndCrashesRestoreTheTerminal(_ sig: Int32) {
        let t = Tmux()
        t.start([])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("ot")
        guard let pid = t.programPID else {
            Issue.record("no program")
            return
        }
        kill(pid, sig)
        #expect(t.waitForExit() != nil)
        #expect(t.terminalRestored)
    }

    /// In kiosk and shared modes, what a person types is written nowhere.
    @Test(arguments: ["--kiosk", "--shared"])
    func nothingTypedIsWrittenToDisk(_ mode: String) throws {
        let t = Tmux()
        let secret = "zq" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let home = t.dir.appendingPathComponent("home")
        let work = t.dir.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let marker = t.dir.appendingPathComponent("marker")
        try "".write(to: marker, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.1)  // file times have one-second steps on some systems
        t.start([mode], env: ["HOME": home.path], cwd: work)
        #expect(t.waitFor("What would you like to do?").found)
        t.type(secret)
        #expect(t.waitFor(secret).found)
        t.keys("C-n")  // end the session
        #expect(t.waitFor("What would you like to do?").found)
        if let pid = t.programPID { kill(pid, SIGTERM) }
        _ = t.waitForExit()
        let tmp = FileManager.default.temporaryDirectory.path
        let dirs = [home.path, work.path, tmp, "/var/tmp", ProcessInfo.processInfo.environment["HOME"] ?? "/root"]
            .filter { FileManager.default.fileExists(atPath: $0) }
        let found = Tmux.run(["sh", "-c", "find \(dirs.map { "'\($0)'" }.joined(separator: " ")) -xdev -type f -newer '\(marker.path)' -size -20M 2>/dev/null | xargs -r grep -lF '\(secret)' 2>/dev/null"]).out
        #expect(found.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "written to: \(found)")
    }

    /// A Parent Champion prints the take-away; an adviser saves it where they say. Nothing else is written.
    @Test func takeawayPrintedAndSaved() throws {
        let t = Tmux()
        let printed = t.dir.appendingPathComponent("printed.txt")
        t.start(["--champion", "--print-command", "'tee \(printed.path)'"])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("wheelchair")
        #expect(t.waitFor("Search: wheelchair").found)
        t.keys("C-t", "C-p")
        #expect(t.waitFor("Sent your list to the printer.").found)
        let text = (try? String(contentsOf: printed, encoding: .utf8)) ?? ""
        #expect(text.contains("Your list from the Local Offer"))
        #expect(text.lowercased().contains("wheelchair"))
        t.keys("Escape", "C-c")
        _ = t.waitForExit()

        let a = Tmux()
        let saved = a.dir.appendingPathComponent("family.txt")
        a.start(["--shared", "--save-dir", a.dir.path])
        #expect(a.waitFor("What would you like to do?").found)
        a.type("portage")
        a.keys("C-t", "C-s")
        #expect(a.waitFor("Save my list as a text file").found)
        a.keys("C-u")  // empties the box; Backspace on an empty box leaves it
        a.type("family.txt")  // a file name: the folder is --save-dir
        a.keys("Enter")
        #expect(a.waitFor("Saved your list to").found)
        #expect(((try? String(contentsOf: saved, encoding: .utf8)) ?? "").contains("Portage"))
        a.keys("C-n", "C-c")
        #expect(a.waitForExit() == 0)
    }

    @Test func plainModeThroughAPipe() {
        guard let bin = Tmux.binary else { return }
        let script = "1\nspeech and language therapy\n1\n\n\n2\n1\n7\n2\n1\n1\n\nq\n"
        let r = Tmux.pipe([bin], input: script)
        #expect(r.status == 0)
        #expect(r.out.contains("Children's speech and language therapy"))
        #expect(r.out.contains("Richmond upon Thames"))
        #expect(r.out.contains("Kingston upon Thames"))
        #expect(r.out.contains("Question 1 of about"))
        #expect(r.out.contains("Open which number?"))
        #expect(r.out.hasSuffix("Goodbye.\n"))
        #expect(!r.out.contains("\u{1B}["), "no terminal control codes in plain mode")
    }

    @Test func dumbTerminalGetsPlainMode() {
        let t = Tmux()
        t.start(["--content", Tmux.packageRoot.appendingPathComponent("content").path], env: ["TERM": "dumb"])
        #expect(t.waitFor("Choose a number, or type words to search:").found)
        t.type("q")
        t.keys("Enter")
        #expect(t.waitForExit() == 0)
    }
}
