import LocalOfferCore

/// A guided question as one page model: the question, its help and its answers (wrapped, never
/// cut; scrolled when longer than the room), and the touch buttons pinned above the status line.
/// The view draws from it and a click is read against it, so every target is where it is drawn.
public struct QuestionPage: Sendable {
    public struct Row: Sendable, Hashable {
        public var text: String
        public var role: Theme.Role
        /// The answer this row belongs to (a long answer takes more than one row).
        public var option: Int?
        /// The row of the answer box.
        public var field = false
    }
    public var rows: [Row]
    public var keypad: Keypad
    /// The first screen row of the scrolling part, and how many rows it has.
    public var bodyTop: Int
    public var bodyRows: Int
    public var maxScroll: Int { max(0, rows.count - bodyRows) }
    public var scrolls: Bool { rows.count > bodyRows }

    /// The rows of option `i`.
    func rowRange(of i: Int) -> ClosedRange<Int>? {
        guard let first = rows.firstIndex(where: { $0.option == i }),
              let last = rows.lastIndex(where: { $0.option == i }) else { return nil }
        return first...last
    }

    /// The scroll that keeps `scroll` in range and, when given, option `reveal` whole on screen.
    func clamped(_ scroll: Int, reveal: Int? = nil) -> Int {
        var s = min(max(0, scroll), maxScroll)
        if let reveal, let r = rowRange(of: reveal) {
            if r.upperBound >= s + bodyRows { s = r.upperBound - bodyRows + 1 }
            if r.lowerBound < s { s = r.lowerBound }
        }
        return min(max(0, s), maxScroll)
    }

    /// What a click at (x, y) touches, with the page scrolled by `scroll`.
    public enum Tap: Sendable, Hashable {
        case option(Int)
        case key(Keypad.Key)
    }

    public func tap(x: Int, y: Int, scroll: Int) -> Tap? {
        if let k = keypad.key(atX: x, y: y) { return .key(k) }
        guard y >= bodyTop, y < bodyTop + bodyRows else { return nil }
        let line = clamped(scroll) + y - bodyTop
        guard line >= 0, line < rows.count, let o = rows[line].option else { return nil }
        return .option(o)
    }
}

extension AppState {
    /// The first row of a question's text (the title is row 1, "Question 2 of about 5" row 2).
    static let questionTop = 3

    var keypadLabels: Keypad.Labels {
        Keypad.Labels(done: tr(.flowDone), back: tr(.flowBack), delete: tr(.keypadDelete), space: tr(.keypadSpace))
    }

    /// The page of question `q` on screen `fs`.
    func questionPage(_ q: FlowNode, _ fs: FlowScreen, _ state: FlowState) -> QuestionPage {
        let w = max(1, width - 2)
        var rows: [QuestionPage.Row] = []
        func add(_ text: String, _ role: Theme.Role, option: Int? = nil) {
            rows.append(QuestionPage.Row(text: text, role: role, option: option))
        }
        for l in Wrap.lines(config.glyphs.text(q.text), width: w) { add(l, .heading) }
        if let h = q.help, !h.isEmpty {
            for l in Wrap.lines(config.glyphs.text(h), width: w) { add(l, .dim) }
        }
        add("", .body)
        let kind: Keypad.Kind
        switch q.type {
        case .number, .postcode:
            kind = q.type == .number ? .number : .postcode
            let label = q.type == .number ? tr(.flowNumberLabel, ["min": "\(q.min ?? 0)", "max": "\(q.max ?? 25)"]) : tr(.flowPostcodeLabel)
            for l in Wrap.lines(config.glyphs.text(label), width: w) { add(l, .body) }
            rows.append(QuestionPage.Row(text: "", role: .body, option: nil, field: true))
        case .choice, .multi, .outcome:
            kind = q.type == .multi ? .doneBack : .back
            for (i, o) in q.options.enumerated() {
                let tick = q.type == .multi ? (fs.chosen.contains(o.value) ? "[x] " : "[ ] ") : ""
                let lead = " \(i + 1)  " + tick
                let hanging = String(repeating: " ", count: DisplayWidth.of(lead))
                for l in Wrap.indent(config.glyphs.text(o.label), width: w - 1, prefix: lead, hanging: hanging) { add(l, .body, option: i) }
            }
            if q.type == .multi { add("", .body); for l in Wrap.lines(config.glyphs.text(tr(.flowTickHint)), width: w) { add(l, .dim) } }
        }
        if let error = fs.error {
            for l in Wrap.indent(config.glyphs.text(error), width: w, prefix: "! ", hanging: "  ") { add(l, .notEligible) }
        }
        if fs.editing == nil, let from = fromProfileSummary(state) {
            add("", .body)
            let hint = q.type == .number || q.type == .postcode ? tr(.flowChangeTyped) : tr(.flowChangeChosen)
            for l in Wrap.lines(config.glyphs.text(from + hint), width: w) { add(l, .dim) }
        }
        let pad = Keypad(kind, labels: keypadLabels, left: 1, top: 0, width: w)
        let padTop = max(AppState.questionTop + 2, height - 2 - pad.rows)
        let bodyRows = max(1, padTop - 1 - AppState.questionTop)
        return QuestionPage(rows: rows, keypad: pad.shifted(by: padTop), bodyTop: AppState.questionTop, bodyRows: bodyRows)
    }

