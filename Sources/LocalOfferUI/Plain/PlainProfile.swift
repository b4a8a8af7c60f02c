import LocalOfferCore

/// "About your child" and the glossary, in plain mode.
extension PlainSession {
    /// "About your child": asked once, used by search, lists and every guided question.
    func editProfile() {
        let notSet = t(.plainNotSet)
        while !finished {
            say(t(.plainAboutChild, ["profile": profile.isEmpty ? t(.plainNothingYet) : profile.summary]))
            write("1. " + t(.plainWhereYouLive, ["value": profile.borough?.fullName ?? notSet]))
            write("2. " + t(.plainAge, ["value": profile.age.map(String.init) ?? notSet]))
            write("3. " + t(.plainSupport, ["value": profile.status?.label ?? notSet]))
            write("4. " + t(.plainFindsHard, ["value": profile.needs.isEmpty ? notSet : profile.needs.sorted().map(\.label).joined(separator: ", ")]))
            guard let a = ask(t(.plainWhichToChange)), !a.isEmpty else { return }
            switch a {
            case "1":
                switch choose(Borough.allCases.map(\.fullName)) {
                case .ended: return
                case .unchanged: break
                case .cleared: state.session.profile.borough = nil
                case .picked(let i): state.session.profile.borough = Borough.allCases[i]
                }
            case "2":
                guard let v = ask(t(.plainAskAge)) else { return }
                if v.isEmpty { state.session.profile.age = nil }
                else if let n = Int(v), validAges.contains(n) { state.session.profile.age = n }
                else { say(t(.plainAgeHelp)) }
            case "3":
                switch choose(Status.allCases.map(\.label)) {
                case .ended: return
                case .unchanged: break
                case .cleared: state.session.profile.status = nil
                case .picked(let i): state.session.profile.status = Status.allCases[i]
                }
            case "4":
                for (i, n) in NeedArea.allCases.enumerated() { write("\(i + 1). \(n.label)") }
                guard let v = ask(t(.plainAskNeeds)) else { return }
                let picked = v.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if picked.allSatisfy({ (1...NeedArea.allCases.count).contains($0) }) {
                    state.session.profile.needs = Set(picked.map { NeedArea.allCases[$0 - 1] })
                } else {
                    say(t(.plainNeedsHelp, ["n": "\(NeedArea.allCases.count)"]))
                }
            default:
                say(t(.plainProfileHelp))
            }
        }
    }

    private enum Choice { case ended, unchanged, cleared, picked(Int) }

    /// One of `options` by number, or the last number for "not set".
    private func choose(_ options: [String]) -> Choice {
        for (i, o) in options.enumerated() { write("\(i + 1). \(o)") }
        write("\(options.count + 1). " + t(.plainNotSetItem))
        guard let v = ask(t(.plainTypeNumber)) else { return .ended }
        if let n = Int(v), n >= 1, n <= options.count { return .picked(n - 1) }
        if Int(v) == options.count + 1 { return .cleared }
        say(t(.plainNotChanged))
        return .unchanged
    }

    /// The glossary screen's matches, in plain words.
    func glossary() {
        guard let w = ask(t(.plainWhichWord)), !w.isEmpty else { return }
        let terms = state.glossaryMatches(w)
        if terms.isEmpty {
            say(t(.plainNoWord))
            return
        }
        for term in terms {
            say(term.term + (term.aliases.isEmpty ? "" : t(.plainAlso, ["aliases": term.aliases.joined(separator: ", ")])))
            say(term.meaning)
        }
    }
}
