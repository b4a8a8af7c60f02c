import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 18 end to end: a kiosk flow finished with real mouse escape sequences (SGR 1006, as a
/// touch screen sends them), and a kiosk that leaves nothing on a Linux console when it stops.
/// These cannot be skipped: without tmux or a built binary they fail and say why.
@Suite(.serialized)
struct FlowsEndToEndTests {
    static var content: String { Tmux.packageRoot.appendingPathComponent("content").path }

    /// Where `label` is on the captured screen (0-based column and row), searched from `below`.
    static func find(_ label: String, in screen: String, below: Int = 0) -> (x: Int, y: Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where y >= below {
            if let r = line.range(of: label) { return (line[..<r.lowerBound].count, y) }
        }
        return nil
    }

    /// A touch on `label`: SGR 1006 press then release, 1-based, in the middle of the label.
    @discardableResult
    static func touch(_ t: Tmux, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let (found, screen) = t.waitFor(label)
        guard found, let p = find(label, in: screen, below: 1) else {
            Issue.record("'\(label)' is not on screen:\n\(screen)", sourceLocation: sourceLocation)
            return false
        }
        let x = p.x + max(1, label.count / 2) + 1, y = p.y + 1
        t.hex(Array("\u{1B}[<0;\(x);\(y)M".utf8))
        t.hex(Array("\u{1B}[<0;\(x);\(y)m".utf8))
        return true
    }

    func pinFile(_ t: Tmux) throws -> String {
        let pin = t.dir.appendingPathComponent("pin")
        try "735214\n".write(to: pin, atomically: true, encoding: .utf8)
        chmod(pin.path, 0o600)
        return pin.path
    }

    /// On xterm, and on a Linux console's TERM, whose terminal description has no mouse: there the
    /// program asks for reports itself and reads them.
    @Test(arguments: ["xterm-256color", "linux"])
    func aKioskFlowIsFinishedWithTouchesAlone(_ term: String) throws {
        try #require(Tmux.available, "needs tmux and a built localoffer (run swift build first)")
        let t = Tmux()
        t.start(["--kiosk", "--pin-file", try pinFile(t), "--content", Self.content], term: term)
        #expect(t.waitFor("What would you like to do?").found)
        Self.touch(t, "Help me find support")
        Self.touch(t, "2  Kingston upon Thames")
        #expect(t.waitFor("How old is your child").found)
        Self.touch(t, "[ 7 ]")
        #expect(t.waitFor("  7").found, "the number pad typed 7:\n\(t.screen())")
        Self.touch(t, "[ Done ]")
        Self.touch(t, "1  Nothing formal yet")
        Self.touch(t, "1  [ ] Talking")
        #expect(t.waitFor("[x] Talking").found, "the touch ticked it:\n\(t.screen())")
        Self.touch(t, "[ Done ]")
        let (done, screen) = t.waitFor("Services and guides that can help")
        #expect(done, "the flow ended in its outcome:\n\(screen)")
        // Back on the outcome is a touch too: the last question, its tick kept.
        Self.touch(t, "[ Back ]")
        #expect(t.waitFor("[x] Talking").found, "\(t.screen())")
        t.keys("C-]")
        t.type("735214")
        t.keys("Enter")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }

    /// The Linux console has no alternate screen: what curses drew stays unless it is wiped. After
    /// the staff exit, and after SIGTERM, nothing the visitor typed or saw is left on the pane or
    /// in its scrollback.
    @Test(arguments: ["staff", "sigterm"])
    func aKioskLeavesNothingOnALinuxConsole(_ how: String) throws {
        try #require(Tmux.available, "needs tmux and a built localoffer (run swift build first)")
        let t = Tmux()
        t.start(["--kiosk", "--pin-file", try pinFile(t), "--content", Self.content], term: "linux")
        #expect(t.waitFor("What would you like to do?").found)
        let typed = "zebrafinchtherapy"
        t.type(typed)
        #expect(t.waitFor(typed).found, "the search is on screen while it runs")
        if how == "staff" {
            t.keys("C-]")
            t.type("735214")
            t.keys("Enter")
        } else if let pid = t.programPID {
            kill(pid, SIGTERM)
        } else {
            Issue.record("no localoffer process to stop")
        }
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
        let pane = Tmux.run(["tmux", "-L", t.socket, "capture-pane", "-p", "-t", "t", "-S", "-200"]).out
        #expect(!pane.contains(typed), "\(how): the search stays on the console:\n\(pane)")
        #expect(!pane.contains("What would you like to do?"), "\(how): the kiosk's screen stays:\n\(pane)")
        #expect(!pane.contains("localoffer"), "\(how): the header stays:\n\(pane)")
    }
}
