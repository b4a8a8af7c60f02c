import LocalOfferCore

extension KeyMap {
    /// A guided question's keys (typed, one choice, ticks).
    static let flowQuestion: [KeyBinding] = [
        KeyBinding([.printable], "type", short: "the answer", help: "Type the answer (a number or a postcode).", in: [.flowInput]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: "answer", help: "Give the answer typed.", in: [.flowInput]) { s, _ in
            s.submitFlowInput()
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: "back a question", help: "Back a question; the answers given are kept.",
                   in: [.flowInput]) { s, _ in
            s.flowBack()
            return .none
        },
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: "move",
                   help: "Move (also j, k, Tab, PgUp, PgDn, Home, End, the wheel).", in: [.flowChoice, .flowMulti],
                   when: { $0.flowCount > 1 }) { s, e in
            s.moveFlow(e)
            return .none
        },
        KeyBinding([.digit], "1…9", short: "answer", help: "Choose the answer with that number.", in: [.flowChoice],
                   accepts: { s, e in s.isOptionNumber(e) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.pickFlowOption(number: d) }
            return .none
        },
        KeyBinding([.digit, .char(" ")], "Space", short: "tick", help: "Tick or untick the answer chosen (or type its number).",
                   in: [.flowMulti], accepts: { s, e in e == .text(" ") || s.isOptionNumber(e) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.pickFlowOption(number: d) } else { s.pickFlowOption(number: nil) }
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: "choose", help: "Choose (also →, or a click); with ticks, Enter when done.",
                   in: [.flowChoice, .flowMulti]) { s, e in
            s.chooseFlow(e)
            return .none
        },
    ]
}

extension KeyMap {
    /// Keys shared by a question and an outcome.
    static let flowCommon: [KeyBinding] = [
        KeyBinding([.char("c")], "c", short: "change", help: "Change an answer taken from About your child.",
                   in: [.flowChoice, .flowMulti, .flowOutcome], when: { $0.canChangeFlowProfile }) { s, _ in
            s.changeFlowProfile()
            return .none
        },
        KeyBinding(backKeys, "Esc", short: "back a question", help: "Back a question (also Backspace, ← or h); the answers given are kept.",
                   in: [.flowChoice, .flowMulti, .flowOutcome]) { s, _ in
            s.flowBack()
            return .none
        },
    ]
}

extension AppState {
    /// A digit naming one of the options on screen.
    func isOptionNumber(_ e: Event) -> Bool {
        guard case .text(let c) = e, let d = Chars.asciiDigit(c) else { return false }
        return d >= 1 && d <= flowCount
    }


    /// The flow's state and the question on screen (the one being changed, or the next one).
    public func flowQuestion(_ fs: FlowScreen) -> (state: FlowState?, question: FlowNode?) {
        guard let f = content.flow(fs.id) else { return (nil, nil) }
        let state: FlowState
        if let c = pages.flow, c.key == flowKey(fs) { state = c.state } else {
            state = FlowEngine.run(f, answers: fs.answers, profile: session.profile, content: content)
        }
        if let e = fs.editing, let node = f.node(e) { return (state, node) }
        return (state, state.current)
    }


    // MARK: guided questions

    var flowScreen: FlowScreen? { if case .flow(let fs) = screen { return fs } else { return nil } }

    mutating func commitFlow(_ answer: Answer, for q: FlowNode) {
        guard var next = flowScreen else { return }
        next.answers[q.id] = answer
        next.editing = nil
        next.selection = 0
        next.chosen = []
        next.input = ""
        next.error = nil
        fieldCursor = nil
        // Later answers stay: the path picks them up again wherever they still apply.
        if let f = content.flow(next.id) {
            let after = FlowEngine.run(f, answers: next.answers, profile: session.profile, content: content)
            if after.complete { session.profile = after.profile }
        }
        screen = .flow(next)
    }

    /// Steps back one question without forgetting any answer; before the first, leaves the guide.
    mutating func flowBack() {
        guard let fs = flowScreen else { pop(); return }
        let (maybeState, _) = flowQuestion(fs)
        guard let state = maybeState else { pop(); return }
        guard let previous = state.question(before: fs.editing ?? (state.complete ? nil : state.current?.id)) else { pop(); return }
        var next = fs
        next.editing = previous
        next.input = ""
        next.error = nil
        next.chosen = []
        next.selection = 0
        fieldCursor = nil
        if let node = content.flow(fs.id)?.node(previous), let a = fs.answers[previous] {
            switch a {
            case .choice(let v): next.selection = node.options.firstIndex { $0.value == v } ?? 0
            case .multi(let vs): next.chosen = vs
            default: next.input = a.display
            }
        }
        screen = .flow(next)
    }

    mutating func submitFlowInput() {
        guard var fs = flowScreen, let q = flowQuestion(fs).question else { return }
        do {
            commitFlow(try FlowEngine.parse(fs.input, for: q, postcodes: content.postcodes), for: q)
        } catch let e as FlowError {
            fs.error = e.message
            screen = .flow(fs)
        } catch {
            fs.error = "That answer was not understood."
            screen = .flow(fs)
        }
    }

    /// Opens the first question answered from "About your child"; an answer given there wins.
    mutating func changeFlowProfile() {
        guard let fs = flowScreen, let state = flowQuestion(fs).state,
              let id = state.path.first(where: { state.fromProfile[$0.id] != nil })?.id else { return }
        screen = .flow(changeFromProfile(fs, id: id, answer: state.fromProfile[id]))
    }

