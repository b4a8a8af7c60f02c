import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Tmux {
    /// tmux's view of the pane: is the alternate screen on, is any mouse reporting on?
    var paneModes: (alternate: Bool, mouse: Bool) {
        let out = Tmux.run(["tmux", "-L", socket, "display-message", "-p", "-t", "t", "#{alternate_on} #{mouse_any_flag}"]).out
        let f = out.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return (f.first == "1", f.count > 1 && f[1] == "1")
    }
}

@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux and a built localoffer (swift build)"))
struct HardeningEndToEndTests {
    static let content = Tmux.packageRoot.appendingPathComponent("content").path

    /// Signals that mean nothing to localoffer are ignored: the kiosk keeps running and drawing.
    @Test func nuisanceSignalsLeaveTheKioskRunning() {
        let t = Tmux()
        t.start(["--kiosk"])
        #expect(t.waitFor("What would you like to do?").found)
        guard let pid = t.programPID else {
            Issue.record("no program")
            return
        }
        let signals: [(String, Int32)] = [
            ("PIPE", SIGPIPE), ("USR1", SIGUSR1), ("USR2", SIGUSR2), ("ALRM", SIGALRM), ("VTALRM", SIGVTALRM),
            ("PROF", SIGPROF), ("XCPU", SIGXCPU), ("XFSZ", SIGXFSZ), ("IO", SIGIO), ("PWR", SIGPWR), ("STKFLT", SIGSTKFLT),
            ("TSTP", SIGTSTP), ("TTIN", SIGTTIN), ("TTOU", SIGTTOU), ("RTMIN", Int32(34)), ("RTMAX", Int32(64)),
        ]
        for (name, sig) in signals {
            kill(pid, sig)
            Thread.sleep(forTimeInterval: 0.2)
            #expect(t.exitCode == nil && t.programPID == pid, "SIG\(name) ended the kiosk")
        }
        t.type("portage")
        #expect(t.waitFor("Search: portage").found, "still answering keys")
        kill(pid, SIGTERM)
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
        let modes = t.paneModes
        #expect(!modes.alternate && !modes.mouse)
    }

    /// Signals that end the program restore the terminal first: quit-like ones cleanly, crash-like
    /// ones from the handler on the alternate stack, then dying by the signal.
    @Test(arguments: [SIGINT, SIGQUIT, SIGSYS, SIGBUS, SIGFPE, SIGILL, SIGTRAP])
    func endingSignalsRestoreTheTerminal(_ sig: Int32) {
        let t = Tmux()
        t.start([])
        #expect(t.waitFor("What would you like to do?").found)
        #expect(t.paneModes.alternate, "the navigator uses the alternate screen")
        guard let pid = t.programPID else {
            Issue.record("no program")
            return
        }
        kill(pid, sig)
        #expect(t.waitForExit() != nil)
        #expect(t.terminalRestored)
        let modes = t.paneModes
        #expect(!modes.alternate, "left in the alternate screen by signal \(sig)")
        #expect(!modes.mouse, "left with mouse reporting on by signal \(sig)")
    }

    /// A closed pipe is not a crash: `localoffer search … | head -1` stops quietly.
    @Test(arguments: [["search", "therapy"], ["list", "--json"], ["glossary"], ["--plain"]])
    func aClosedPipeEndsQuietly(_ args: [String]) {
        guard let bin = Tmux.binary else { return }
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("lo-pipe-\(UUID().uuidString.prefix(8))").path
        defer { unlink(err) }
        let cmd = "'\(bin)' \(args.joined(separator: " ")) --content '\(Self.content)' < /dev/null 2>'\(err)' | true; echo \"status=${PIPESTATUS[0]}\""
        let r = Tmux.run(["bash", "-c", cmd])
        #expect(r.out.contains("status=0"), "\(r.out)")
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        #expect(stderr.isEmpty, "\(stderr)")
    }

