import LocalOfferCore

extension AppState {
    /// The kiosk's touch targets on the bottom line, drawn and hit-tested from the same widths.
    // The kiosk's touch targets, in the run's words (their widths are the hit areas).
    static var kioskStart: String { Catalogue.current[.kioskStart] }
    static var kioskBack: String { Catalogue.current[.kioskBack] }
    static var kioskStartWidth: Int { kioskStart.count }
    static var kioskBackWidth: Int { kioskBack.count }
    static var kioskButtons: String { String(kioskStart.dropFirst()) + kioskBack + " " }

    public static let minWidth = 80
    public static let minHeight = 24

    /// Draws the whole state into a fresh buffer. Pure: the same state gives the same cells.
    public func view() -> Buffer {
        Catalogue.$current.withValue(config.strings) { viewInLanguage() }
    }

    private func viewInLanguage() -> Buffer {
        let t = config.theme
        let g = config.glyphs
        var b = Buffer(width: width, height: height, background: t.background)
        guard width >= AppState.minWidth, height >= AppState.minHeight else {
            let lines = [tr(.tooSmall1), tr(.tooSmall2, ["w": "\(AppState.minWidth)", "h": "\(AppState.minHeight)"]), tr(.tooSmall3, ["w": "\(width)", "h": "\(height)"])]
            for (i, l) in lines.enumerated() where i < height { b.put(DisplayWidth.truncate(g.text(l), to: width, glyphs: g), x: 0, y: i) }
            if width > 0 && height > 0 { b.cursor = Point(x: 0, y: 0) }
            return b
        }
        drawHeader(&b)
        drawScreen(&b)
        // Status line, then the one-line key reminder.
        if let remaining = idleRemaining, remaining <= config.warningSeconds {
            let s = g.text(tr(.idleWarning, ["time": tr(.countSeconds, count: Chars.wholeSeconds(remaining))]))
            b.fill(y: height - 2, style: t.style(.warning))
            b.put(DisplayWidth.truncate(s, to: width, glyphs: g), x: 0, y: height - 2, style: t.style(.warning))
        } else if let message {
            // The whole line is the message's: nothing drawn there before shows through its end.
            b.fill(y: height - 2, style: t.style(.body))
            b.put(DisplayWidth.truncate(g.text(message), to: width - 2, glyphs: g), x: 1, y: height - 2, style: t.style(.dim))
        } else {
            drawFeedbackTarget(&b)
            drawQRTarget(&b)
        }
        b.fill(y: height - 1, style: t.style(.footer))
        b.put(keyHint, x: 0, y: height - 1, style: t.style(.footer))
        if let c = b.cursor, c.x < 0 || c.x >= width || c.y < 0 || c.y >= height { b.cursor = nil }
        return b
    }

    /// The hint bar, from the key table: as many of the screen's keys as fit, whole.
    public var keyHint: String {
        var line = " " + (config.mode == .kiosk ? config.glyphs.text(AppState.kioskButtons) : "")
        for item in barItems(for: keyContext) {
            let next = (line.hasSuffix(" ") ? "" : "  ") + item
            if DisplayWidth.of(line + next) > width - 1 { continue }
            line += next
        }
        return line
    }

    func title(_ b: inout Buffer, _ s: String) {
        b.put(DisplayWidth.truncate(config.glyphs.text(s), to: width - 2, glyphs: config.glyphs), x: 1, y: 1, style: config.theme.style(.title))
    }

    /// The text field on screen from (x, y): scrolled so the cursor shows, the cursor placed in it.
    func drawField(_ b: inout Buffer, x: Int, y: Int, maxX: Int, style: Style = .plain) {
        let v = field.visible(width: max(1, maxX - x - 1))
        b.put(v.text, x: x, y: y, style: style, maxX: maxX)
        b.cursor = Point(x: min(x + v.cursorX, width - 1), y: y)
    }

    func verdictRole(_ v: Verdict) -> Theme.Role {
        switch v {
        case .eligible: return .eligible
        case .notEligible: return .notEligible
        case .check: return .check
        }
    }

    /// A one-line label cut to fit, with an ellipsis, on purpose.
    func fit(_ s: String, _ w: Int) -> String { DisplayWidth.truncate(config.glyphs.text(s), to: w, glyphs: config.glyphs) }
}
