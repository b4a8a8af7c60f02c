import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

@Suite struct StaffPINLockoutTests {
    static func kiosk() -> AppState {
        var s = UIFixtures.state(.kiosk, timeout: 120, pin: "246813")
        s.update(.tick(1000))
        return s
    }

    static func tryPIN(_ s: inout AppState, _ pin: String) -> Effect {
        s.keys(.ctrl("]"))
        s.type(pin)
        return s.update(.key(.enter))
    }

    @Test func threeFreeTriesThenAGrowingWaitThatTakesNoPIN() {
        var s = Self.kiosk()
        for _ in 0..<3 { #expect(Self.tryPIN(&s, "111111") == .none) }
        // Locked: the right PIN is not even taken, and the screen says how long to wait.
        #expect(Self.tryPIN(&s, "246813") == .none)
        #expect(!s.quit)
        guard case .staffExit(let typed) = s.screen else { Issue.record("no PIN screen"); return }
        #expect(typed.isEmpty, "digits are not taken during a lockout")
        #expect(s.view().text.contains("Try again in 30 seconds"))
        s.keys(.escape)
        // Leaving and coming back does not help; time does.
        s.update(.tick(1029))
        #expect(Self.tryPIN(&s, "246813") == .none)
        s.keys(.escape)
        s.update(.tick(1031))
        #expect(Self.tryPIN(&s, "999999") == .none)  // a fourth wrong PIN: 60 s now
        s.update(.tick(1061))
        s.keys(.ctrl("]"))
        #expect(s.view().text.contains("Try again in 30 seconds"))
        s.keys(.escape)
        s.update(.tick(1092))
        #expect(Self.tryPIN(&s, "246813") == .quit)
    }

    @Test func anIdleWipeDoesNotResetTheLockout() {
        var s = Self.kiosk()
        for _ in 0..<3 { _ = Self.tryPIN(&s, "000000") }
        #expect(s.update(.tick(1000 + 121)) == .idleReset)  // the idle wipe
        #expect(s.screen == .home(selection: 0))
        // 121 s later the first 30 s lockout is over, but the count was kept: one more wrong PIN is 60 s.
        _ = Self.tryPIN(&s, "000000")
        #expect(s.pinLockout.wait(now: s.now) == 60)
    }

    @Test func onlyASCIIDigitsAndABoundedLengthAreTyped() {
        var s = Self.kiosk()
        s.keys(.ctrl("]"))
        s.type(String(repeating: "9", count: 100))
        guard case .staffExit(let typed) = s.screen else { Issue.record("no PIN screen"); return }
        #expect(typed.count == 32)
        // Anything but an ASCII digit (a letter, ٣, ４) leaves the PIN screen, as any other key does.
        for odd in ["a", "٣", "４"] {
            var t = Self.kiosk()
            t.keys(.ctrl("]"))
            t.type("12" + odd)
            #expect(t.screen == .home(selection: 0), "\(odd)")
        }
    }

    @Test func aShortConfiguredPINNeverOpensTheKiosk() {
        var s = UIFixtures.state(.kiosk, pin: "1234")
        #expect(Self.tryPIN(&s, "1234") == .none)
        #expect(!s.quit)
    }
}

@Suite struct SavePromptTests {
    static func prompt() -> AppState {
        var s = UIFixtures.state(.shared)
        s.type("talking")
        s.keys(.ctrl("t"), .ctrl("s"))
        return s
    }

    @Test(arguments: ["/etc/passwd", "../up.txt", "~/x.txt", ".profile", "a/b"])
    func aPathIsRefusedOnTheStatusLine(_ name: String) {
        var s = Self.prompt()
        guard case .save = s.screen else { Issue.record("no save prompt"); return }
        s.keys(.ctrl("u"))  // the box emptied at once; Backspace on an empty box leaves it
        s.type(name)
        #expect(s.update(.key(.enter)) == .none, "nothing is written")
        #expect(s.message != nil)
        if case .save = s.screen {} else { Issue.record("the prompt stays open to fix the name") }
    }

    @Test func aFileNameIsSavedAndTheNameIsBounded() {
        var s = Self.prompt()
        s.keys(.ctrl("u"))  // the box emptied at once; Backspace on an empty box leaves it
        s.type("family\u{1B}.txt")
        #expect(s.update(.key(.enter)) == .saveTakeaway(path: "family.txt"))
        var long = Self.prompt()
        long.type(String(repeating: "x", count: 500))
        guard case .save(let typed) = long.screen else { Issue.record("no save prompt"); return }
        #expect(typed.count <= TakeawayFile.maxNameLength)
    }
}

@Suite struct PlainOutputTests {
    @Test func escapeSequencesInContentNeverReachTheLineMode() {
        var content = UIFixtures.content
        content.entries = content.entries.map { e in
            var e = e
            e.title = "Evil \u{1B}]0;PWNED\u{07}\u{1B}[2J \u{9B}31m \u{202E}title"
            e.summary = "line\u{1B}]52;c;aGk=\u{07} \u{200B}"
            return e
        }
        var input = ["4", "1", ""].makeIterator()
        var out: [String] = []
        let session = PlainSession(content: content, readLine: { input.next() }, write: { out.append($0) })
        session.run()
        #expect(out.contains { $0.contains("Evil") })
        for line in out {
            #expect(!line.unicodeScalars.contains { Sanitize.isUnsafe($0) && $0 != "\t" }, "\(line.debugDescription)")
        }
    }
}
