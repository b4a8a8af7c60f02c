import LocalOfferCore
import LocalOfferQR

/// "Take it away": a QR code of the take-away, drawn in the terminal for a phone's camera. A kiosk
/// cannot print or save, so this is how a family leaves with something: an entry's page address,
/// or a list (My list, a flow outcome's services) as a short text with names, phones and web
/// addresses. Nothing is written anywhere: the code exists only on the screen.
public struct QRRequest: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// One entry: its page address.
        case entry
        /// My list.
        case list
        /// A flow outcome: the services this child can use from it.
        case outcome
    }
    public var kind: Kind
    public var ids: [String]
    public var borough: Borough?
    /// The list's heading in the code's text (a flow outcome's own title).
    public var title: String?
    public init(kind: Kind, ids: [String], borough: Borough?, title: String? = nil) {
        self.kind = kind
        self.ids = ids
        self.borough = borough
        self.title = title
    }
}

/// What one code holds: the text encoded, and the same in words for the screen (and a screen reader).
public struct QRChoice: Sendable, Equatable {
    public var text: String
    public var holds: String
}

/// The code placed on screen: its lines (ink = dark module), where they go, and what it holds.
public struct QRLayout: Sendable, Equatable {
    public var lines: [String]
    public var x: Int
    public var y: Int
    public var columns: Int
    public var choice: QRChoice
    /// Which of the choices fitted (0: the fullest).
    public var index: Int
}

extension KeyMap {
    /// The ways in: `Q` and a touch target on the status line, on an entry, My list and a flow outcome.
    static let qrTargets: [KeyBinding] = [
        // Not on the bars (the entry's way home needs the room): the touch target shows it.
        KeyBinding([.char("Q")], "Q", short: .keysShortQR,
                   help: .keysQR1,
                   in: [.entry, .list, .flowOutcome], bar: [], when: { $0.qrRequest != nil }) { s, _ in
            s.openQR()
            return .none
        },
        KeyBinding([.click], "touch [ Q code to take away ]", help: .keysQR2,
                   in: [.entry, .list, .flowOutcome], when: { $0.qrRequest != nil }, accepts: { s, e in
            guard case .mouse(let x, let y, .click) = e, let t = s.qrTarget else { return false }
            return y == t.y && t.x.contains(x)
        }) { s, _ in
            s.openQR()
            return .none
        },
    ]

