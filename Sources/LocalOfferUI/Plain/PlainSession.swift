import LocalOfferCore

/// The line-by-line mode for screen readers, braille displays and pipes: numbered menus, one prompt a
/// line, nothing redrawn. Same search, flows, entries and glossary as the full screen.
public final class PlainSession {
    let content: Content
    let engine: SearchEngine
    let mode: UsageMode
    let readLine: () -> String?
    let write: (String) -> Void
    let width: Int
    public private(set) var profile = Profile()
    private var finished = false

    public init(content: Content, engine: SearchEngine? = nil, mode: UsageMode = .family, width: Int = 80,
                readLine: @escaping () -> String?, write: @escaping (String) -> Void) {
        self.content = content
        self.engine = engine ?? SearchEngine(content: content)
        self.mode = mode
        self.width = width
        self.readLine = readLine
        // Content and echoed input are data: nothing printed here may drive the terminal.
        self.write = { write(Sanitize.text($0)) }
    }

    func say(_ text: String = "") {
        if text.isEmpty { write(""); return }
        for l in Wrap.lines(text, width: width) { write(l) }
    }

    /// nil at end of input: the session ends cleanly.
    func ask(_ prompt: String) -> String? {
        write(prompt)
        guard let line = readLine() else {
            finished = true
            return nil
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    public func run() {
        say("localoffer: the SEND Local Offer for Richmond upon Thames and Kingston upon Thames.")
        say("Support for children and young people aged 0 to 25 with special educational needs or disabilities.")
        while !finished {
            say()
            if !profile.isEmpty { say("Your answers so far: \(profile.summary).") }
            let items = [
                "Search", "Help me find support", "I'm worried about my child", "Browse A to Z",
                "Browse by type, need or age", "What does this word mean?", "Talk to someone", "More guided questions",
                "Start again (forget my answers)",
            ]
            for (i, item) in items.enumerated() { write("\(i + 1). \(item)") }
            if mode != .kiosk { write("q. Quit") }
            guard let choice = ask("Choose a number, or type words to search:") else { break }
            switch choice.lowercased() {
            case "": continue
            case "q", "quit", "exit":
                if mode != .kiosk { finished = true }
            case "1": if let q = ask("Search for:"), !q.isEmpty { search(q) }
            case "2": runFlow("find-support")
            case "3": runFlow("worried-about-my-child")
            case "4": browse(content.entriesByTitle, title: "A to Z")
            case "5": browseByType()
            case "6": glossary()
            case "7": talk()
            case "8": chooseFlow()
            case "9":
                profile = Profile()
                say("Your answers are forgotten.")
            default: search(choice)
            }
        }
        say("Goodbye.")
    }

    func search(_ q: String) {
        let r = engine.search(q, profile: profile, limit: 10)
        if r.total == 0 {
            say("Nothing found for \"\(q)\".")
            if !r.suggestions.isEmpty { say("Did you mean: \(r.suggestions.joined(separator: ", "))?") }
            say("SENDIASS gives free, impartial advice and can help you find the right support: type 7 at the menu.")
            return
        }
        say("\(r.total) result\(r.total == 1 ? "" : "s") for \"\(q)\"\(r.total > 10 ? ", the best 10" : ""):")
        pick(r.hits.map { ($0.entry, $0.eligibility) })
    }

    func pick(_ rows: [(Entry, Eligibility?)]) {
        guard !rows.isEmpty else {
            say("Nothing here yet.")
            return
        }
        while !finished {
            for (i, (e, v)) in rows.enumerated() {
                var line = "\(i + 1). \(e.title): \(e.summary)"
                if let v { line += " (\(v.badge))" }
                for l in Wrap.indent(line, width: width, prefix: "") { write(l) }
            }
            guard let a = ask("Open which number? (Enter to go back)"), !a.isEmpty else { return }
            if let n = Int(a), (1...rows.count).contains(n) {
                show(rows[n - 1].0)
            } else {
                say("Please type a number from 1 to \(rows.count), or press Enter to go back.")
            }
        }
    }

    func show(_ e: Entry) {
        say()
        for l in EntryText.lines(for: e, in: content, profile: profile, width: width, mode: mode) { write(l.text) }
        say()
    }

    func browse(_ entries: [Entry], title: String) {
        say("\(title): \(entries.count) entries.")
        let rows = entries.map { e in (e, profile.constrainsEligibility ? content.eligibility(of: e, profile: profile) : nil) }
        pick(rows)
    }

    func browseByType() {
        let groups = content.browseGroups
        for (i, g) in groups.enumerated() { write("\(i + 1). \(g.label)") }
        guard let a = ask("Which one? (Enter to go back)"), let n = Int(a), n >= 1, n <= groups.count else { return }
        browse(groups[n - 1].ids.compactMap { content.entry($0) }, title: groups[n - 1].label)
    }

    func glossary() {
        guard let w = ask("Which word? (for example EHCP, SENCO, respite)"), !w.isEmpty else { return }
        let terms = content.glossarySearch(w)
        if terms.isEmpty {
            say("That word is not in the glossary. Try searching for it instead.")
            return
        }
        for t in terms {
            say(t.term + (t.aliases.isEmpty ? "" : " (also: \(t.aliases.joined(separator: ", ")))"))
            say(t.meaning)
        }
    }

    func talk() {
        let rows = content.talkToEntries.map { ($0, Optional<Eligibility>.none) }
        say("People who can help you find your way:")
        pick(rows)
    }

    func chooseFlow() {
        for (i, f) in content.flows.enumerated() { write("\(i + 1). \(f.title)") }
        guard let a = ask("Which one? (Enter to go back)"), let n = Int(a), n >= 1, n <= content.flows.count else { return }
        runFlow(content.flows[n - 1].id)
    }

    func runFlow(_ id: String) {
        guard let flow = content.flow(id) else {
            say("That guide is not available.")
            return
        }
        var answers: [String: Answer] = [:]
        var order: [String] = []
        say(flow.title)
        if !flow.summary.isEmpty { say(flow.summary) }
        while !finished {
            let state = FlowEngine.run(flow, answers: answers, profile: profile, content: content)
            if let o = state.outcome {
                profile = state.profile
                say()
                say(o.title)
                say(o.text)
                let rows = o.entries.map { ($0, state.profile.constrainsEligibility ? o.eligibility[$0.id] : nil) }
                if !rows.isEmpty { pick(rows) }
                return
            }
            guard let q = state.current else {
                say("This guide could not continue. Please ask SENDIASS for help.")
                return
            }
            let p = state.progress
            say()
            say("Question \(p.index) of about \(p.estimate): \(q.text)")
            if let h = q.help { say(h) }
            for (i, o) in q.options.enumerated() { write("\(i + 1). \(o.label)") }
            let hint: String
            switch q.type {
            case .multi: hint = "Type one or more numbers, separated by commas"
            case .number: hint = "Type a number from \(q.min ?? 0) to \(q.max ?? 25)"
            case .postcode: hint = "Type your postcode, like TW9 1AA"
            default: hint = "Type a number"
            }
            guard let a = ask("\(hint) (b to go back, Enter to leave):") else { return }
            if a.isEmpty { return }
            if a.lowercased() == "b" {
                if let last = state.path.last?.id {
                    answers[last] = nil
                    order.removeAll { $0 == last }
                } else {
                    return
                }
                continue
            }
            do {
                answers[q.id] = try FlowEngine.parse(a, for: q, postcodes: content.postcodes)
                order.append(q.id)
            } catch let e as FlowError {
                say(e.message)
            } catch {
                say("Sorry, that answer was not understood.")
            }
        }
    }
}
