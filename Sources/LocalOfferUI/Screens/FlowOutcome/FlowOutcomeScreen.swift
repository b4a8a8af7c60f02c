import LocalOfferCore

/// A flow's outcome as one scrollable page: its whole text (with the borough's own advice), what was
/// taken from "About your child", then the best few services with a count and "see all". Nothing is
/// cut off; Up/Down read the text line by line until a service comes into view, then move between
/// services, as a browser moves between links.
public struct OutcomePage: Sendable {
    public struct Line: Sendable, Hashable {
        public var text: String
        public var role: Theme.Role
        /// The item (a service, or "see all") this line belongs to, for focus and clicks.
        public var item: Int?
    }
    public enum Item: Sendable, Hashable {
        case entry(String)
        case seeAll
        case changeProfile
    }
    public var lines: [Line]
    public var items: [Item]
    /// The first line of each item.
    public var itemLine: [Int]

    /// How many services the outcome shows before "see all".
    public static let shortList = 8
}

extension AppState {
    /// The first row of the page and how many rows it has on screen.
    static let outcomeTop = 3
    /// Above the row of the Back button (which also says how far the page is read).
    var outcomeRows: Int { max(1, height - 3 - AppState.outcomeTop) }

    /// The outcome's touch button (Back), on the row above the status line.
    var outcomeKeypad: Keypad { Keypad(.back, labels: keypadLabels, left: 1, top: height - 3, width: width - 2) }

    /// "From About your child: Kingston upon Thames · age 7": the answers the flow did not ask.
    public func fromProfileSummary(_ state: FlowState) -> String? {
        let parts = state.fromProfileLabels
        return parts.isEmpty ? nil : tr(.flowFromProfile, ["answers": parts.joined(separator: " · ")])
    }

    /// The outcome page on screen, from the page cache when it is current.
    public func outcomePage(_ o: FlowOutcome, state: FlowState) -> OutcomePage {
        if let fs = flowScreen, let c = pages.outcome, c.key == outcomeKey(fs) { return c.page }
        return buildOutcomePage(o, state: state)
    }

    func buildOutcomePage(_ o: FlowOutcome, state: FlowState) -> OutcomePage {
        var lines: [OutcomePage.Line] = []
        var items: [OutcomePage.Item] = []
        var itemLine: [Int] = []
        let w = width - 4
        func add(_ text: String, _ role: Theme.Role = .body, item: Int? = nil) {
            lines.append(OutcomePage.Line(text: text, role: role, item: item))
        }
        for l in Wrap.lines(o.title, width: width - 2) { add(l, .heading) }
        for l in Wrap.lines(o.text, width: w) { add("  " + l) }
        add("")
        if let from = fromProfileSummary(state) {
            items.append(.changeProfile)
            itemLine.append(lines.count)
            for l in Wrap.indent(from + tr(.flowChangeOutcome), width: width - 2, prefix: "") { add(l, .dim, item: items.count - 1) }
            add("")
        }
        let shown = o.entries.prefix(OutcomePage.shortList)
        if !o.entries.isEmpty {
            add(o.entries.count > shown.count ? tr(.flowServicesSome, ["n": "\(shown.count)", "of": "\(o.entries.count)"])
                : tr(.flowServicesAll, ["n": "\(o.entries.count)"]), .heading)
        }
        for e in shown {
            items.append(.entry(e.id))
            itemLine.append(lines.count)
            let mark = session.myList.contains(e.id) ? "★ " : ""
            add(DisplayWidth.truncate(mark + e.title, to: width - 3), .title, item: items.count - 1)
            if let v = o.eligibility[e.id], state.profile.constrainsEligibility {
                // The verdict and its reason whole (a "check" starts with its way in), and for what
                // is not for this child, what to use instead.
                for l in Wrap.indent(config.glyphs.text(EntryText.verdictLine(v)), width: width - 2, prefix: "  ", hanging: "    ") {
                    add(l, verdictRole(v.verdict), item: items.count - 1)
                }
                let instead = v.instead.compactMap { content.entry($0)?.title }
                if v.verdict == .notEligible, !instead.isEmpty {
                    for l in Wrap.indent(tr(.flowInstead, ["titles": instead.joined(separator: "; ")]), width: width - 2, prefix: "  ", hanging: "    ") {
                        add(config.glyphs.text(l), .body, item: items.count - 1)
                    }
                }
            } else {
                add("  " + DisplayWidth.truncate(e.summary, to: width - 5), .dim, item: items.count - 1)
            }
        }
        if o.entries.count > shown.count {
            items.append(.seeAll)
            itemLine.append(lines.count)
            add(tr(.flowSeeAll, ["n": "\(o.entries.count)"]), .link, item: items.count - 1)
        }
        return OutcomePage(lines: lines, items: items, itemLine: itemLine)
    }

