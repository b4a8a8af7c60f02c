import Foundation
import LocalOfferCore

extension AppState {
    /// The take-away a family leaves with (saved or printed): for each entry on their list, what it
    /// is, every way to reach it (phone, email, website) for their borough, how to get it, what to
    /// ask and bring, the timescales the law sets; and when it was made and for whom, so it still
    /// makes sense on the fridge a month later.
    public func takeaway(madeOn date: Date = Date()) -> String {
        AppState.takeaway(content: content, list: session.myList, profile: session.profile, madeOn: date)
    }

    /// The same take-away for any front end (plain mode has no AppState).
    public static func takeaway(content: Content, list: [String], profile p: Profile, madeOn date: Date = Date()) -> String {
        let width = 76
        var lines = ["Your list from the Local Offer (Richmond and Kingston)", "Made on \(AppState.longDate(date))"]
        lines.append(p.isEmpty ? "About your child: not given (both boroughs shown)" : "About your child: \(p.summary)")
        lines.append("")
        func para(_ text: String, prefix: String = "  ") {
            lines += Wrap.indent(text, width: width, prefix: prefix)
        }
        func contact(_ c: Contact, prefix: String = "  ") {
            if let phone = c.phone { para(phone, prefix: prefix + "Phone: ") }
            if let email = c.email { para(email, prefix: prefix + "Email: ") }
            if let web = c.website { para(web, prefix: prefix + "Website: ") }
        }
        for (n, id) in list.enumerated() {
            guard let e = content.entry(id) else { continue }
            lines.append("\(n + 1). \(e.title)")
            para(e.summary, prefix: "  What it is: ")
            if p.constrainsEligibility {
                para(EntryText.verdictLine(content.eligibility(of: e, profile: p)), prefix: "  For your child: ")
            }
            if let c = e.contact, !c.isEmpty { contact(c) }
            let boroughs = Borough.allCases.filter { p.borough == nil || p.borough == $0 }
            for b in boroughs {
                guard let part = e.boroughs[b] else { continue }
                guard part.offered else {
                    para("not offered" + (part.reason.map { ": " + $0 } ?? "."), prefix: "  In \(b.name): ")
                    continue
                }
                // One borough chosen: its details need no label. Both: say which is which.
                if boroughs.count > 1 { lines.append("  In \(b.name):") }
                let inner = boroughs.count > 1 ? "    " : "  "
                if let provider = part.provider { para(provider, prefix: inner + "Who runs it: ") }
                if let how = part.howToGet { para(how, prefix: inner + "How to get it: ") }
                if let c = part.contact, !c.isEmpty { contact(c, prefix: inner) }
            }
            if let cost = e.cost { para(cost, prefix: "  Cost: ") }
            if let t = e.talkingPoints, !t.isEmpty {
                for a in t.ask { para(a, prefix: "  Ask: ") }
                for b in t.bring { para(b, prefix: "  Bring: ") }
                for x in t.next { para(x, prefix: "  Next: ") }
            }
            if let t = e.statutory?.timescales { para(t, prefix: "  Timescales: ") }
            lines.append("")
        }
        lines.append("Free, impartial advice: SENDIASS (Kingston and Richmond SEND Information, Advice and Support Service).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// "1 December 2026", the same in every locale (a printed sheet is read in English).
    static func longDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let c = calendar.dateComponents([.day, .month, .year], from: date)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        guard let d = c.day, let m = c.month, let y = c.year, (1...12).contains(m) else { return "" }
        return "\(d) \(months[m - 1]) \(y)"
    }
}
