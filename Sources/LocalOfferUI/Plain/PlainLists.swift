import LocalOfferCore

/// Plain mode's results, lists and entries: the same rows, caps and links the full screen has.
extension PlainSession {
    /// Results shown a page at a time.
    static let pageSize = 10

    /// The search the results screen runs (its cap included), listed a page at a time.
    func search(_ q: String) {
        let r = engine.search(q, profile: profile, limit: AppState.resultsShown)
        if r.total == 0 {
            say(t(.plainNothingFound, ["q": q]))
            if !r.suggestions.isEmpty { say(t(.searchDidYouMean, ["words": r.suggestions.joined(separator: ", ")])) }
            say(t(.plainAskSendiass))
            return
        }
        let count = t(.countResults, count: r.total)
        say(t(profile.isEmpty ? .plainResultsFor : .plainResultsForChild, ["count": count, "q": q]))
        if r.total > r.hits.count { say(t(.plainBestShown, ["n": "\(r.hits.count)"])) }
        pick(r.hits.map { ($0.entry, $0.eligibility) })
    }

    /// A numbered list, a page at a time: a number opens, n and b page, Enter goes back.
    func pick(_ rows: [(Entry, Eligibility?)]) {
        guard !rows.isEmpty else {
            say(t(.listEmpty))
            return
        }
        var page = 0
        let pages = (rows.count + PlainSession.pageSize - 1) / PlainSession.pageSize
        while !finished {
            let first = page * PlainSession.pageSize
            let last = min(rows.count, first + PlainSession.pageSize)
            if pages > 1 { say(t(.plainPageRange, ["first": "\(first + 1)", "last": "\(last)", "n": "\(rows.count)"])) }
            for i in first..<last {
                let (e, v) = rows[i]
                var line = "\(i + 1). \(myList.contains(e.id) ? t(.plainOnMyList) : "")\(e.title): \(e.summary)"
                if let v { line += " (\(v.badge))" }
                for l in Wrap.indent(line, width: width, prefix: "") { write(l) }
            }
            var prompt = t(.plainOpenWhich)
            if page + 1 < pages { prompt += t(.plainNextPage, ["n": "\(min(PlainSession.pageSize, rows.count - last))"]) }
            if page > 0 { prompt += t(.plainPreviousPage) }
            guard let a = ask(prompt + t(.plainEnterBack)), !a.isEmpty else { return }
            switch a.lowercased() {
            case "n", "next", "more":
                if page + 1 < pages { page += 1 } else { say(t(.plainLastPage)) }
            case "b", "back", "p", "previous":
                if page > 0 { page -= 1 } else { say(t(.plainFirstPage)) }
            default:
                if let n = Int(a), (1...rows.count).contains(n) {
                    show(rows[n - 1].0)
                } else {
                    say(t(pages > 1 ? .plainPickPaged : .plainPick, ["n": "\(rows.count)"]))
                }
            }
        }
    }

    /// An entry as the entry screen lays it out (its links numbered the same way), then its links
    /// by number, and "a" for my list. Links are followed in a loop with a bounded history.
    func show(_ first: Entry) {
        var history = [first.id]
        while !finished, let id = history.last, content.entry(id) != nil {
            say()
            let page = state.layOutEntry(id)
            for l in page.lines { write(l.text) }
            let links = page.links
            say()
            if !links.isEmpty {
                say(t(.plainLinks))
                for (i, t) in links.enumerated() { write("\(i + 1). \(content.title(of: t))") }
            }
            let add = myList.contains(id) ? t(.plainRemoveFromList) : t(.plainAddToList)
            // With no borough known the page offers r / k, as the screen does: the answer is then
            // laid out again for that borough, verdict first.
            let asksBorough = state.session.profile.borough == nil
            guard let a = ask((asksBorough ? t(.plainEntryBorough) + " " : "")
                              + t(links.isEmpty ? .plainEntryPrompt : .plainEntryPromptLinks, ["add": add])) else { return }
            switch a.lowercased() {
            case "":
                history.removeLast()
                if history.isEmpty { return }
            case "r" where asksBorough, "k" where asksBorough:
                let b: Borough = a.lowercased() == "r" ? .richmond : .kingston
                state.session.profile.borough = b
                say(t(.plainBoroughSet, ["borough": b.fullName]))
            case "a":
                toggleList(id)
            default:
                if let n = Int(a), n >= 1, n <= links.count {
                    history.append(links[n - 1])
                    if history.count > 50 { history.removeFirst() }
                } else {
                    say(links.isEmpty ? t(.plainEntryHelp) : t(.plainEntryHelpLinks, ["n": "\(links.count)"]))
                }
            }
        }
    }

    /// The one rule for my list (`AppState.toggleList`), said in plain words.
    func toggleList(_ id: String) {
        let had = myList.contains(id)
        state.toggleList(id)
        state.message = nil
        if had { say(t(.plainRemoved, ["n": "\(myList.count)"])) }
        else if myList.contains(id) { say(t(.plainAdded, ["n": "\(myList.count)"])) }
        else { say(t(.plainListFull, ["n": "\(AppState.maxList)"])) }
    }

    func showList() {
        while !finished {
            guard !myList.isEmpty else {
                say(t(.plainListEmpty))
                return
            }
            say(t(.plainMyList, ["n": "\(myList.count)"]))
            for (i, id) in myList.enumerated() { write("\(i + 1). \(content.title(of: id))") }
            var options = [t(.plainListOpen), t(.plainListRemove)]
            if save != nil { options.append(t(.plainListSave)) }
            if print != nil { options.append(t(.plainListPrint)) }
            guard let a = ask(t(.plainListPrompt, ["options": options.joined(separator: ", ")])), !a.isEmpty else { return }
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
                say(t(.plainListHelp, ["options": options.joined(separator: "; ")]))
            }
        }
    }

    var takeawayText: String { AppState.takeaway(content: content, list: myList, profile: profile) }

    func saveList() {
        guard let save else {
            say(t(.plainNoSave))
            return
        }
        guard !myList.isEmpty else { say(t(.plainListEmptySave)); return }
        guard let name = ask(t(.plainSaveAs)) else { return }
        say(save(name.isEmpty ? t(.saveDefaultName) : name, takeawayText))
    }

    func printList() {
        guard let print else {
            say(t(.plainNoPrint))
            return
        }
        guard !myList.isEmpty else { say(t(.plainListEmptySave)); return }
        say(print(takeawayText))
    }

    func browse(_ entries: [Entry], title: String) {
        say(t(.plainBrowseCount, ["title": title, "count": t(.countEntries, count: entries.count)]))
        let rows = entries.map { e in (e, profile.constrainsEligibility ? content.eligibility(of: e, profile: profile) : nil) }
        pick(rows)
    }

    /// The browse groups the full screen lists (built once per content, in the page cache).
    func browseByType() {
        let groups = state.browseGroups
        for (i, g) in groups.enumerated() { write("\(i + 1). \(g.label)") }
        guard let a = ask(t(.plainWhichOne)), let n = Int(a), n >= 1, n <= groups.count else { return }
        browse(groups[n - 1].ids.compactMap { content.entry($0) }, title: groups[n - 1].label)
    }

    func talk() {
        let rows = content.talkToEntries.map { ($0, Optional<Eligibility>.none) }
        say(t(.plainTalk))
        pick(rows)
    }
}
