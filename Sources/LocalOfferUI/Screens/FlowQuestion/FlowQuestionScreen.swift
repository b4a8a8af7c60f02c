import LocalOfferCore

extension KeyMap {
    /// A guided question's keys (typed, one choice, ticks).
    static let flowQuestion: [KeyBinding] = [
        KeyBinding([.click], S.flowKeyTouch.english, help: .flowKeyTouchHelp,
                   in: [.flowChoice, .flowMulti, .flowInput], accepts: { s, e in s.flowTap(e) != nil }) { s, e in
            s.tapFlow(e)
            return .none
        },
        KeyBinding([.printable], S.flowKeyType.english, short: .flowKeyTypeShort, help: .flowKeyTypeHelp, in: [.flowInput]) { s, e in
            if case .text(let c) = e { s.editField { $0.insert(c) } }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: .flowKeyAnswerShort, help: .flowKeyEnterHelp, in: [.flowInput]) { s, _ in
            s.submitFlowInput()
            return .none
        },
        KeyBinding([.key(.escape)], "Esc", short: .flowKeyBackShort, help: .flowKeyEscHelp,
                   in: [.flowInput]) { s, _ in
            s.flowBack()
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .wheel], "PgUp PgDn", help: .flowKeyScrollHelp,
                   in: [.flowInput], when: { $0.questionScrolls }) { s, e in
            s.scrollQuestion(e)
            return .none
        },
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: .flowKeyMoveShort,
                   help: .flowKeyMoveHelp, in: [.flowChoice, .flowMulti],
                   when: { $0.flowCount > 1 || $0.questionScrolls }) { s, e in
            s.moveFlow(e)
            return .none
        },
        KeyBinding([.digit], "1…9", short: .flowKeyAnswerShort, help: .flowKeyDigitHelp, in: [.flowChoice],
                   accepts: { s, e in s.isOptionNumber(e) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.pickFlowOption(number: d) }
            return .none
        },
        KeyBinding([.digit, .char(" ")], "Space", short: .flowKeyTickShort, help: .flowKeyTickHelp,
                   in: [.flowMulti], accepts: { s, e in e == .text(" ") || s.isOptionNumber(e) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.pickFlowOption(number: d) } else { s.pickFlowOption(number: nil) }
            return .none
        },
        KeyBinding([.key(.enter), .key(.right)], "Enter", short: .flowKeyChooseShort, help: .flowKeyChooseHelp,
                   in: [.flowChoice, .flowMulti]) { s, e in
            s.chooseFlow(e)
            return .none
        },
    ]
}

extension KeyMap {
    /// Keys shared by a question and an outcome.
    static let flowCommon: [KeyBinding] = [
        KeyBinding([.char("c")], "c", short: .flowKeyChangeShort, help: .flowKeyChangeHelp,
                   in: [.flowChoice, .flowMulti, .flowOutcome], when: { $0.canChangeFlowProfile }) { s, _ in
            s.changeFlowProfile()
            return .none
        },
        KeyBinding(backKeys, "Esc", short: .flowKeyBackShort, help: .flowKeyBackHelp,
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
            state = runFlow(f, answers: fs.answers)
        }
        if let e = fs.editing, let node = f.node(e) { return (state, node) }
        return (state, state.current)
    }


    // MARK: guided questions

    /// The flow walked with these answers over the family's profile, its outcome ranked by the same
    /// search engine as the search screen (so an outcome and a search agree on what comes first).
    func runFlow(_ f: Flow, answers: [String: Answer]) -> FlowState {
        FlowEngine.run(f, answers: answers, profile: session.profile, content: content, search: engine)
    }

    var flowScreen: FlowScreen? { if case .flow(let fs) = screen { return fs } else { return nil } }

    mutating func commitFlow(_ answer: Answer, for q: FlowNode) {
        guard var next = flowScreen else { return }
        next.answers[q.id] = answer
        next.editing = nil
        next.selection = 0
        next.chosen = []
        next.input = ""
        next.error = nil
        next.scroll = 0
        fieldCursor = nil
        // Later answers stay: the path picks them up again wherever they still apply.
        if let f = content.flow(next.id) {
            let after = runFlow(f, answers: next.answers)
            if after.complete {
                // What the flow learned goes into the profile, so the page is made again over it.
                session.profile = after.profile
            } else {
                // The same answers over the same profile: this is the next frame's page already.
                pages.flow = (flowKey(next), after)
                pages.built += 1
            }
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
        next.scroll = 0
        fieldCursor = nil
        if let node = content.flow(fs.id)?.node(previous), let a = fs.answers[previous] {
            switch a {
            case .choice(let v): next.selection = node.options.firstIndex { $0.value == v } ?? 0
            case .multi(let vs): next.chosen = vs
            default: next.input = a.display
            }
        }
        screen = .flow(next)
        revealFlowSelection()
    }

    mutating func submitFlowInput() {
        guard var fs = flowScreen, let q = flowQuestion(fs).question else { return }
        do {
            commitFlow(try FlowEngine.parse(fs.input, for: q, postcodes: content.postcodes), for: q)
        } catch let e as FlowError {
            fs.error = e.message
            screen = .flow(fs)
        } catch {
            fs.error = tr(.flowNotUnderstood)
            screen = .flow(fs)
        }
    }

    /// Opens the first question answered from "About your child"; an answer given there wins.
    mutating func changeFlowProfile() {
        guard let fs = flowScreen, let state = flowQuestion(fs).state,
              let id = state.path.first(where: { state.fromProfile[$0.id] != nil })?.id else { return }
        screen = .flow(changeFromProfile(fs, id: id, answer: state.fromProfile[id]))
        revealFlowSelection()
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

    /// Moves between the answers; the wheel scrolls a question longer than its room.
    mutating func moveFlow(_ e: Event) {
        if case .mouse = e, questionScrolls { scrollQuestion(e); return }
        guard var fs = flowScreen, let n = move(e, fs.selection, count: flowCount) else { return }
        fs.selection = n
        screen = .flow(fs)
        revealFlowSelection()
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
        if q.type == .multi && !fs.chosen.isEmpty {
            commitFlow(.multi(fs.chosen), for: q)
            return
        }
        pickFlowOption(number: nil)
    }
}

extension AppState {
    func drawFlow(_ b: inout Buffer, _ fs: FlowScreen) {
        guard let f = content.flow(fs.id) else { return }
        let (maybeState, question) = flowQuestion(fs)
        guard let state = maybeState else { return }
        title(&b, f.title)
        if question == nil, let o = state.outcome {
            drawOutcome(&b, fs, state, o)
            return
        }
        guard let q = question else { return }
        let p = state.progress
        let index = state.path.firstIndex { $0.id == q.id }.map { $0 + 1 } ?? p.index
        let changing = fs.editing != nil ? tr(.flowChanging) : ""
        _ = b.put(fit(tr(.flowQuestionOf, ["n": "\(index)", "of": "\(max(p.estimate, index))"]) + changing, width - 2), x: 1, y: 2,
                  style: config.theme.style(.dim))
        drawQuestion(&b, q, fs, state)
    }
}
