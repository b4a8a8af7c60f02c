import LocalOfferCore

extension KeyMap {
    /// Staff leaving the kiosk: its keys.
    static let staffExit: [KeyBinding] = [
        KeyBinding([.digit], "PIN", short: .keysShortThenEnter, help: .keysStaff1, in: [.staffExit]) { s, e in
            // During a lockout the screen says how long, and takes no PIN.
            guard s.pinLockout.wait(now: s.now) == nil else { return .none }
            if case .staffExit(let pin) = s.screen, case .text(let c) = e, pin.count < 32 { s.screen = .staffExit(pin: pin + String(c)) }
            return .none
        },
        KeyBinding([.key(.backspace)], "Backspace", help: .keysStaff2, in: [.staffExit]) { s, _ in
            if case .staffExit(let pin) = s.screen { s.screen = .staffExit(pin: String(pin.dropLast())) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", help: .keysStaff3, in: [.staffExit]) { s, _ in
            guard case .staffExit(let pin) = s.screen else { return .none }
            if s.pinLockout.wait(now: s.now) != nil { return .none }
            if let expected = s.config.kioskPIN, expected.count >= KioskPIN.minimumDigits, KioskPIN.matches(pin, expected) {
                s.pinLockout.succeed()
                s.quit = true
                return .quit
            }
            // Three wrong PINs, then a growing wait (PINLockout), kept across idle wipes.
            if !pin.isEmpty { s.pinLockout.fail(now: s.now) }
            s.pop()
            s.message = nil
            return .none
        },
        KeyBinding([.any], "any other key", short: .keysShortGoesBack, help: .keysStaff4, in: [.staffExit]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    func drawStaffExit(_ b: inout Buffer, _ pin: String) {
        title(&b, tr(.staffTitle))
        if let wait = pinLockout.wait(now: now) {
            b.put(tr(.staffLocked, ["n": "\(Chars.wholeSeconds(wait))"]), x: 1, y: 3, maxX: width - 1)
            b.cursor = nil
            return
        }
        let dots = String(repeating: config.glyphs.dot, count: min(pin.count, width - 8))
        b.put(tr(.staffPIN) + dots, x: 1, y: 3)
        b.cursor = Point(x: min(6 + dots.count, width - 1), y: 3)
    }
}
