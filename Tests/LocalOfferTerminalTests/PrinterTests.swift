import Foundation
import Testing
@testable import LocalOfferTerminal

/// The print path must report every way a print command can fail, and never hang or die.
@Suite struct PrinterTests {
    /// Far more than a pipe holds (64 KiB on Linux), so a command that stops reading is seen.
    static let long = String(repeating: "Portage · 020 8831 6300 · https://kr.afcinfo.org.uk/\n", count: 6000)

    @Test func aCommandThatTakesEverythingPrints() {
        #expect(Printer.send("my list\n", command: "cat >/dev/null") == .printed)
        #expect(Printer.send(Self.long, command: "cat >/dev/null") == .printed)
    }

    @Test func aCommandThatReadsNothing() {
        // `true` exits at once: a long take-away meets a closed pipe. A short one may fit in the pipe
        // before it exits, which is indistinguishable from printing; either way nothing dies.
        #expect(Printer.send(Self.long, command: "true") == .stoppedEarly)
        #expect([.printed, .stoppedEarly].contains(Printer.send("my list\n", command: "true")))
    }

    @Test func theWholeTextReachesTheCommandThroughTheShell() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("printer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        // Options and redirections work: the command runs through /bin/sh -c.
        #expect(Printer.send(Self.long, command: "tr -d x > '\(out.path)'") == .printed)
        #expect(try String(contentsOf: out, encoding: .utf8) == Self.long)
    }

    @Test func failuresAreReportedNotFatal() {
        #expect(Printer.send("my list\n", command: "false") == .failed(status: 1))
        #expect(Printer.send("my list\n", command: "exit 127") == .notFound)
        #expect(Printer.send("my list\n", command: "nonexistent-lp -d office") == .notFound)
        #expect(Printer.send(Self.long, command: "nonexistent-lp") == .notFound)
        #expect(Printer.send("my list\n", command: "exit 3") == .failed(status: 3))
    }

    @Test func aCommandThatStopsReadingEarlyIsAFailure() {
        // head exits after one byte; the rest of the take-away meets a closed pipe (EPIPE, no SIGPIPE).
        #expect(Printer.send(Self.long, command: "head -c 1 >/dev/null") == .stoppedEarly)
        #expect(Printer.send(Self.long, command: "head -c 1") == .stoppedEarly)
    }

    @Test func aCommandThatHangsIsKilledAfterTheTimeout() {
        let start = Date()
        #expect(Printer.send("my list\n", command: "sleep 30", timeout: 1) == .timedOut)
        #expect(Printer.send(Self.long, command: "sleep 30", timeout: 1) == .timedOut)
        #expect(Date().timeIntervalSince(start) < 6)
    }

    @Test func messagesNameTheCommandAndTheWayOut() {
        #expect(Printer.message(.notFound, command: "lp -d office -o media=A4") == "Printing failed: lp not found — save it with Ctrl-S instead")
        #expect(Printer.message(.printed, command: "lp").hasPrefix("Sent your list to the printer"))
        #expect(Printer.message(.stoppedEarly, command: "head -c1").contains("Ctrl-S"))
    }
}