    func drawQuestion(_ b: inout Buffer, _ q: FlowNode, _ fs: FlowScreen, _ state: FlowState) {
        let t = config.theme
        let page = questionPage(q, fs, state)
        let scroll = page.clamped(fs.scroll)
        for (i, row) in page.rows.dropFirst(scroll).prefix(page.bodyRows).enumerated() {
            let y = page.bodyTop + i
            if row.field {
                drawField(&b, x: 3, y: y, maxX: min(width - 1, 3 + AppState.flowFieldWidth), style: Style(underline: true))
                continue
            }
            let selected = row.option != nil && row.option == fs.selection && q.type != .number && q.type != .postcode
            let style = selected ? t.style(.selected) : t.style(row.role)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            _ = b.put(row.text, x: 1, y: y, style: style, maxX: width - 1)
            if selected, b.cursor == nil { b.cursor = Point(x: 1, y: y) }
        }
        if page.scrolls {
            let more = config.glyphs.text(tr(.flowMoreLines, ["from": "\(scroll + 1)", "to": "\(min(page.rows.count, scroll + page.bodyRows))",
                                           "of": "\(page.rows.count)"]))
            let y = page.bodyTop + page.bodyRows
            _ = b.put(more, x: max(1, width - 1 - DisplayWidth.of(more)), y: y, style: t.style(.dim), maxX: width - 1)
        }
        page.keypad.draw(&b, style: t.style(.link), doneStyle: t.style(.title))
    }

    /// How wide the answer box is drawn (a postcode or an age is short).
    static let flowFieldWidth = 22

    /// A click on a question: an answer, a keypad key, Done or Back.
    func flowTap(_ e: Event) -> QuestionPage.Tap? {
        guard case .mouse(let x, let y, .click) = e, let fs = flowScreen else { return nil }
        let (maybeState, question) = flowQuestion(fs)
        guard let state = maybeState, let q = question else { return nil }
        return questionPage(q, fs, state).tap(x: x, y: y, scroll: fs.scroll)
    }

    mutating func tapFlow(_ e: Event) {
        guard let tap = flowTap(e), let fs = flowScreen, let q = flowQuestion(fs).question else { return }
        switch tap {
        case .option(let i):
            var next = fs
            next.selection = i
            screen = .flow(next)
            pickFlowOption(number: i + 1)
        case .key(.char(let c)): editField { $0.insert(c) }
        case .key(.delete): editField { $0.backspace() }
        case .key(.back): flowBack()
        case .key(.done):
            switch q.type {
            case .number, .postcode: submitFlowInput()
            case .multi:
                if fs.chosen.isEmpty {
                    var next = fs
                    next.error = tr(.flowTickFirst)
                    screen = .flow(next)
                } else {
                    commitFlow(.multi(fs.chosen), for: q)
                }
            case .choice, .outcome: break
            }
        }
    }

    /// Whether the question is longer than its room (only then does the wheel scroll it).
    var questionScrolls: Bool {
        guard let fs = flowScreen, let state = flowQuestion(fs).state, let q = flowQuestion(fs).question else { return false }
        return questionPage(q, fs, state).scrolls
    }

    /// Scrolls the question's text (the wheel, or PgUp/PgDn in an answer box).
    mutating func scrollQuestion(_ e: Event) {
        guard var fs = flowScreen, let state = flowQuestion(fs).state, let q = flowQuestion(fs).question else { return }
        let page = questionPage(q, fs, state)
        let step: Int
        switch e {
        case .mouse(_, _, .wheelUp): step = -3
        case .mouse(_, _, .wheelDown): step = 3
        case .key(.pageUp): step = -max(1, page.bodyRows - 1)
        case .key(.pageDown): step = max(1, page.bodyRows - 1)
        default: return
        }
        fs.scroll = min(max(0, page.clamped(fs.scroll) + step), page.maxScroll)
        screen = .flow(fs)
    }

    /// Keeps the chosen answer on screen after a move.
    mutating func revealFlowSelection() {
        guard var fs = flowScreen, let state = flowQuestion(fs).state, let q = flowQuestion(fs).question else { return }
        let s = questionPage(q, fs, state).clamped(fs.scroll, reveal: q.options.isEmpty ? nil : fs.selection)
        if s != fs.scroll { fs.scroll = s; screen = .flow(fs) }
    }
}