    /// Whether `c` changes a profile answer here: a question or outcome the profile helped answer.
    var canChangeFlowProfile: Bool {
        guard let fs = flowScreen, fs.editing == nil, let state = flowQuestion(fs).state else { return false }
        return !state.fromProfile.isEmpty
    }

    /// Whether the outcome page is longer than the screen (only then do the page keys do anything).
    var outcomeScrolls: Bool {
        guard let fs = flowScreen, let state = flowQuestion(fs).state, let o = state.outcome else { return false }
        return outcomePage(o, state: state).lines.count > outcomeRows
    }

    /// Every key and click on an outcome page: the whole text scrolls, services are chosen like links.
    mutating func outcomeKey(_ e: Event) {
        guard let fs = flowScreen, let state = flowQuestion(fs).state, let o = state.outcome else { return }
        switch flowOutcome(e, fs, state, o) {
        case .change: changeFlowProfile()
        case .back: flowBack()
        case .none: break
        }
    }

    /// The number of rows to move through: the question's options, or the outcome's entries.
    var flowCount: Int {
        guard let fs = flowScreen else { return 0 }
        let (state, q) = flowQuestion(fs)
        if let q { return q.options.count }
        return state?.outcome?.entries.count ?? 0
    }

    mutating func moveFlow(_ e: Event) {
        guard var fs = flowScreen, let n = move(e, fs.selection, count: flowCount) else { return }
        fs.selection = n
        screen = .flow(fs)
    }

    /// Picks option `number` (1-based), or the selected one: a choice answers, a tick toggles.
    mutating func pickFlowOption(number: Int?) {
        guard var fs = flowScreen, let q = flowQuestion(fs).question else { return }
        let count = q.options.count
        let p: Int
        if let number {
            guard number >= 1, number <= count else { return }
            p = number - 1
        } else {
            p = fs.selection
        }
        guard p >= 0, p < count else { return }
        let value = q.options[p].value
        if q.type != .multi {
            commitFlow(.choice(value), for: q)
            return
        }
        var c = fs.chosen
        if let i = c.firstIndex(of: value) { c.remove(at: i) } else if q.options[p].exclusive { c = [value] } else {
            c.removeAll { v in q.options.first { $0.value == v }?.exclusive ?? false }
            c.append(value)
        }
        fs.chosen = c
        fs.selection = p
        screen = .flow(fs)
    }

    mutating func chooseFlow(_ e: Event) {
        guard let fs = flowScreen, let q = flowQuestion(fs).question else { return }
        if case .mouse(_, let y, _) = e {
            if let row = optionRow(y, count: q.options.count) { pickFlowOption(number: row + 1) }
            return
        }
        if q.type == .multi && !fs.chosen.isEmpty {
            commitFlow(.multi(fs.chosen), for: q)
            return
        }
        pickFlowOption(number: nil)
    }

    /// Layout rows shared with the view: options start at row 6, outcome entries after the text.
    func optionRow(_ y: Int, count: Int) -> Int? {
        let i = y - FlowLayout.optionTop
        return i >= 0 && i < count ? i : nil
    }
}


/// Row positions the view draws at and the update reads clicks by.
public enum FlowLayout {
    public static let optionTop = 6
}

extension AppState {
    func drawFlow(_ b: inout Buffer, _ fs: FlowScreen) {
        guard let f = content.flow(fs.id) else { return }
        let (maybeState, question) = flowQuestion(fs)
        guard let state = maybeState else { return }
        let sel = fs.selection, chosen = fs.chosen, input = fs.input, error = fs.error
        title(&b, f.title)
        if question == nil, let o = state.outcome {
            drawOutcome(&b, fs, state, o)
            return
        }
        guard let q = question else { return }
        let p = state.progress
        let index = state.path.firstIndex { $0.id == q.id }.map { $0 + 1 } ?? p.index
        let changing = fs.editing != nil ? tr(.flowChanging) : ""
        b.put(tr(.flowQuestionOf, ["n": "\(index)", "of": "\(max(p.estimate, index))"]) + changing, x: 1, y: 2, style: config.theme.style(.dim))
        var y = 3
        for l in Wrap.lines(q.text, width: width - 2).prefix(2) { b.put(l, x: 1, y: y, style: config.theme.style(.heading)); y += 1 }
        if let h = q.help { b.put(fit(h, width - 2), x: 1, y: 5, style: config.theme.style(.dim)) }
        switch q.type {
        case .number, .postcode:
            let label = q.type == .number ? tr(.flowNumberLabel, ["min": "\(q.min ?? 0)", "max": "\(q.max ?? 25)"]) : tr(.flowPostcodeLabel)
            _ = input
            let end = b.put(label, x: 1, y: FlowLayout.optionTop + 1)
            drawField(&b, x: end, y: FlowLayout.optionTop + 1, maxX: width - 1, style: Style(underline: true))
        default:
            for (i, o) in q.options.enumerated() {
                let yy = FlowLayout.optionTop + i
                if yy >= optionLimit(state) { break }
                let tick = q.type == .multi ? (chosen.contains(o.value) ? "[x] " : "[ ] ") : ""
                let selected = i == sel
                let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
                if selected { b.fill(y: yy, style: style, from: 1, to: width - 1) }
                b.put(fit(" \(i + 1)  \(tick)\(o.label)", width - 3), x: 1, y: yy, style: style)
                if selected { b.cursor = Point(x: 1, y: yy) }
            }
            if q.type == .multi {
                b.put(tr(.flowTickHint), x: 1, y: height - 3, style: config.theme.style(.dim))
            }
        }
        if let error { b.put(fit("! " + error, width - 2), x: 1, y: height - 3, style: config.theme.style(.notEligible)) }
        drawFromProfile(&b, state, fs)
    }

}