    /// What reaches the command line never drives the terminal, and check's messages stay one line.
    @Test func escapeSequencesNeverReachTheTerminalFromTheCommandLine() throws {
        guard let bin = Tmux.binary else { return }
        let evil = "x\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}31m\u{202E}\nforged.yaml:1:1: error: fake"
        for args in [["show", evil], ["search", evil], ["glossary", evil], ["flow", evil]] {
            let r = Tmux.pipe([bin] + args + ["--content", Self.content], input: "")
            #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) || $0.value == 0x202E }, "\(args[0])")
            #expect(!r.out.contains("\nforged.yaml"), "\(args[0]): a forged line")
        }
        // A content folder whose file name and key carry escapes: check prints escaped, located lines.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lo-evil-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Self.content, toPath: dir.path)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("glossary"), withIntermediateDirectories: true)
        try "terms:\n  - term: a\n    meaning: \"b\\e]52;c;aGk=\\a\"\n    \"k\\nforged: error: x\": 1\n"
            .write(to: dir.appendingPathComponent("glossary").appendingPathComponent("evil\u{1B}[2J.yaml"), atomically: true, encoding: .utf8)
        let r = Tmux.pipe([bin, "check", "--content", dir.path], input: "")
        #expect(r.status == 1)
        #expect(r.out.contains("glossary/evil\\u{1B}[2J.yaml:3:14: error: this text holds U+001B"), "\(r.out)")
        #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B })
        for line in r.out.split(separator: "\n") where line.contains("error:") || line.contains("warning:") {
            #expect(line.range(of: #"^[^:]+(:\d+:\d+)?: (error|warning): .+$"#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func checkRefusesAnEmptyFolderAndMaxAgeOnlyWarns() throws {
        guard let bin = Tmux.binary else { return }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("lo-empty-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = Tmux.pipe([bin, "check", "--content", empty.path], input: "")
        #expect(r.status == 1)
        #expect(r.out.contains("services: error: no services found"))
        let old = Tmux.pipe([bin, "check", "--max-age", "0", "--content", Self.content], input: "")
        #expect(old.status == 0, "warnings only")
        #expect(old.out.contains("(--max-age): check the facts again"))
        let big = Tmux.pipe([bin, "bench", "--frames", "100000000"], input: "")
        #expect(big.status != 0)
        #expect(big.out.contains("--frames must be from 0"))
    }

    /// Shared terminal: a file name into --save-dir, private, never over an existing file.
    @Test func takeawayGoesIntoTheSaveFolderPrivatelyAndNumbered() throws {
        let t = Tmux()
        let dir = t.dir.appendingPathComponent("takeaways")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "keep me".write(to: dir.appendingPathComponent("family.txt"), atomically: true, encoding: .utf8)
        t.start(["--shared", "--save-dir", dir.path, "--content", Self.content])
        #expect(t.waitFor("What would you like to do?").found)
        t.type("portage")
        t.keys("C-t", "C-s")
        #expect(t.waitFor("Save my list as a text file").found)
        t.keys("C-u")  // empties the box; Backspace on an empty box leaves it
        t.type("/etc/passwd")
        t.keys("Enter")
        #expect(t.waitFor("without folders").found)
        t.keys("C-u")  // empties the box; Backspace on an empty box leaves it
        t.type("family.txt")
        t.keys("Enter")
        #expect(t.waitFor("Saved your list to").found)
        let saved = dir.appendingPathComponent("family-2.txt")
        #expect(((try? String(contentsOf: saved, encoding: .utf8)) ?? "").contains("Portage"))
        #expect(((try? String(contentsOf: dir.appendingPathComponent("family.txt"), encoding: .utf8)) ?? "") == "keep me")
        var st = stat()
        stat(saved.path, &st)
        #expect(st.st_mode & 0o777 == 0o600)
        t.keys("C-n", "C-c")
        #expect(t.waitForExit() == 0)
    }

    /// Staff leave the kiosk with the PIN from --pin-file; a PIN file others can read is refused.
    @Test func kioskPINFileIsCheckedAndUsed() throws {
        let t = Tmux()
        let pin = t.dir.appendingPathComponent("pin")
        try "735214\n".write(to: pin, atomically: true, encoding: .utf8)
        chmod(pin.path, 0o600)
        t.start(["--kiosk", "--pin-file", pin.path, "--content", Self.content])
        #expect(t.waitFor("What would you like to do?").found)
        t.keys("C-]")
        t.type("735214")
        t.keys("Enter")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)

        let open = Tmux()
        let readable = open.dir.appendingPathComponent("pin")
        try "735214\n".write(to: readable, atomically: true, encoding: .utf8)
        chmod(readable.path, 0o644)
        open.start(["--kiosk", "--pin-file", readable.path, "--content", Self.content])
        #expect(open.waitFor("What would you like to do?").found)
        open.keys("C-]")
        open.type("735214")
        open.keys("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(open.exitCode == nil, "a PIN file others can read must not open the kiosk")
        if let pid = open.programPID { kill(pid, SIGTERM) }
        _ = open.waitForExit()
    }
}
