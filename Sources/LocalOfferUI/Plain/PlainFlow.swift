import LocalOfferCore

/// Guided questions in plain mode. The flow lives on the state's screen stack exactly as on the
/// full screen, and the same functions answer, step back (`flowBack`, every answer kept) and change
/// what came from the profile; the outcome is the outcome page the screen draws (its short list,
/// then "see all").
extension PlainSession {
    func chooseFlow() {
        for (i, f) in content.flows.enumerated() { write("\(i + 1). \(f.title)") }
        guard let a = ask(t(.plainWhichOne)), let n = Int(a), n >= 1, n <= content.flows.count else { return }
        runFlow(content.flows[n - 1].id)
    }

    /// The flow on top of the stack, with its state from the page cache.
    var currentFlow: (fs: FlowScreen, state: FlowState, question: FlowNode?)? {
        state.refreshPages()
        guard let fs = state.flowScreen else { return nil }
        let (flowState, q) = state.flowQuestion(fs)
        guard let flowState else { return nil }
        return (fs, flowState, q)
    }

    func runFlow(_ id: String) {
        guard let flow = content.flow(id) else {
            say(t(.flowUnavailable))
            return
        }
        state.goHome()
        state.startFlow(id)
        defer { state.goHome() }
        var toldFromProfile = false
        say(flow.title)
        if !flow.summary.isEmpty { say(flow.summary) }
        while !finished, let current = currentFlow {
            let (fs, flowState, question) = current
            if fs.editing == nil, let from = fromProfileLine(flowState), !toldFromProfile {
                say(from)
                toldFromProfile = true
            }
            if fs.editing == nil, let o = flowState.outcome {
                if !outcome(o, flowState) { return }
                continue
            }
            guard let q = question else {
                say(t(.plainFlowStuck))
                return
            }
            if !ask(q, fs, flowState) { return }
        }
    }

    func fromProfileLine(_ s: FlowState) -> String? {
        let from = s.fromProfileLabels
        return from.isEmpty ? nil : t(.plainFromProfile, ["from": from.joined(separator: " · ")])
    }

    /// One question; false: the family left the guide.
    func ask(_ q: FlowNode, _ fs: FlowScreen, _ flowState: FlowState) -> Bool {
        say()
        if let e = fs.editing {
            if fs.answers[e] == nil, flowState.fromProfile[e] != nil {
                say(t(.plainChangingFromProfile))
            } else {
                say(fs.answers[e].map { t(.plainChangingWas, ["was": $0.display]) } ?? t(.plainChanging))
            }
        }
        let p = flowState.progress
        let index = flowState.path.firstIndex { $0.id == q.id }.map { $0 + 1 } ?? p.index
        say(t(.plainQuestion, ["n": "\(index)", "of": "\(max(p.estimate, index))", "text": q.text]))
        if let h = q.help { say(h) }
        for (i, o) in q.options.enumerated() { write("\(i + 1). \(o.label)") }
        let hint: String
        switch q.type {
        case .multi: hint = t(.plainHintMulti)
        case .number: hint = t(.plainHintNumber, ["min": "\(q.min ?? 0)", "max": "\(q.max ?? 25)"])
        case .postcode: hint = t(.plainHintPostcode)
        case .choice, .outcome: hint = t(.plainHintChoice)
        }
        let canChange = !flowState.fromProfile.isEmpty && fs.editing == nil && q.type != .postcode
        guard let a = ask(t(canChange ? .plainQuestionPromptChange : .plainQuestionPrompt, ["hint": hint])) else { return false }
        if a.isEmpty { return false }
        if a.lowercased() == "c", canChange {
            state.changeFlowProfile()
            return true
        }
        if a.lowercased() == "b" { return back() }
        do {
            state.commitFlow(try FlowEngine.parse(a, for: q, postcodes: content.postcodes), for: q)
        } catch let e as FlowError {
            say(e.message)
        } catch {
            say(t(.plainNotUnderstood))
        }
        return true
    }

    /// Back a question, as on the full screen: every answer given is kept. False: before the
    /// first question, which leaves the guide.
    func back() -> Bool {
        state.flowBack()
        return state.flowScreen != nil
    }

    /// The outcome page: its text, then its items by number (the same short list and "see all" the
    /// screen shows). False: the family left the guide.
    func outcome(_ o: FlowOutcome, _ flowState: FlowState) -> Bool {
        let page = state.outcomePage(o, state: flowState)
        say()
        say(o.title)
        say(o.text)
        while !finished {
            var numbered: [OutcomePage.Item] = []
            for item in page.items {
                switch item {
                case .changeProfile: continue
                case .entry(let id):
                    guard let e = content.entry(id) else { continue }
                    numbered.append(item)
                    var line = "\(numbered.count). \(myList.contains(id) ? t(.plainOnMyList) : "")\(e.title): \(e.summary)"
                    if flowState.profile.constrainsEligibility, let v = o.eligibility[id] { line += " (\(v.badge))" }
                    for l in Wrap.indent(line, width: width, prefix: "") { write(l) }
                case .seeAll:
                    numbered.append(item)
                    write("\(numbered.count). " + t(.plainSeeAll, ["n": "\(o.entries.count)"]))
                }
            }
            if numbered.isEmpty { say(t(.plainOutcomeNothing)) }
            else if o.entries.count > OutcomePage.shortList {
                say(t(.plainOutcomeShort, ["shown": "\(OutcomePage.shortList)", "n": "\(o.entries.count)"]))
            } else {
                say(t(.plainOutcomeCount, ["count": t(.countServicesAndGuides, count: o.entries.count)]))
            }
            guard let a = ask(t(numbered.isEmpty ? .plainOutcomePromptEmpty : .plainOutcomePrompt)), !a.isEmpty else { return false }
            switch a.lowercased() {
            case "b": return back()
            case "c" where !flowState.fromProfile.isEmpty:
                state.changeFlowProfile()
                return true
            default:
                guard let n = Int(a), n >= 1, n <= numbered.count else {
                    say(t(.plainOutcomeHelp, ["n": "\(numbered.count)"]))
                    continue
                }
                switch numbered[n - 1] {
                case .entry(let id): if let e = content.entry(id) { show(e) }
                case .seeAll: pick(o.entries.map { ($0, flowState.profile.constrainsEligibility ? o.eligibility[$0.id] : nil) })
                case .changeProfile: break
                }
            }
        }
        return false
    }
}
