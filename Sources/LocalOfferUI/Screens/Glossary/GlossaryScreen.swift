import LocalOfferCore

extension KeyMap {
    /// The glossary's keys.
    static let glossary: [KeyBinding] = [
        KeyBinding([.printable], "type", short: .keysShortAWord, help: .keysGlossary1, in: [.glossary]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .key(.pageUp), .key(.pageDown), .wheel], "↑↓", short: .keysShortScroll,
                   help: .keysGlossary2, in: [.glossary], when: { $0.glossaryScrolls }) { s, e in
            s.scrollGlossary(e)
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: .keysShortBack, help: .keysGlossary3, in: [.glossary]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {

    var glossaryScrolls: Bool {
        guard case .glossary(let q, _, let entry) = screen else { return false }
        return glossaryLines(q, entry: entry).count > glossaryRows
    }

    // MARK: glossary, help, profile

    mutating func scrollGlossary(_ e: Event) {
        guard case .glossary(let q, let scroll, let entry) = screen else { return }
        let total = glossaryLines(q, entry: entry).count
        let maxTop = max(0, total - glossaryRows)
        let by: Int
        switch e {
        case .key(.up): by = -1
        case .key(.down): by = 1
        case .key(.pageUp): by = -glossaryRows
        case .key(.pageDown): by = glossaryRows
        default: by = e.isWheelUp ? -3 : 3
        }
        screen = .glossary(query: q, scroll: max(0, min(maxTop, min(scroll, maxTop) + by)), entry: entry)
    }
}

extension AppState {
    /// The terms on an entry (opened with `g`), or those matching what was typed.
    public func glossaryMatches(_ q: String, entry: String? = nil) -> [GlossaryTerm] {
        if q.isEmpty, let id = entry, let e = content.entry(id) { return content.glossaryTerms(in: e) }
        return content.glossarySearch(q)
    }

    var glossaryRows: Int { max(1, height - 6) }

    /// The glossary's lines, from the page cache when it is current (see `Pages`).
    func glossaryLines(_ q: String, entry: String?) -> [StyledLine] {
        if let c = pages.glossary, c.key == glossaryKey(q, entry: entry) { return c.lines }
        return layOutGlossary(q, entry: entry)
    }

    /// The page for what was typed: each matching term's lines, laid out once per width for the
    /// whole glossary (`termLines`), so a key that changes the query only picks terms.
    func layOutGlossary(_ q: String, entry: String?) -> [StyledLine] {
        let laidOut = pages.terms?.key == termsKey ? pages.terms?.lines : nil
        var lines: [StyledLine] = []
        for t in glossaryMatches(q, entry: entry) { lines += laidOut?[t] ?? termLines(t) }
        if lines.isEmpty { lines = [StyledLine(tr(.glossaryNone))] }
        return lines
    }

    /// One term as the glossary shows it: the term and its aliases, then its meaning, indented.
    func termLines(_ t: GlossaryTerm) -> [StyledLine] {
        let g = config.glyphs
        return Wrap.lines(g.text(t.term + (t.aliases.isEmpty ? "" : " (" + t.aliases.joined(separator: ", ") + ")")), width: width - 2)
            .map { StyledLine($0, .heading) }
            + Wrap.lines(g.text(t.meaning), width: width - 4).map { StyledLine("  " + $0) }
    }

    func drawGlossary(_ b: inout Buffer, _ q: String, _ scroll: Int, _ entry: String?) {
        let fromEntry = q.isEmpty && entry.flatMap { content.entry($0) } != nil
        let prompt = tr(.glossaryPrompt)
        let end = b.put(prompt, x: 1, y: 1, style: config.theme.style(.title))
        drawField(&b, x: end, y: 1, maxX: width - 1)
        if fromEntry, let title = entry.flatMap({ content.entry($0)?.title }) {
            b.put(DisplayWidth.truncate(tr(.glossaryOnPage, ["title": title]), to: width - 2, glyphs: config.glyphs), x: 1, y: 2, style: config.theme.style(.dim))
        }
        let lines = glossaryLines(q, entry: entry)
        let top = max(0, min(scroll, lines.count - glossaryRows))
        for (i, l) in lines.dropFirst(top).prefix(glossaryRows).enumerated() {
            b.put(l.text, x: 1, y: 3 + i, style: config.theme.style(l.style == .heading ? .heading : .body), maxX: width - 1)
        }
    }
}
