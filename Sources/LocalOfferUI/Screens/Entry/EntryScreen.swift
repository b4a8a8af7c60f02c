import LocalOfferCore

extension KeyMap {
    /// An entry page's keys.
    static let entry: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k")], "↑↓", short: "scroll", help: "Scroll a line (also j, k).",
                   in: [.entry], when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.up) || e == .text("k") ? -1 : 1)
            return .none
        },
        KeyBinding([.wheel], "wheel", help: "Scroll three lines a notch.", in: [.entry], when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e.isWheelUp ? -3 : 3)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" ")], "PgUp PgDn", help: "Scroll a page (also Space).", in: [.entry],
                   when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.pageUp) ? -s.entryPage : s.entryPage)
            return .none
        },
        KeyBinding([.key(.home), .key(.end)], "Home End", help: "The top or the end of the entry.", in: [.entry],
                   when: { $0.entryScrolls }) { s, e in
            s.scrollEntry(e == .key(.home) ? Int.min / 2 : Int.max / 2)
            return .none
        },
        KeyBinding([.digit], "[N]", short: "open link", help: "Open the link numbered [N]: type its number (then Enter, when there are 10 links or more).",
                   in: [.entry], when: { !$0.entryLinks.isEmpty }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.typeLinkDigit(d) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", help: "Open the link whose number was typed.", in: [.entry],
                   accepts: { s, _ in !s.linkDigits.isEmpty }) { s, _ in
            s.openLinkDigits()
            return .none
        },
        KeyBinding([.click], "click", help: "Open the link clicked.", in: [.entry]) { s, e in
            if case .mouse(_, let y, _) = e { s.clickEntry(y) }
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: "add to list", help: "Add this entry to my list, or take it off (also Ctrl-T).",
                   in: [.entry]) { s, _ in
            if case .entry(let id, _) = s.screen { s.toggleList(id) }
            return .none
        },
        KeyBinding([.char("g")], "g", short: "words", help: "What the words on this entry mean.", in: [.entry]) { s, _ in
            if case .entry(let id, _) = s.screen { s.push(.glossary(query: "", scroll: 0, entry: id)) }
            return .none
        },
        KeyBinding(backKeys, "Esc", short: "back", help: "Go back (also Backspace, ← or h).", in: [.entry]) { s, _ in
            if s.linkDigits.isEmpty { s.pop() } else { s.linkDigits = "" }
            return .none
        },
    ]
}

extension AppState {
    /// Whether there is more to see than the screen holds (scroll keys only promise what they do).
    var entryScrolls: Bool {
        guard case .entry(let id, _) = screen else { return false }
        return numberedEntryLines(id).lines.count > entryRows
    }

    // MARK: entries

    var entryRows: Int { max(1, height - 3) }
    var entryPage: Int { max(1, height - 4) }

    /// Scrolls the entry on screen, never past its end: the next key back moves the view at once.
    mutating func scrollEntry(_ by: Int) {
        guard case .entry(let id, let scroll) = screen else { return }
        let view = ScrollView(total: numberedEntryLines(id).lines.count, rows: entryRows, scroll: scroll)
        screen = .entry(id: id, scroll: view.scrolled(by: by))
    }

    var entryLinks: [String] {
        guard case .entry(let id, _) = screen else { return [] }
        return numberedEntryLines(id).links
    }

    /// A digit towards a link number: opens as soon as no longer number is possible, else waits
    /// for the next digit or Enter.
    mutating func typeLinkDigit(_ d: Int) {
        let links = entryLinks
        let typed = linkDigits + String(d)
        guard let n = Int(typed), n >= 1, n <= links.count, typed.count <= 4 else {
            message = "There is no link \(typed) here: the links are numbered 1 to \(links.count)."
            linkDigits = ""
            return
        }
        if n * 10 > links.count {
            linkDigits = typed
            openLinkDigits()
        } else {
            linkDigits = typed
            message = "Link \(typed): press Enter to open it, or type the next digit."
        }
    }

