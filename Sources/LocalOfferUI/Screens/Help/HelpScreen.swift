import LocalOfferCore

extension KeyMap {
    /// The help screen's keys.
    static let help: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓",
                   short: .keysShortScroll, help: .keysHelp1, in: [.help],
                   when: { $0.helpLines().count > $0.helpRows }) { s, e in
            s.scrollHelp(e)
            return .none
        },
        KeyBinding([.any], "any other key", short: .keysShortBack, help: .keysHelp2, in: [.help]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    mutating func scrollHelp(_ e: Event) {
        guard case .help(let scroll) = screen else { return }
        let maxTop = max(0, helpLines().count - helpRows)
        let by: Int
        switch e {
        case .key(.up), .text("k"): by = -1
        case .key(.down), .text("j"): by = 1
        case .key(.pageUp): by = -helpRows
        case .key(.pageDown): by = helpRows
        case .key(.home): by = -maxTop - 1
        case .key(.end): by = maxTop + 1
        default: by = e.isWheelUp ? -3 : 3
        }
        screen = .help(scroll: max(0, min(maxTop, scroll + by)))
    }

}

extension AppState {
    var helpRows: Int { max(1, height - 5) }

    /// The help screen's lines, from the page cache when it is current (see `Pages`).
    public func helpLines() -> [StyledLine] {
        if case .help = screen, let c = pages.help, c.key == helpKey() { return c.lines }
        return layOutHelp()
    }

    /// The help screen's lines, from the key table: every key that works on the screen under it.
    func layOutHelp() -> [StyledLine] {
        let g = config.glyphs
        let under = session.stack.count >= 2 ? session.stack[session.stack.count - 2] : .home(selection: 0)
        let ctx = context(of: under)
        var out: [StyledLine] = []
        let keyWidth = 16
        func add(_ bindings: [KeyBinding]) {
            for k in bindings {
                let label = g.key(k.label(in: config.strings))
                let body = Wrap.lines(g.text(k.help(in: config.strings)), width: max(20, width - 4 - keyWidth - 2))
                let pad = String(repeating: " ", count: max(1, keyWidth + 2 - DisplayWidth.of(label)))
                if DisplayWidth.of(label) > keyWidth {
                    out.append(StyledLine(label, .heading))
                    out += body.map { StyledLine(String(repeating: " ", count: keyWidth + 2) + $0) }
                } else {
                    out += body.enumerated().map { StyledLine(($0.offset == 0 ? label + pad : String(repeating: " ", count: keyWidth + 2)) + $0.element) }
                }
            }
        }
        // The keys are those of the screen under this help, in its state.
        var below = self
        if case .help = screen { below.pop() }
        let all = below.bindings(for: ctx)
        out.append(StyledLine(tr(.helpOnThisScreen), .heading))
        add(all.filter { $0.contexts != nil })
        out.append(StyledLine(""))
        out.append(StyledLine(tr(.helpEverywhere), .heading))
        add(all.filter { $0.contexts == nil })
        out.append(StyledLine(""))
        out.append(StyledLine(tr(.helpMouse), .dim))
        return out
    }

    func drawHelp(_ b: inout Buffer, _ scroll: Int) {
        title(&b, tr(.helpTitle))
        let lines = helpLines()
        let top = max(0, min(scroll, lines.count - helpRows))
        for (i, l) in lines.dropFirst(top).prefix(helpRows).enumerated() {
            b.put(l.text, x: 2, y: 3 + i, style: config.theme.style(l.style == .heading ? .heading : (l.style == .dim ? .dim : .body)), maxX: width - 1)
        }
        let more = lines.count > helpRows ? tr(.helpMore) : tr(.helpBack)
        b.put(config.glyphs.text(more), x: 2, y: height - 2, style: config.theme.style(.dim))
    }
}