    /// The code's own keys: anything that means "back", a touch anywhere, or Q again, closes it.
    static let qr: [KeyBinding] = [
        KeyBinding(backKeys + [.char("Q"), .key(.enter), .click], "Esc", short: .keysShortClose,
                   help: .keysQR3, in: [.qr]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    /// What a code would hold on the screen on top, or nil where there is nothing to take away.
    var qrRequest: QRRequest? {
        switch screen {
        case .entry(let id, _):
            guard let e = content.entry(id), EntryAnswer.address(of: e, in: session.profile.borough) != nil else { return nil }
            return QRRequest(kind: .entry, ids: [id], borough: session.profile.borough)
        case .list(let title, let ids, _):
            guard title == tr(.listMine), !ids.isEmpty else { return nil }
            return QRRequest(kind: .list, ids: ids, borough: session.profile.borough)
        case .flow(let fs):
            guard fs.editing == nil, let state = flowQuestion(fs).state, let o = state.outcome else { return nil }
            // What this child can use, best first, as the outcome page lists it: never "not for this child".
            // Lazily: the key bars ask this every frame, and an outcome can list thousands of services.
            let usable = o.entries.lazy.filter { o.eligibility[$0.id]?.verdict != .notEligible }.prefix(OutcomePage.shortList).map(\.id)
            guard !usable.isEmpty else { return nil }
            return QRRequest(kind: .outcome, ids: Array(usable), borough: state.profile.borough, title: o.title)
        default:
            return nil
        }
    }

    mutating func openQR() {
        guard let r = qrRequest else { return }
        message = nil
        push(.qr(r))
    }

    /// The texts a code may hold, fullest first: the screen shows the first that fits the window.
    func qrChoices(_ r: QRRequest) -> [QRChoice] {
        switch r.kind {
        case .entry:
            guard let id = r.ids.first, let e = content.entry(id), let address = EntryAnswer.address(of: e, in: r.borough) else { return [] }
            return [QRChoice(text: address, holds: tr(.qrHoldsEntry, ["title": e.title, "address": address]))]
        case .list, .outcome:
            let ids = r.ids.filter { content.entry($0) != nil }
            guard !ids.isEmpty else { return [] }
            let n = tr(.countEntries, count: ids.count)
            // The list's own heading in the text a phone keeps (Core's, unless it is an outcome).
            let title = r.kind == .outcome ? tr(.qrOutcomeTitle) + ": " + (r.title ?? "") : nil
            func text(_ d: TakeawayFile.ScanDetail) -> String {
                title.map { TakeawayFile.scanText(content: content, list: ids, borough: r.borough, detail: d, title: $0) }
                    ?? TakeawayFile.scanText(content: content, list: ids, borough: r.borough, detail: d)
            }
            let full = text(.full)
            let short = text(.phones)
            return [QRChoice(text: full, holds: tr(r.kind == .outcome ? .qrHoldsOutcome : .qrHoldsList, ["n": n])),
                    QRChoice(text: short, holds: tr(.qrHoldsListShort, ["n": n]))]
        }
    }

    /// The narrowest column the words beside the code may have.
    static let qrCaptionColumns = 24
    /// The light margin either side of the code, in modules (the standard's quiet zone).
    static let qrSideQuiet = 4

    /// Rows the code may take: every row above the status line (the header gives way to it).
    var qrRows: Int { max(0, height - 2) }

    /// The fullest choice that fits the window, drawn as half blocks (or `##` in ASCII); the quiet
    /// zone above and below is as deep as the rows allow (at least one module), four at the sides.
    /// Otherwise nil, with the window size the smallest choice needs.
    func qrLayout(_ r: QRRequest) -> (layout: QRLayout?, needs: (columns: Int, rows: Int)?) {
        let ascii = !config.blocks
        var needs: (columns: Int, rows: Int)?
        for (i, choice) in qrChoices(r).enumerated() {
            guard let code = QRCode(text: choice.text) else { continue }
            // Module columns per character: 1 for half blocks, 2 for "##".
            let perModule = ascii ? 2 : 1
            let rowsFor = { (q: Int) in ascii ? code.size + 2 * q : (code.size + 2 * q + 1) / 2 }
            let columns = (code.size + 2 * AppState.qrSideQuiet) * perModule
            let fitsAcross = columns + 1 + AppState.qrCaptionColumns + 1 <= width
            let q = (1...AppState.qrSideQuiet).reversed().first { rowsFor($0) <= qrRows }
            needs = (columns + AppState.qrCaptionColumns + 2, rowsFor(1) + 2)
            guard fitsAcross, let q else { continue }
            let drawn = ascii ? QRDrawing.asciiLines(code, quietZone: q) : QRDrawing.halfBlockLines(code, quietZone: q)
            let pad = String(repeating: " ", count: (AppState.qrSideQuiet - q) * perModule)
            let lines = drawn.map { pad + $0 + pad }
            return (QRLayout(lines: lines, x: 0, y: max(0, (qrRows - lines.count) / 2), columns: columns, choice: choice, index: i), nil)
        }
        return (nil, needs)
    }

    func drawQR(_ b: inout Buffer, _ r: QRRequest) {
        let t = config.theme
        let g = config.glyphs
        // The whole screen is the code's: the header gives way, so nothing else is drawn beside it.
        for y in 0..<qrRows { b.fill(y: y, style: t.background) }
        let (layout, needs) = qrLayout(r)
        guard let layout else {
            // One entry's address cannot be made shorter: say it in words instead of "make it shorter".
            let address = r.kind == .entry ? qrChoices(r).first?.text : nil
            let words = needs.map { n in
                address.map { tr(.qrTooSmallEntry, ["w": "\(n.columns)", "h": "\(n.rows)", "address": $0]) }
                    ?? tr(.qrTooSmall, ["w": "\(n.columns)", "h": "\(n.rows)"])
            } ?? tr(.qrNothing)
            var y = 1
            for l in Wrap.lines(g.text(tr(.qrTitle)), width: width - 2) { b.put(l, x: 1, y: y, style: t.style(.title)); y += 1 }
            y += 1
            for l in Wrap.lines(g.text(words), width: width - 2) where y < qrRows { b.put(l, x: 1, y: y, style: t.style(.body)); y += 1 }
            b.cursor = Point(x: 1, y: 1)
            return
        }
        // Dark modules on light, whatever the terminal's own colours: a phone reads dark on light.
        let ink = Style(fg: .black, bg: .white)
        for (i, line) in layout.lines.enumerated() {
            b.put(line, x: layout.x, y: layout.y + i, style: ink)
        }
        // Beside the code, in words: what it is, what it holds, that nothing is kept.
        let x = layout.x + layout.columns + 2
        let w = width - x - 1
        var y = 1
        func say(_ s: String, _ role: Theme.Role) {
            for l in Wrap.lines(g.text(s), width: w) where y < qrRows {
                b.put(l, x: x, y: y, style: t.style(role))
                y += 1
            }
            y += 1
        }
        say(tr(.qrTitle), .title)
        say(layout.choice.holds, .body)
        say(tr(.qrNothingSaved), .dim)
        say(tr(.qrClose), .dim)
        b.cursor = Point(x: x, y: 1)
    }

    /// The touch target on the status line: after the feedback target where that is drawn.
    var qrTarget: (x: Range<Int>, y: Int)? {
        guard message == nil, idleRemaining.map({ $0 > config.warningSeconds }) ?? true, qrRequest != nil else { return nil }
        let from = feedbackTarget.map { $0.x.upperBound + 2 } ?? 1
        let w = DisplayWidth.of(config.glyphs.text(tr(.qrTarget)))
        guard from + w < width else { return nil }
        return (from..<(from + w), height - 2)
    }

    func drawQRTarget(_ b: inout Buffer) {
        guard let t = qrTarget else { return }
        b.put(config.glyphs.text(tr(.qrTarget)), x: t.x.lowerBound, y: t.y, style: config.theme.style(.selected))
    }
}