    mutating func openLinkDigits() {
        let links = entryLinks
        let typed = linkDigits
        linkDigits = ""
        guard let n = Int(typed), n >= 1, n <= links.count else { return }
        message = nil
        push(.entry(id: links[n - 1], scroll: 0))
    }

    mutating func clickEntry(_ y: Int) {
        guard case .entry(let id, let scroll) = screen else { return }
        let lines = numberedEntryLines(id).lines
        let i = entryTop(lines.count, scroll) + y - 1
        if y >= 1, y <= entryRows, i >= 0, i < lines.count, let target = lines[i].target, content.entry(target) != nil {
            push(.entry(id: target, scroll: 0))
        }
    }
}

extension AppState {
    public func entryLines(_ id: String) -> [StyledLine] {
        guard let e = content.entry(id) else { return [StyledLine("This entry is no longer available.")] }
        let side = config.mode.role == .adviser || width >= 110
        return EntryText.lines(for: e, in: content, profile: session.profile, width: width - 2,
                               mode: config.mode, sideBySide: side, glyphs: config.glyphs)
    }

    /// The entry's lines with every link numbered ("[12] → Portage"): typing the number (then
    /// Enter, when there are ten or more) or a click opens it.
    public func numberedEntryLines(_ id: String) -> (lines: [StyledLine], links: [String]) {
        if let c = pages.entry, c.key == entryKey(id) { return (c.lines, c.links) }
        return layOutEntry(id)
    }

    func layOutEntry(_ id: String) -> (lines: [StyledLine], links: [String]) {
        var links: [String] = []
        let arrowText = config.glyphs.text("→")
        let lines = entryLines(id).flatMap { l -> [StyledLine] in
            guard let target = l.target, content.entry(target) != nil else { return [l] }
            if !links.contains(target) { links.append(target) }
            guard let n = links.firstIndex(of: target), let arrow = l.text.range(of: arrowText) else { return [l] }
            var text = l.text
            text.insert(contentsOf: "[\(n + 1)] ", at: arrow.lowerBound)
            // The number made the line longer: wrap it again rather than lose its end at the edge.
            let indent = String(repeating: " ", count: DisplayWidth.of(String(text[..<arrow.lowerBound])))
            guard DisplayWidth.of(text) > width - 2 else { return [StyledLine(text, l.style, target: target)] }
            let lead = String(text[..<arrow.lowerBound])
            let body = String(text[arrow.lowerBound...])
            return Wrap.indent(body, width: width - 2, prefix: lead, hanging: indent + "    ").map { StyledLine($0, l.style, target: target) }
        }
        return (lines, links)
    }

    func entryTop(_ lines: Int, _ scroll: Int) -> Int { ScrollView(total: lines, rows: entryRows, scroll: scroll).top }

    func drawEntry(_ b: inout Buffer, _ id: String, _ scroll: Int) {
        let lines = numberedEntryLines(id).lines
        let rows = entryRows
        let top = entryTop(lines.count, scroll)
        for (i, l) in lines.dropFirst(top).prefix(rows).enumerated() {
            let role: Theme.Role
            switch l.style {
            case .title: role = .title
            case .heading: role = .heading
            case .dim: role = .dim
            case .verdict(let v): role = verdictRole(v)
            case .link: role = .link
            case .body: role = .body
            }
            b.put(l.text, x: 1, y: 1 + i, style: config.theme.style(role), maxX: width - 1)
        }
        if lines.count > rows {
            let pos = config.glyphs.text("\(top + 1)–\(min(lines.count, top + rows)) of \(Chars.count(lines.count, "line"))")
            b.put(pos, x: width - DisplayWidth.of(pos) - 1, y: height - 2, style: config.theme.style(.dim))
        }
        b.cursor = Point(x: 1, y: 1)
    }
}
