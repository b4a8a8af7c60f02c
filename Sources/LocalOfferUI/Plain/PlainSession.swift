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
    /// Saves the take-away under a name the person gives; returns what to tell them. The same
    /// function the full screen's Ctrl-S uses; nil where nothing may be saved.
    let save: ((_ name: String, _ text: String) -> String)?
    /// Prints the take-away (Parent Champions); returns what to tell them.
    let print: ((_ text: String) -> String)?
    public private(set) var profile = Profile()
    public private(set) var myList: [String] = []
    private var finished = false

    public init(content: Content, engine: SearchEngine? = nil, mode: UsageMode = .family, width: Int = 80,
                readLine: @escaping () -> String?, write: @escaping (String) -> Void,
                save: ((_ name: String, _ text: String) -> String)? = nil, print: ((_ text: String) -> String)? = nil) {
        self.content = content
        self.engine = engine ?? SearchEngine(content: content)
        self.mode = mode
        self.width = width
        self.readLine = readLine
        // Content and echoed input are data: nothing printed here may drive the terminal.
        self.write = { write(Sanitize.text($0)) }
        self.save = mode.isKiosk ? nil : save
        self.print = mode.canPrint ? print : nil
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

    static let menu = [
        "Search", "Help me find support", "I'm worried about my child", "Browse A to Z",
        "Browse by type, need or age", "What does this word mean?", "Talk to someone", "More guided questions",
        "My list", "About your child (borough, age, support, needs)", "Start again (forget everything)",
    ]

    public func run() {
        say("localoffer: the SEND Local Offer for Richmond upon Thames and Kingston upon Thames.")
        say("Support for children and young people aged 0 to 25 with special educational needs or disabilities.")
        if let banner = mode.banner { say(banner.replacingOccurrences(of: "Ctrl-N", with: "type next").replacingOccurrences(of: "Ctrl-P", with: "type print")) }
        while !finished {
            say()
            if !profile.isEmpty { say("About your child: \(profile.summary).") }
            for (i, item) in PlainSession.menu.enumerated() {
                write("\(i + 1). \(item)" + (i == 8 && !myList.isEmpty ? " (\(myList.count))" : ""))
            }
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
            case "9", "list", "my list": showList()
            case "10", "about", "profile": editProfile()
            case "11", "next", "start again":
                startAgain()
            case "save": saveList()
            case "print": printList()
            default: search(choice)
            }
        }
        say("Goodbye.")
    }

    /// Forget everything: the profile and the list (a shared terminal's "next family").
    func startAgain() {
        profile = Profile()
        myList = []
        say(mode.isShared ? "Session ended. Nothing from it was kept. Ready for the next family." : "Started again: everything you told me is forgotten.")
    }

    /// Results shown a page at a time.
    static let pageSize = 10
    /// However many match, the list stays bounded.
    static let maxResults = 500

    func search(_ q: String) {
        let r = engine.search(q, profile: profile, limit: PlainSession.maxResults)
        if r.total == 0 {
            say("Nothing found for \"\(q)\".")
            if !r.suggestions.isEmpty { say("Did you mean: \(r.suggestions.joined(separator: ", "))?") }
            say("SENDIASS gives free, impartial advice and can help you find the right support: type 7 at the menu.")
            return
        }
        say("\(r.total) result\(r.total == 1 ? "" : "s") for \"\(q)\"" + (profile.isEmpty ? ":" : ", best for your child first:"))
        pick(r.hits.map { ($0.entry, $0.eligibility) })
    }

    /// A numbered list, a page at a time: a number opens, n and b page, Enter goes back.
    func pick(_ rows: [(Entry, Eligibility?)]) {
        guard !rows.isEmpty else {
            say("Nothing here yet.")
            return
        }
        var page = 0
        let pages = (rows.count + PlainSession.pageSize - 1) / PlainSession.pageSize
        while !finished {
            let first = page * PlainSession.pageSize
            let last = min(rows.count, first + PlainSession.pageSize)
            if pages > 1 { say("Results \(first + 1)–\(last) of \(rows.count):") }
            for i in first..<last {
                let (e, v) = rows[i]
                var line = "\(i + 1). \(myList.contains(e.id) ? "(on my list) " : "")\(e.title): \(e.summary)"
                if let v { line += " (\(v.badge))" }
                for l in Wrap.indent(line, width: width, prefix: "") { write(l) }
            }
            var prompt = "Open which number?"
            if page + 1 < pages { prompt += " n for the next \(min(PlainSession.pageSize, rows.count - last))," }
            if page > 0 { prompt += " b for the previous page," }
            guard let a = ask(prompt + " Enter to go back."), !a.isEmpty else { return }
            switch a.lowercased() {
            case "n", "next", "more":
                if page + 1 < pages { page += 1 } else { say("That was the last page.") }
            case "b", "back", "p", "previous":
                if page > 0 { page -= 1 } else { say("This is the first page.") }
            default:
                if let n = Int(a), (1...rows.count).contains(n) {
                    show(rows[n - 1].0)
                } else {
                    say("Please type a number from 1 to \(rows.count)\(pages > 1 ? ", n or b" : ""), or press Enter to go back.")
                }
            }
        }
    }

    /// An entry, then its links (related entries and alternatives) by number, and "a" for my list.
    /// Links are followed in a loop with a bounded history, never by recursion.
    func show(_ first: Entry) {
        var history = [first.id]
        while !finished, let id = history.last, let e = content.entry(id) {
            say()
            let lines = EntryText.lines(for: e, in: content, profile: profile, width: width, mode: mode)
            for l in lines { write(l.text) }
            var links: [String] = []
            for l in lines { if let t = l.target, content.entry(t) != nil, !links.contains(t) { links.append(t) } }
            say()
            if !links.isEmpty {
                say("Links from this page:")
                for (i, t) in links.enumerated() { write("\(i + 1). \(content.title(of: t))") }
            }
            let add = myList.contains(id) ? "a to remove it from my list" : "a to add it to my list"
            guard let a = ask((links.isEmpty ? "Type " : "Type a link number, ") + add + ", or Enter to go back:") else { return }
            switch a.lowercased() {
            case "":
                history.removeLast()
                if history.isEmpty { return }
            case "a":
                toggleList(id)
            default:
                if let n = Int(a), (1...max(1, links.count)).contains(n), n <= links.count {
                    history.append(links[n - 1])
                    if history.count > 50 { history.removeFirst() }
                } else {
                    say(links.isEmpty ? "Type a, or press Enter to go back." : "Please type a link number from 1 to \(links.count), a, or press Enter to go back.")
                }
            }
        }
    }

    func toggleList(_ id: String) {
        if let i = myList.firstIndex(of: id) {
            myList.remove(at: i)
            say("Removed from your list (\(myList.count) left).")
        } else if myList.count < AppState.maxList {
            myList.append(id)
            say("Added to your list (\(myList.count)). Type 9 at the menu to see it.")
        } else {
            say("Your list is full (\(AppState.maxList) entries): remove one first.")
        }
    }

    func showList() {
        while !finished {
            guard !myList.isEmpty else {
                say("Your list is empty. Open an entry and type a to add it.")
                return
            }
            say("My list (\(myList.count)):")
            for (i, id) in myList.enumerated() { write("\(i + 1). \(content.title(of: id))") }
            var options = ["a number to open it", "r and a number to remove it"]
            if save != nil { options.append("s to save the list as a text file") }
            if print != nil { options.append("p to print it") }
            guard let a = ask("Type " + options.joined(separator: ", ") + ", or Enter to go back:"), !a.isEmpty else { return }
            let parts = a.lowercased().split(separator: " ")
            if parts.first == "r", parts.count == 2, let n = Int(parts[1]), (1...myList.count).contains(n) {
                toggleList(myList[n - 1])
            } else if let n = Int(a), (1...myList.count).contains(n), let e = content.entry(myList[n - 1]) {
                show(e)
            } else if a.lowercased() == "s" || a.lowercased() == "save" {
                saveList()
            } else if a.lowercased() == "p" || a.lowercased() == "print" {
                printList()
            } else {
                say("Please type one of: " + options.joined(separator: "; ") + ".")
            }
        }
    }

    var takeawayText: String { AppState.takeaway(content: content, list: myList, profile: profile) }

    func saveList() {
        guard let save else {
            say("Nothing can be saved here.")
            return
        }
        guard !myList.isEmpty else { say("Your list is empty: open an entry and type a to add it."); return }
        guard let name = ask("Save as (a file name, Enter for my-local-offer-list.txt):") else { return }
        say(save(name.isEmpty ? "my-local-offer-list.txt" : name, takeawayText))
    }

    func printList() {
        guard let print else {
            say("Printing is for Parent Champions (--champion).")
            return
        }
        guard !myList.isEmpty else { say("Your list is empty: open an entry and type a to add it."); return }
        say(print(takeawayText))
    }

    /// "About your child": asked once, used by search, lists and every guided question.
    func editProfile() {
        while !finished {
            say("About your child: " + (profile.isEmpty ? "nothing yet." : profile.summary + "."))
            write("1. Where you live: " + (profile.borough?.fullName ?? "not set"))
            write("2. Age: " + (profile.age.map(String.init) ?? "not set"))
            write("3. Support at school: " + (profile.status?.label ?? "not set"))
            write("4. Finds hard: " + (profile.needs.isEmpty ? "not set" : profile.needs.sorted().map(\.label).joined(separator: ", ")))
            guard let a = ask("Which to change? (1 to 4, Enter when done)"), !a.isEmpty else { return }
            switch a {
            case "1":
                for (i, b) in Borough.allCases.enumerated() { write("\(i + 1). \(b.fullName)") }
                write("\(Borough.allCases.count + 1). Not set")
                guard let v = ask("Type a number:") else { return }
                if let n = Int(v), (1...Borough.allCases.count).contains(n) { profile.borough = Borough.allCases[n - 1] } else if Int(v) == Borough.allCases.count + 1 { profile.borough = nil } else { say("Not changed.") }
            case "2":
                guard let v = ask("Age in whole years, 0 to 25 (Enter to clear):") else { return }
                if v.isEmpty { profile.age = nil } else if let n = Int(v), validAges.contains(n) { profile.age = n } else { say("Please type a whole number from 0 to 25. Not changed.") }
            case "3":
                for (i, s) in Status.allCases.enumerated() { write("\(i + 1). \(s.label)") }
                write("\(Status.allCases.count + 1). Not set")
                guard let v = ask("Type a number:") else { return }
                if let n = Int(v), (1...Status.allCases.count).contains(n) { profile.status = Status.allCases[n - 1] } else if Int(v) == Status.allCases.count + 1 { profile.status = nil } else { say("Not changed.") }
            case "4":
                for (i, n) in NeedArea.allCases.enumerated() { write("\(i + 1). \(n.label)") }
                guard let v = ask("Type the numbers that fit, separated by commas (Enter for none):") else { return }
                let picked = v.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if picked.allSatisfy({ (1...NeedArea.allCases.count).contains($0) }) {
                    profile.needs = Set(picked.map { NeedArea.allCases[$0 - 1] })
                } else {
                    say("Please use numbers from 1 to \(NeedArea.allCases.count). Not changed.")
                }
            default:
                say("Please type 1, 2, 3 or 4, or press Enter when done.")
            }
        }
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
        /// A question answered from "About your child" that the person asked to change.
        var editing: String?
        var toldFromProfile = false
        say(flow.title)
        if !flow.summary.isEmpty { say(flow.summary) }
        while !finished {
            let state = FlowEngine.run(flow, answers: answers, profile: profile, content: content, search: engine)
            let from = state.fromProfileLabels
            if editing == nil, !from.isEmpty, !toldFromProfile {
                say("From About your child: \(from.joined(separator: " · ")) (type c at a question to change it).")
                toldFromProfile = true
            }
            if editing == nil, let o = state.outcome {
                profile = state.profile
                say()
                say(o.title)
                say(o.text)
                let rows = o.entries.map { ($0, state.profile.constrainsEligibility ? o.eligibility[$0.id] : nil) }
                if !rows.isEmpty {
                    say("\(rows.count) services and guides that can help, best for your child first.")
                    pick(rows)
                }
                return
            }
            guard let q = editing.flatMap({ flow.node($0) }) ?? state.current else {
                say("This guide could not continue. Please ask SENDIASS for help.")
                return
            }
            let p = state.progress
            say()
            if let e = editing {
                if answers[e] == nil, state.fromProfile[e] != nil {
                    say("Changing an answer from About your child:")
                } else {
                    say("Changing an answer (the others are kept)" + (answers[e].map { ": it was \"\($0.display)\"" } ?? "") + ".")
                }
            }
            let index = state.path.firstIndex { $0.id == q.id }.map { $0 + 1 } ?? p.index
            say("Question \(index) of about \(max(p.estimate, index)): \(q.text)")
            if let h = q.help { say(h) }
            for (i, o) in q.options.enumerated() { write("\(i + 1). \(o.label)") }
            let hint: String
            switch q.type {
            case .multi: hint = "Type one or more numbers, separated by commas"
            case .number: hint = "Type a number from \(q.min ?? 0) to \(q.max ?? 25)"
            case .postcode: hint = "Type your postcode, like TW9 1AA"
            default: hint = "Type a number"
            }
            let change = !state.fromProfile.isEmpty && editing == nil && q.type != .postcode ? ", c to change what came from About your child" : ""
            guard let a = ask("\(hint) (b to go back\(change), Enter to leave):") else { return }
            if a.isEmpty { return }
            if a.lowercased() == "c", !change.isEmpty {
                editing = state.path.first { state.fromProfile[$0.id] != nil }?.id
                continue
            }
            if a.lowercased() == "b" {
                // Back a question, as on the full screen: every answer given is kept.
                guard let previous = state.question(before: editing ?? (state.complete ? nil : state.current?.id)) else { return }
                editing = previous
                continue
            }
            do {
                answers[q.id] = try FlowEngine.parse(a, for: q, postcodes: content.postcodes)
                editing = nil
            } catch let e as FlowError {
                say(e.message)
            } catch {
                say("Sorry, that answer was not understood.")
            }
        }
    }
}