    func drawOutcome(_ b: inout Buffer, _ fs: FlowScreen, _ state: FlowState, _ o: FlowOutcome) {
        let page = outcomePage(o, state: state)
        let rows = outcomeRows
        let top = min(fs.scroll, max(0, page.lines.count - rows))
        b.cursor = Point(x: 1, y: AppState.outcomeTop)
        for (i, l) in page.lines.dropFirst(top).prefix(rows).enumerated() {
            let y = AppState.outcomeTop + i
            let selected = l.item != nil && l.item == fs.selection
            let style = selected ? config.theme.style(.selected) : config.theme.style(l.role)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(config.glyphs.text(l.text), x: 1, y: y, style: style, maxX: width - 1)
            if selected, page.itemLine[fs.selection] == top + i { b.cursor = Point(x: 1, y: y) }
        }
        if page.lines.count > rows {
            let pos = config.glyphs.text(tr(.flowMoreLines, ["from": "\(top + 1)", "to": "\(min(page.lines.count, top + rows))",
                                                             "of": "\(page.lines.count)"]))
            _ = b.put(pos, x: max(1, width - 1 - DisplayWidth.of(pos)), y: height - 3, style: config.theme.style(.dim), maxX: width - 1)
        }
        outcomeKeypad.draw(&b, style: config.theme.style(.link), doneStyle: config.theme.style(.title))
    }

    /// What the flow screen must do for an outcome page: change a profile answer, or step back.
    enum OutcomeRequest { case none, change, back }

    /// Keys and clicks on an outcome page.
    mutating func flowOutcome(_ event: Event, _ fs: FlowScreen, _ state: FlowState, _ o: FlowOutcome) -> OutcomeRequest {
        let page = outcomePage(o, state: state)
        let rows = outcomeRows
        let maxScroll = max(0, page.lines.count - rows)
        var next = fs
        next.scroll = min(fs.scroll, maxScroll)
        let count = page.items.count
        var sel = min(max(0, fs.selection), max(0, count - 1))
        func itemRange(_ i: Int) -> ClosedRange<Int> {
            let first = page.itemLine[i]
            let last = page.lines.indices.last { page.lines[$0].item == i } ?? first
            return first...max(first, last)
        }
        func reveal(_ i: Int) {
            let r = itemRange(i)
            if r.lowerBound < next.scroll { next.scroll = r.lowerBound }
            if r.upperBound >= next.scroll + rows { next.scroll = min(maxScroll, r.upperBound - rows + 1) }
        }
        func visible(_ i: Int) -> Bool {
            let r = itemRange(i)
            return r.lowerBound >= next.scroll && r.upperBound < next.scroll + rows
        }
        func open(_ i: Int) {
            guard i < count else { return }
            switch page.items[i] {
            case .entry(let id): push(.entry(id: id, scroll: 0))
            case .seeAll: push(.list(title: tr(.flowAllFor, ["title": o.title]), ids: o.entries.map(\.id), selection: 0))
            case .changeProfile: break
            }
        }
        switch event {
        case .key(.down), .text("j"), .key(.tab):
            if count == 0 || (!visible(sel) && itemRange(sel).lowerBound >= next.scroll + rows) {
                next.scroll = min(maxScroll, next.scroll + 1)
            } else if sel < count - 1 {
                sel += 1
                reveal(sel)
            } else {
                next.scroll = min(maxScroll, next.scroll + 1)
            }
        case .key(.up), .text("k"), .key(.backTab):
            if count == 0 || (!visible(sel) && itemRange(sel).upperBound < next.scroll) || (sel == 0 && next.scroll > 0 && visible(sel)) {
                next.scroll = max(0, next.scroll - 1)
            } else if sel > 0 {
                sel -= 1
                reveal(sel)
            }
        case .key(.pageDown), .text(" "): next.scroll = min(maxScroll, next.scroll + max(1, rows - 1))
        case .key(.pageUp): next.scroll = max(0, next.scroll - max(1, rows - 1))
        case .mouse(_, _, .wheelDown): next.scroll = min(maxScroll, next.scroll + 3)
        case .mouse(_, _, .wheelUp): next.scroll = max(0, next.scroll - 3)
        case .key(.home): next.scroll = 0; sel = 0
        case .key(.end): next.scroll = maxScroll; sel = max(0, count - 1)
        case .key(.enter), .key(.right):
            if sel < count, page.items[sel] == .changeProfile { return .change }
            open(sel)
            return .none
        case .text("c"):
            return .change
        case .text("a"):
            if sel < count, case .entry(let id) = page.items[sel] { toggleList(id) }
            return .none
        case .mouse(let x, let y, .click):
            if outcomeKeypad.key(atX: x, y: y) == .back { return .back }
            guard y < AppState.outcomeTop + rows else { return .none }
            let line = next.scroll + y - AppState.outcomeTop
            guard y >= AppState.outcomeTop, line < page.lines.count, let i = page.lines[line].item else { return .none }
            next.selection = i
            screen = .flow(next)
            if page.items[i] == .changeProfile { return .change }
            open(i)
            return .none
        default:
            return KeyMap.backKeys.contains { $0.matches(event) } ? .back : .none
        }
        next.selection = sel
        screen = .flow(next)
        return .none
    }

    /// The flow screen set to change a question the profile answered, its current answer selected.
    func changeFromProfile(_ fs: FlowScreen, id: String, answer: Answer?) -> FlowScreen {
        var next = fs
        next.editing = id
        next.selection = 0
        next.scroll = 0
        next.chosen = []
        next.input = ""
        next.error = nil
        guard let node = content.flow(fs.id)?.node(id), let answer else { return next }
        switch answer {
        case .choice(let v): next.selection = node.options.firstIndex { $0.value == v } ?? 0
        case .multi(let vs): next.chosen = vs
        default: next.input = answer.display
        }
        return next
    }
}
